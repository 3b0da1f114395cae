// Under the dashboard's period: the KPIs off track against their target (with a way to their breakdown),
// the targets and definitions due for review, and the way to the Targets screen.
import { Alert, Group, List, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCalendarDue, IconTarget } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { kpiAlertsQuery, type TargetScope } from "../kpi-targets/kpi-targets-api";
import { AnchorLink } from "../platform/anchor-link";
import { ButtonLink } from "../platform/button-link";
import { useFormatters } from "../platform/format";
import { pickLabel, useSegmentLabel } from "../segmentation/segment-labels";
import { kpiDefinitionsQuery } from "./dashboard-api";
import { makeKpiFormat } from "./kpi-format";
import type { KpiId, Period } from "./kpi-types";

export function KpiAlerts({ period }: { period: Period }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const f = useFormatters();
  const format = useMemo(() => makeKpiFormat(lang), [lang]);
  const definitions = useQuery(kpiDefinitionsQuery);
  const alerts = useQuery(kpiAlertsQuery(period));
  const segmentLabel = useSegmentLabel();
  const defOf = (id: KpiId) => definitions.data?.definitions.find((d) => d.id === id);
  const nameOf = (id: KpiId) => pickLabel(defOf(id)?.name, lang) ?? id;
  const scopeText = (scope: TargetScope) =>
    scope
      ? t("kpiTargets.alerts.scopeSuffix", {
          dimension: t(`kpiTargets.scope.${scope.dimension}`),
          value:
            scope.dimension === "segment"
              ? segmentLabel(scope.value)
              : t(`touchModels.${scope.value}`, scope.value),
        })
      : "";
  const data = alerts.data;

  return (
    <Stack gap="xs" data-testid="kpi-alerts">
      <Group justify="flex-end">
        <ButtonLink
          to="/dashboard/targets"
          variant="light"
          size="xs"
          leftSection={<IconTarget size={15} />}
          data-testid="dashboard-set-targets"
        >
          {t("kpiTargets.setTargets")}
        </ButtonLink>
      </Group>
      {data && data.alerts.length > 0 && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={t("kpiTargets.alerts.title")}
          data-testid="kpi-alerts-off-track"
        >
          <List size="sm" spacing={4}>
            {data.alerts.map((a) => {
              const def = defOf(a.kpiId);
              return (
                <List.Item key={`${a.kpiId}:${a.scope?.dimension ?? ""}:${a.scope?.value ?? ""}`}>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm">
                      {t("kpiTargets.alerts.line", {
                        kpi: nameOf(a.kpiId),
                        scope: scopeText(a.scope),
                        value: def ? format.value(def, a.value) : a.value,
                        target: def ? format.value(def, a.target) : a.target,
                      })}
                    </Text>
                    <AnchorLink
                      from="/dashboard"
                      to="/dashboard"
                      search={(prev) => ({
                        ...prev,
                        by: a.scope?.dimension ?? prev.by ?? "segment",
                        kpi: a.kpiId,
                      })}
                      size="sm"
                    >
                      {t("kpiTargets.alerts.viewBreakdown")}
                    </AnchorLink>
                  </Group>
                </List.Item>
              );
            })}
          </List>
        </Alert>
      )}
      {data && data.reviews.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconCalendarDue size={18} />}
          title={t("kpiTargets.alerts.reviewsTitle")}
          data-testid="kpi-alerts-reviews"
        >
          <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
            <List size="sm" spacing={2}>
              {data.reviews.map((r) => (
                <List.Item key={r.kind === "target" ? r.targetId : "definitions"}>
                  {r.kind === "target"
                    ? t("kpiTargets.alerts.reviewTarget", {
                        kpi: nameOf(r.kpiId),
                        scope: scopeText(r.scope),
                        date: f.date(r.dueOn),
                      })
                    : t("kpiTargets.alerts.reviewDefinitions", { date: f.date(r.dueOn) })}
                </List.Item>
              ))}
            </List>
            <AnchorLink to="/dashboard/targets" size="sm">
              {t("kpiTargets.alerts.openTargets")}
            </AnchorLink>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
