import { Badge, type BadgeProps, ThemeIcon, Tooltip } from "@mantine/core";
import { IconCircleCheck, IconCircleDashed } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";

const frequencyColors: Record<string, string> = {
  daily: "teal",
  weekly: "blue",
  monthly: "yellow",
  inactive: "red",
};

export function UsageFrequencyBadge({
  frequency,
  size,
}: {
  frequency: string | null;
  size?: BadgeProps["size"];
}) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      size={size}
      color={frequency ? (frequencyColors[frequency] ?? "gray") : "gray"}
      tt="none"
      styles={{ label: { overflow: "visible" } }}
      data-testid="usage-frequency-badge"
      data-frequency={frequency ?? "none"}
    >
      {frequency
        ? t(`usageFrequencies.${frequency}`, { defaultValue: frequency })
        : t("events.frequency.none")}
    </Badge>
  );
}

export function ActivationBadge({
  activatedAt,
  size,
}: {
  activatedAt: string | null | undefined;
  size?: BadgeProps["size"];
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  return activatedAt ? (
    <Badge
      variant="light"
      color="teal"
      size={size}
      tt="none"
      leftSection={<IconCircleCheck size={12} />}
      styles={{ label: { overflow: "visible" } }}
      title={t("events.activatedOn", { date: f.date(activatedAt) })}
      data-testid="activation-badge"
      data-activated="true"
    >
      {t("events.activated")}
    </Badge>
  ) : (
    <Badge
      variant="outline"
      color="gray"
      size={size}
      tt="none"
      styles={{ label: { overflow: "visible" } }}
      data-testid="activation-badge"
      data-activated="false"
    >
      {t("events.notActivated")}
    </Badge>
  );
}

/** Activation as one icon with its meaning in a tooltip, for tight table cells. */
export function ActivationMark({ activatedAt }: { activatedAt: string | null | undefined }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const label = activatedAt
    ? t("events.activatedOn", { date: f.date(activatedAt) })
    : t("events.notActivated");
  return (
    <Tooltip label={label} withinPortal>
      <ThemeIcon
        size={22}
        radius="xl"
        variant="light"
        color={activatedAt ? "teal" : "gray"}
        aria-label={label}
        role="img"
        data-testid="activation-badge"
        data-activated={activatedAt ? "true" : "false"}
      >
        {activatedAt ? <IconCircleCheck size={15} /> : <IconCircleDashed size={15} />}
      </ThemeIcon>
    </Tooltip>
  );
}
