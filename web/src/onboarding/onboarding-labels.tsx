// Status badges, reasons in words, progress bars and texts in the UI language for onboardings.
import { Badge, Group, Progress, Text, Tooltip } from "@mantine/core";
import type { TFunction } from "i18next";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { toZonedDay, useWorkspaceTimeZone } from "../platform/format";
import type { Text as LocalText, OnboardingStatus, StatusReason } from "./onboarding-api";

export const statusColors: Record<OnboardingStatus, string> = {
  on_track: "teal",
  at_risk: "yellow",
  overdue: "red",
  completed: "blue",
  churned: "gray",
};

export const stageColors: Record<string, string> = {
  initial_response: "indigo",
  measure_design: "grape",
  training: "teal",
};

export function pickText(value: LocalText | null | undefined, lang: string): string {
  if (!value) return "";
  if (typeof value === "string") return value;
  return lang === "en" ? value.en || value.ja : value.ja || value.en;
}

/** Picks the UI language's side of a {ja,en} text. */
export function useLocalize(): (value: LocalText | null | undefined) => string {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  return useCallback((value) => pickText(value, lang), [lang]);
}

export function describeReason(reason: StatusReason, t: TFunction): string {
  const r = reason as Record<string, unknown>;
  const n = (k: string) => (typeof r[k] === "number" ? (r[k] as number) : 0);
  switch (reason.code) {
    case "completed":
      return t(`onboarding.reasons.completed_${reason.source ?? "csm"}`, {
        defaultValue: t("onboarding.reasons.completed"),
      });
    case "churned":
      return reason.reason
        ? t("onboarding.reasons.churnedWith", { reason: reason.reason })
        : t("onboarding.reasons.churned");
    case "past_due":
      return t("onboarding.reasons.past_due", { count: n("days") });
    case "tasks_overdue":
      return t("onboarding.reasons.tasks_overdue", { count: n("count"), days: n("oldestDays") });
    case "stalled":
      return t("onboarding.reasons.stalled", { count: n("days") });
    case "behind_schedule":
      return t("onboarding.reasons.behind_schedule", {
        expected: Math.round(n("expected") * 100),
        actual: Math.round(n("actual") * 100),
      });
    case "not_agreed":
      return t("onboarding.reasons.not_agreed", { count: n("days") });
    case "criteria_unmet":
      return t("onboarding.reasons.criteria_unmet", { count: n("count"), days: n("daysLeft") });
    default:
      return t(`onboarding.reasons.${(reason as { code: string }).code}`, {
        defaultValue: (reason as { code: string }).code,
      });
  }
}

export function StatusBadge({
  status,
  size,
}: {
  status: OnboardingStatus;
  size?: "xs" | "sm" | "md" | "lg";
}) {
  const { t } = useTranslation();
  return (
    <Badge
      color={statusColors[status] ?? "gray"}
      variant={status === "on_track" || status === "completed" ? "light" : "filled"}
      size={size}
      tt="none"
      styles={{ label: { overflow: "visible" } }}
      data-testid="onboarding-status"
      data-status={status}
    >
      {t(`onboarding.status.${status}`)}
    </Badge>
  );
}

/** The status with its reasons in words under it. */
export function StatusWithReasons({
  status,
  reasons,
  compact,
}: {
  status: OnboardingStatus;
  reasons: StatusReason[];
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const lines = reasons.filter((r) => r.code !== "completed").map((r) => describeReason(r, t));
  return (
    <div>
      <StatusBadge status={status} />
      {lines.length > 0 &&
        (compact ? (
          <Tooltip label={lines.join(" / ")} multiline maw={320} withArrow>
            <Text size="xs" c="dimmed" mt={2} lineClamp={2} data-testid="onboarding-reason">
              {lines.join(" / ")}
            </Text>
          </Tooltip>
        ) : (
          lines.map((line) => (
            <Text key={line} size="sm" c="dimmed" mt={2} data-testid="onboarding-reason">
              {line}
            </Text>
          ))
        ))}
    </div>
  );
}

export function ProgressCell({
  progress,
  done,
  total,
  status,
}: {
  progress: number;
  done?: number;
  total?: number;
  status: OnboardingStatus;
}) {
  const { t } = useTranslation();
  const pct = Math.round(progress * 100);
  return (
    <Group gap={8} wrap="nowrap" data-testid="onboarding-progress">
      <Progress
        value={pct}
        color={statusColors[status] ?? "blue"}
        size="md"
        radius="xl"
        style={{ flex: 1, minWidth: 64 }}
        aria-label={t("onboarding.progress")}
      />
      <Text size="sm" fw={600} w={40} ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
        {pct}%
      </Text>
      {total !== undefined && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          {done}/{total}
        </Text>
      )}
    </Group>
  );
}

/** Today's date (YYYY-MM-DD) in the workspace time zone. */
export function useToday(): string {
  const tz = useWorkspaceTimeZone();
  return toZonedDay(new Date().toISOString(), tz) ?? new Date().toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
