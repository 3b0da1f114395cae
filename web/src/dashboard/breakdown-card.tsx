// One KPI per group of the chosen dimension: a bar chart with each group's evidence, and the numbers.
import { BarChart } from "@mantine/charts";
import { ActionIcon, Card, Group, Select, Skeleton, Table, Text, Title, Tooltip } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconFilter } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { pickLabel, useSegmentLabel } from "../segmentation/segment-labels";
import {
  type BreakdownDimension,
  breakdownDimensions,
  type FilterKey,
  type KpiDefinition,
  type KpiFilters,
  type KpiId,
  type KpiValue,
  kpisQuery,
  NONE,
  type Period,
} from "./dashboard-api";
import type { KpiFormat } from "./kpi-format";

type Props = {
  period: Period;
  filters: KpiFilters;
  by: BreakdownDimension;
  kpi: KpiId;
  definitions: KpiDefinition[];
  format: KpiFormat;
  onChange: (patch: { by?: BreakdownDimension; kpi?: KpiId }) => void;
  /** Narrows the dashboard to one group (the dimensions that are also filters). */
  onFilter: (key: FilterKey, value: string) => void;
};

const filterOf: Partial<Record<BreakdownDimension, FilterKey>> = {
  segment: "segment",
  touch_model: "touchModel",
  owner: "owner",
  plan: "plan",
};

const evidenceOf = (def: KpiDefinition, v: KpiValue) =>
  def.kind === "rate" ? (v.denominator ?? 0) : (v.n ?? 0);

export function BreakdownCard({ period, filters, by, kpi, definitions, format, onChange, onFilter }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const segmentLabel = useSegmentLabel();
  const phone = useMediaQuery("(max-width: 48em)");
  const result = useQuery(kpisQuery(period, by, filters));
  const def = definitions.find((d) => d.id === kpi);
  const monthFmt = new Intl.DateTimeFormat(lang === "en" ? "en" : "ja", {
    year: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const label = (key: string | null) => {
    if (key === null) return t("dashboard.breakdown.none");
    switch (by) {
      case "segment":
        return segmentLabel(key);
      case "touch_model":
        return t(`touchModels.${key}`, { defaultValue: key });
      case "plan":
        return t(`plans.${key}`, { defaultValue: key });
      case "cohort_month":
        return monthFmt.format(new Date(`${key}-01T00:00:00Z`));
      default:
        return key;
    }
  };
  const groups =
    def && result.data?.breakdown
      ? result.data.breakdown.groups
          .map((g) => ({ key: g.key, value: g.kpis[kpi] }))
          .filter((g) => evidenceOf(def, g.value) > 0)
      : [];
  const scale = def?.unit === "ratio" ? 100 : 1;
  const evidenceText = (v: KpiValue) =>
    def?.kind === "rate"
      ? t("dashboard.evidence.ratio", { numerator: v.numerator ?? 0, denominator: v.denominator ?? 0 })
      : t("dashboard.evidence.n", { n: v.n ?? 0 });
  const data = groups.map((g) => ({
    group: `${label(g.key)} (${evidenceOf(def!, g.value)})`,
    value: g.value.value === null ? null : g.value.value * scale,
  }));

  return (
    <Card withBorder radius="md" padding="md" h="100%" data-testid="dashboard-breakdown">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm" mb="sm">
        <div>
          <Title order={2} size="h4">
            {t("dashboard.breakdown.title")}
          </Title>
          <Text size="xs" c="dimmed" maw={420}>
            {t("dashboard.breakdown.subtitle")}
          </Text>
        </div>
        <Group gap="sm" wrap="wrap">
          <Select
            label={t("dashboard.breakdown.kpi")}
            data={definitions.map((d) => ({ value: d.id, label: pickLabel(d.name, lang) ?? d.id }))}
            value={kpi}
            onChange={(v) => v && onChange({ kpi: v as KpiId })}
            allowDeselect={false}
            w={280}
            size="sm"
            comboboxProps={{ withinPortal: true }}
            data-testid="breakdown-kpi"
          />
          <Select
            label={t("dashboard.breakdown.dimension")}
            data={breakdownDimensions.map((d) => ({
              value: d,
              label: t(`dashboard.breakdown.dimensions.${d}`),
            }))}
            value={by}
            onChange={(v) => v && onChange({ by: v as BreakdownDimension })}
            allowDeselect={false}
            w={160}
            size="sm"
            data-testid="breakdown-dimension"
          />
        </Group>
      </Group>
      {!result.data || !def ? (
        <Skeleton h={240} />
      ) : groups.length === 0 ? (
        <Text size="sm" c="dimmed" py="xl" ta="center" data-testid="breakdown-empty">
          {t("dashboard.breakdown.empty")}
        </Text>
      ) : (
        <>
          <BarChart
            h={Math.max(160, 44 * data.length + 40)}
            data={data}
            dataKey="group"
            orientation="vertical"
            series={[{ name: "value", label: pickLabel(def.name, lang) ?? def.id, color: "indigo.5" }]}
            valueFormatter={(v) => format.value(def, v / scale)}
            withBarValueLabel
            // Room right of the longest bar for its value label.
            barChartProps={{ margin: { right: 56 } }}
            yAxisProps={{ width: phone ? 104 : 160 }}
            gridAxis="none"
            tickLine="none"
            data-testid="breakdown-chart"
          />
          <Table striped withTableBorder mt="md" fz="sm" data-testid="breakdown-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`dashboard.breakdown.dimensions.${by}`)}</Table.Th>
                <Table.Th ta="right">{t("dashboard.breakdown.value")}</Table.Th>
                <Table.Th ta="right">{t("dashboard.breakdown.evidence")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((g) => (
                <Table.Tr key={g.key ?? "(none)"} data-testid="breakdown-row">
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {label(g.key)}
                      {filterOf[by] && !filters[filterOf[by]]?.includes(g.key ?? NONE) && (
                        <Tooltip label={t("dashboard.breakdown.filterTo", { group: label(g.key) })} withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            size="sm"
                            aria-label={t("dashboard.breakdown.filterTo", { group: label(g.key) })}
                            onClick={() => onFilter(filterOf[by]!, g.key ?? NONE)}
                            data-testid="breakdown-filter"
                          >
                            <IconFilter size={14} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {format.value(def, g.value.value)}
                  </Table.Td>
                  <Table.Td ta="right" c="dimmed">
                    {evidenceText(g.value)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}
