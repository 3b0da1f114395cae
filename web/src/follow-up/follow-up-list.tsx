// The ranked follow-ups: the account, its status in words, the proposal in words, owner, urgency, decisions.
import { Badge, Button, Card, Group, Skeleton, Stack, Text, ThemeIcon, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconClockExclamation, IconX } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { TouchModelBadge } from "../accounts/account-badges";
import { StatusWithReasons, useLocalize } from "../onboarding/onboarding-labels";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters } from "../platform/format";
import type { FollowUp } from "./follow-up-api";

export type Urgency = "high" | "medium" | "low";
export const urgencyOf = (score: number): Urgency => (score >= 90 ? "high" : score >= 50 ? "medium" : "low");
const urgencyColors: Record<Urgency, string> = { high: "red", medium: "orange", low: "gray" };

/** The lines that say why this follow-up is proposed, in the UI language. */
export function useWhyLines(): (f: FollowUp) => string[] {
  const { t } = useTranslation();
  const localize = useLocalize();
  return (f) => whyLines(f, t, localize);
}

function whyLines(f: FollowUp, t: TFunction, localize: (v: { ja: string; en: string }) => string): string[] {
  const lines: string[] = [];
  const tasks = f.details.tasks ?? [];
  if (tasks.length > 0)
    lines.push(
      t("followUp.why.tasks", {
        tasks: tasks
          .slice(0, 3)
          .map((task) =>
            task.daysOverdue > 0
              ? t("followUp.why.taskOverdue", { title: localize(task.title), count: task.daysOverdue })
              : localize(task.title),
          )
          .join(t("followUp.why.separator")),
      }),
    );
  if (f.details.criteria) lines.push(t("followUp.why.criteria", f.details.criteria));
  if (f.trigger === "not_agreed" && f.action === "agree_criteria")
    lines.push(t("followUp.why.notAgreed", { count: f.details.days ?? 0 }));
  const low = (f.details.reasons as { code: string; kind?: unknown; score?: unknown }[]).find(
    (r) => r.code === "detractor",
  );
  if (f.trigger === "detractor" && low)
    lines.push(
      t("followUp.why.detractor", {
        score: `${low.kind === "csat" ? "CSAT" : "NPS"} ${String(low.score ?? "")}`,
        comment: typeof f.details.comment === "string" && f.details.comment ? `「${f.details.comment}」` : "",
      }),
    );
  return lines;
}

export function FollowUpList({
  items,
  offset = 0,
  canDecide,
  onAccept,
  onDismiss,
}: {
  items: FollowUp[] | undefined;
  /** How many come before the first one (earlier pages), for the rank numbers. */
  offset?: number;
  canDecide: boolean;
  onAccept: (f: FollowUp) => void;
  onDismiss: (f: FollowUp) => void;
}) {
  if (!items)
    return (
      <Stack gap="sm">
        {Array.from({ length: 4 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cards have no identity
          <Skeleton key={i} height={120} radius="md" />
        ))}
      </Stack>
    );
  return (
    <Stack gap="sm" data-testid="follow-up-list">
      {items.map((f, i) => (
        <FollowUpCard
          key={f.id}
          rank={offset + i + 1}
          followUp={f}
          canDecide={canDecide}
          onAccept={onAccept}
          onDismiss={onDismiss}
        />
      ))}
    </Stack>
  );
}

function FollowUpCard({
  followUp: f,
  rank,
  canDecide,
  onAccept,
  onDismiss,
}: {
  followUp: FollowUp;
  rank: number;
  canDecide: boolean;
  onAccept: (f: FollowUp) => void;
  onDismiss: (f: FollowUp) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const why = useWhyLines()(f);
  const urgency = urgencyOf(f.score);
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="follow-up-card"
      data-action={f.action}
      data-account={f.accountName}
      data-status={f.status}
    >
      <Group align="flex-start" wrap="wrap" gap="lg">
        <Stack gap={6} style={{ flex: "1 1 220px", minWidth: 200 }}>
          <Group gap={8} wrap="nowrap">
            <Text
              size="xs"
              c="dimmed"
              fw={600}
              w={20}
              ta="right"
              style={{ fontVariantNumeric: "tabular-nums" }}
            >
              {rank}
            </Text>
            <AnchorLink
              to="/accounts/$accountId"
              params={{ accountId: f.accountId }}
              search={{ tab: "onboarding" }}
              fw={700}
              lineClamp={1}
              data-testid="follow-up-account"
            >
              {f.accountName}
            </AnchorLink>
            <TouchModelBadge model={f.touchModel} size="sm" />
          </Group>
          <div style={{ paddingLeft: 28 }}>
            <StatusWithReasons status={f.onboarding.status} reasons={f.onboarding.statusReasons} compact />
            <Text size="xs" c="dimmed" mt={4}>
              {t("followUp.progress", { percent: Math.round(f.onboarding.progress * 100) })}
            </Text>
          </div>
        </Stack>

        <Stack gap={6} style={{ flex: "2 1 300px", minWidth: 240 }}>
          <Group gap={8} wrap="nowrap" align="flex-start">
            <ThemeIcon variant="light" color={urgencyColors[urgency]} size="md" radius="xl">
              {f.trigger === "overdue" ? <IconClockExclamation size={16} /> : <IconAlertTriangle size={16} />}
            </ThemeIcon>
            <div>
              <Text fw={600} size="sm" data-testid="follow-up-action">
                {t(`followUp.actions.${f.action}`)}
              </Text>
              <Badge
                variant="outline"
                color="gray"
                size="sm"
                tt="none"
                mt={4}
                data-testid="follow-up-trigger"
              >
                {t(`followUp.triggers.${f.trigger}`)}
              </Badge>
            </div>
          </Group>
          {why.map((line) => (
            <Text key={line} size="sm" c="dimmed" pl={36} data-testid="follow-up-why">
              {line}
            </Text>
          ))}
          <Decision f={f} t={t} date={fmt.date} />
        </Stack>

        <Stack gap={8} align="flex-end" style={{ flex: "0 0 auto", minWidth: 150 }} ml="auto">
          <Tooltip label={t("followUp.urgency.score", { score: f.score })} withArrow>
            <Badge color={urgencyColors[urgency]} variant="light" tt="none" data-testid="follow-up-urgency">
              {t("followUp.urgency.label")}: {t(`followUp.urgency.${urgency}`)}
            </Badge>
          </Tooltip>
          <Text size="sm" data-testid="follow-up-owner">
            {f.ownerName ?? t("followUp.noOwner")}
          </Text>
          {canDecide && f.status === "open" && (
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                leftSection={<IconX size={14} />}
                onClick={() => onDismiss(f)}
                data-testid="follow-up-dismiss"
              >
                {t("followUp.dismiss")}
              </Button>
              <Button
                size="xs"
                leftSection={<IconCheck size={14} />}
                onClick={() => onAccept(f)}
                data-testid="follow-up-accept"
              >
                {t("followUp.accept")}
              </Button>
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

function Decision({ f, t, date }: { f: FollowUp; t: TFunction; date: (v: string | null) => string }) {
  if (f.status === "open") return null;
  const name = f.decidedByName ?? t("followUp.someone");
  const text =
    f.status === "accepted"
      ? t("followUp.decidedAccepted", { name, date: date(f.decidedAt) })
      : f.status === "dismissed"
        ? t("followUp.decidedDismissed", { name, date: date(f.decidedAt), reason: f.decisionReason ?? "" })
        : t("followUp.decidedResolved", { date: date(f.updatedAt) });
  return (
    <Text
      size="sm"
      pl={36}
      c={f.status === "dismissed" ? "gray.7" : "teal.8"}
      data-testid="follow-up-decision"
    >
      {text}
    </Text>
  );
}
