// One line describing a trigger: when, for whom.
import { Group, Text, ThemeIcon } from "@mantine/core";
import { IconClockPlay } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useSegmentLabel } from "../segmentation/segment-labels";
import type { SurveyTrigger } from "./surveys-api";

export function TriggerSummary({
  trigger,
}: {
  trigger: Pick<SurveyTrigger, "kind" | "days" | "segments" | "touchModels" | "roles">;
}) {
  const { t } = useTranslation();
  const segmentLabel = useSegmentLabel();
  const when =
    trigger.kind === "at_completion"
      ? t("surveys.triggers.atCompletion")
      : t("surveys.triggers.daysAfterStart", { count: trigger.days ?? 0 });
  const limits = [
    trigger.segments.length ? trigger.segments.map(segmentLabel).join("・") : null,
    trigger.touchModels.length ? trigger.touchModels.map((m) => t(`touchModels.${m}`)).join("・") : null,
    trigger.roles.length
      ? trigger.roles.map((r) => t(`contactRoles.${r}`, { defaultValue: r })).join("・")
      : null,
  ].filter(Boolean);
  return (
    <Group gap={6} wrap="nowrap" data-testid="survey-trigger">
      <ThemeIcon size="sm" variant="light" color="gray">
        <IconClockPlay size={12} />
      </ThemeIcon>
      <Text size="xs">
        {when}
        {limits.length ? ` · ${limits.join(" / ")}` : ` · ${t("surveys.triggers.everyone")}`}
      </Text>
    </Group>
  );
}
