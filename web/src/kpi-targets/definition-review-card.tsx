// Seed 001's half-yearly review of what the KPIs mean (target days, activation), and where alerts go.
import { Badge, Button, Card, Group, Select, Stack, Text } from "@mantine/core";
import { IconCalendarCheck } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { AnchorLink } from "../platform/anchor-link";
import { apiPatch } from "../platform/api";
import { useFormatters } from "../platform/format";
import { notifyError, notifySuccess } from "../platform/notify";
import { type DefinitionsReview, useMarkDefinitionsReviewed } from "./kpi-targets-api";

const channels = ["off", "email", "chat", "both"] as const;
type Channel = (typeof channels)[number];

export function DefinitionReviewCard({ review }: { review: DefinitionsReview | undefined }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const f = useFormatters();
  const manager = canManageWorkspace(me);
  const markReviewed = useMarkDefinitionsReviewed();
  const queryClient = useQueryClient();
  const settings = me.workspace.settings as typeof me.workspace.settings & {
    "kpi.alertNotifications"?: Channel;
  };
  const saveChannel = useMutation({
    mutationFn: (channel: Channel) => apiPatch("/api/v1/settings", { "kpi.alertNotifications": channel }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["me"] });
      notifySuccess(t("kpiTargets.notifications.saved"));
    },
    onError: notifyError,
  });
  const events = settings["activation.events"];
  return (
    <Card withBorder radius="md" padding="md" data-testid="definition-review">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={4} style={{ flex: "1 1 380px" }}>
          <Group gap="xs">
            <IconCalendarCheck size={18} />
            <Text fw={600}>{t("kpiTargets.definitions.title")}</Text>
            {review?.due && (
              <Badge color="orange" variant="light" data-testid="definition-review-due">
                {t("kpiTargets.definitions.due")}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t("kpiTargets.definitions.text")}
          </Text>
          <Text size="sm">
            {t("kpiTargets.definitions.targetDays", { days: settings["kpi.targetDays"] })}
          </Text>
          <Text size="sm">
            {events.length > 0
              ? t("kpiTargets.definitions.activation", {
                  events: events.join(i18n.resolvedLanguage === "en" ? ", " : "、"),
                  mode: t(`kpiTargets.definitions.mode.${settings["activation.mode"]}`),
                })
              : t("kpiTargets.definitions.activationNone")}
          </Text>
          {review && (
            <Text size="xs" c="dimmed">
              {t("kpiTargets.definitions.reviewedOn", { date: f.date(review.reviewedOn) })} ·{" "}
              {t("kpiTargets.definitions.dueOn", { date: f.date(review.dueOn) })}
            </Text>
          )}
        </Stack>
        <Stack gap="xs" align="flex-end" style={{ flex: "0 1 260px" }}>
          {manager && (
            <Button
              variant={review?.due ? "filled" : "light"}
              size="xs"
              onClick={() =>
                markReviewed.mutate(undefined, {
                  onSuccess: () => notifySuccess(t("kpiTargets.reviewed")),
                  onError: notifyError,
                })
              }
              loading={markReviewed.isPending}
              data-testid="definition-review-mark"
            >
              {t("kpiTargets.markReviewed")}
            </Button>
          )}
          {manager && (
            <AnchorLink to="/settings" size="sm">
              {t("kpiTargets.definitions.openSettings")}
            </AnchorLink>
          )}
          <Select
            label={t("kpiTargets.notifications.label")}
            description={t("kpiTargets.notifications.hint")}
            data={channels.map((c) => ({ value: c, label: t(`kpiTargets.notifications.${c}`) }))}
            value={settings["kpi.alertNotifications"] ?? "off"}
            onChange={(v) => v && saveChannel.mutate(v as Channel)}
            allowDeselect={false}
            disabled={!manager || saveChannel.isPending}
            w="100%"
            size="xs"
            comboboxProps={{ withinPortal: true }}
            data-testid="alert-notifications"
          />
        </Stack>
      </Group>
    </Card>
  );
}
