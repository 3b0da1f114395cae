import { Alert, Button, Group, List, Stack, Text, ThemeIcon, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed, IconCircleX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import { type Handoff, handoffGapCodes } from "./handoff-api";

/** Complete with who and when, or the checklist of what the hand-off still lacks. */
export function HandoffStatus({
  handoff,
  editable,
  completing,
  onComplete,
}: {
  handoff: Handoff;
  editable: boolean;
  completing: boolean;
  onComplete: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  if (handoff.complete)
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck size={20} />}
        title={t("handoff.completeTitle")}
        data-testid="handoff-complete"
      >
        {t("handoff.completedBy", {
          name: handoff.completedBy?.name ?? t("handoff.someone"),
          date: f.dateTime(handoff.completedAt),
        })}
      </Alert>
    );

  const missing = new Set(handoff.missing);
  return (
    <Alert
      color={missing.size ? "yellow" : "blue"}
      variant="light"
      icon={missing.size ? <IconAlertTriangle size={20} /> : <IconCircleDashed size={20} />}
      title={missing.size ? t("handoff.incompleteTitle", { count: missing.size }) : t("handoff.readyTitle")}
      data-testid="handoff-incomplete"
    >
      <Stack gap="sm">
        <List spacing={4} size="sm" center data-testid="handoff-checklist">
          {handoffGapCodes.map((code) => (
            <List.Item
              key={code}
              data-testid={missing.has(code) ? "handoff-missing" : "handoff-done"}
              data-code={code}
              icon={
                <ThemeIcon size={18} radius="xl" variant="light" color={missing.has(code) ? "red" : "teal"}>
                  {missing.has(code) ? <IconCircleX size={14} /> : <IconCircleCheck size={14} />}
                </ThemeIcon>
              }
            >
              <Text size="sm" c={missing.has(code) ? undefined : "dimmed"}>
                {t(`handoff.gaps.${code}`)}
              </Text>
            </List.Item>
          ))}
        </List>
        {editable && (
          <Group>
            <Tooltip label={t("handoff.completeBlocked")} disabled={missing.size === 0}>
              <Button
                color="teal"
                onClick={onComplete}
                loading={completing}
                disabled={missing.size > 0}
                leftSection={<IconCircleCheck size={16} />}
                data-testid="handoff-complete-button"
              >
                {t("handoff.complete")}
              </Button>
            </Tooltip>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
