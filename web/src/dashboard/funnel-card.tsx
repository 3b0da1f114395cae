// Started → activated → completed for the period's cohort (the onboardings started in it).
import { Card, Group, Progress, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { KpiSet } from "./dashboard-api";

export function FunnelCard({ kpis }: { kpis: KpiSet | undefined }) {
  const { t, i18n } = useTranslation();
  const pct = new Intl.NumberFormat(i18n.resolvedLanguage === "en" ? "en" : "ja", {
    style: "percent",
    maximumFractionDigits: 0,
  });
  const started = kpis?.onboarding_completion_rate.denominator ?? 0;
  const steps = kpis
    ? [
        { key: "started", count: started, color: "indigo.4" },
        { key: "activated", count: kpis.activation_rate.numerator ?? 0, color: "indigo.6" },
        { key: "completed", count: kpis.onboarding_completion_rate.numerator ?? 0, color: "teal.6" },
      ]
    : [];
  return (
    <Card withBorder radius="md" padding="md" data-testid="dashboard-funnel">
      <Title order={2} size="h4">
        {t("dashboard.funnel.title")}
      </Title>
      <Text size="xs" c="dimmed" mb="md">
        {t("dashboard.funnel.subtitle")}
      </Text>
      {!kpis ? (
        <Stack gap="md">
          <Skeleton h={32} />
          <Skeleton h={32} />
          <Skeleton h={32} />
        </Stack>
      ) : started === 0 ? (
        <Text size="sm" c="dimmed" data-testid="dashboard-funnel-empty">
          {t("dashboard.funnel.empty")}
        </Text>
      ) : (
        <Stack gap="md">
          {steps.map((s) => (
            <div key={s.key} data-testid={`funnel-${s.key}`}>
              <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
                <Text size="sm" fw={500}>
                  {t(`dashboard.funnel.${s.key}`)}
                </Text>
                <Group gap={8} wrap="nowrap">
                  <Text size="sm" fw={700} data-testid="funnel-count">
                    {s.count}
                  </Text>
                  {s.key !== "started" && (
                    <Text size="xs" c="dimmed">
                      {t("dashboard.funnel.ofStarted", { pct: pct.format(s.count / started) })}
                    </Text>
                  )}
                </Group>
              </Group>
              <Progress value={(100 * s.count) / started} color={s.color} size="lg" radius="sm" />
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
