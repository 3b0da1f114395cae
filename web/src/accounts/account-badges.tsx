import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

const planColors: Record<string, string> = { premium: "violet", middle: "blue", light: "teal" };
const phaseColors: Record<string, string> = {
  onboarding: "blue",
  adoption: "teal",
  expansion: "grape",
  churned: "gray",
};

export function PlanBadge({ plan }: { plan: string | null }) {
  const { t } = useTranslation();
  if (!plan) return <span>—</span>;
  const key = plan.toLowerCase();
  return (
    <Badge
      variant="light"
      color={planColors[key] ?? "gray"}
      tt="none"
      styles={{ label: { overflow: "visible" } }}
    >
      {t(`plans.${key}`, { defaultValue: plan })}
    </Badge>
  );
}

export function PhaseBadge({ phase }: { phase: string | null }) {
  const { t } = useTranslation();
  if (!phase) return <span>—</span>;
  return (
    <Badge
      variant="dot"
      color={phaseColors[phase] ?? "gray"}
      tt="none"
      styles={{ label: { overflow: "visible" } }}
    >
      {t(`phases.${phase}`, { defaultValue: phase })}
    </Badge>
  );
}

export const touchModelColors: Record<string, string> = {
  high: "grape",
  low: "blue",
  tech: "cyan",
  community: "orange",
};

export function TouchModelBadge({
  model,
  overridden,
  size,
}: {
  model: string | null;
  overridden?: boolean;
  size?: "xs" | "sm" | "md";
}) {
  const { t } = useTranslation();
  if (!model) return <span>—</span>;
  return (
    <Badge
      variant="light"
      size={size}
      color={touchModelColors[model] ?? "gray"}
      tt="none"
      styles={{ label: { overflow: "visible" } }}
      data-testid="touch-model-badge"
      title={overridden ? t("touchModel.overridden") : undefined}
    >
      {t(`touchModels.${model}`, { defaultValue: model })}
      {overridden ? " ✎" : ""}
    </Badge>
  );
}
