// One KPI: its value with the evidence, the change from the previous period, the trend, its target and
// status (coloured), and its definition on hover.
import { Sparkline } from "@mantine/charts";
import { Badge, Card, Group, Skeleton, Stack, Text, Tooltip } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { pickLabel } from "../segmentation/segment-labels";
import type { KpiDefinition, KpiResult, KpiValue } from "./dashboard-api";
import { isFlat, type KpiFormat } from "./kpi-format";

/** on_track green, at_risk orange, off_track red, no_data grey. */
const statusColor: Record<Exclude<KpiValue["status"], "no_target">, string> = {
  on_track: "teal",
  at_risk: "orange",
  off_track: "red",
  no_data: "gray",
};

type Props = {
  def: KpiDefinition;
  value: KpiValue | undefined;
  /** The trend periods, oldest first, the current one last; undefined while loading. */
  trend: KpiResult[] | undefined;
  format: KpiFormat;
};

export function KpiTile({ def, value, trend, format }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const hasValue = value !== undefined && value.value !== null;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="kpi-tile"
      data-kpi={def.id}
      data-status={value?.status}
      style={
        value && value.status !== "no_target"
          ? { borderLeft: `4px solid var(--mantine-color-${statusColor[value.status]}-6)` }
          : undefined
      }
    >
      <Stack gap={6} h="100%">
        <Tooltip
          label={
            <>
              <Text size="sm">{pickLabel(def.explanation, lang)}</Text>
              <Text size="xs" c="gray.4" mt={4}>
                {t(`dashboard.direction.${def.direction}`)}
              </Text>
            </>
          }
          multiline
          w={300}
          withArrow
          openDelay={150}
        >
          <Group gap={4} wrap="nowrap" align="flex-start" style={{ cursor: "help" }} data-testid="kpi-name">
            <Text size="sm" fw={600} lh={1.3} style={{ flex: 1 }}>
              {pickLabel(def.name, lang)}
            </Text>
            <IconInfoCircle
              size={15}
              color="var(--mantine-color-dimmed)"
              style={{ flexShrink: 0, marginTop: 2 }}
            />
          </Group>
        </Tooltip>
        {value === undefined ? (
          <Skeleton h={34} w="60%" />
        ) : hasValue ? (
          <Text fz={28} fw={700} lh={1.15} data-testid="kpi-value">
            {format.value(def, value.value)}
          </Text>
        ) : (
          <Text fz="md" fw={500} c="dimmed" lh={1.15} py={7} data-testid="kpi-value" data-empty="true">
            {t("dashboard.noData")}
          </Text>
        )}
        {value !== undefined && <Evidence def={def} value={value} format={format} />}
        <Delta def={def} trend={trend} format={format} />
        <Trend def={def} trend={trend} />
        <Group gap={6} mt="auto" justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed" data-testid="kpi-target">
            {value?.target != null
              ? t("kpiTargets.tile.target", { value: format.value(def, value.target) })
              : t("kpiTargets.tile.noTarget")}
          </Text>
          {value && value.status !== "no_target" && (
            <Badge
              size="sm"
              variant="light"
              color={statusColor[value.status]}
              title={t("kpiTargets.tile.statusLabel")}
              data-testid="kpi-status"
            >
              {t(`kpiTargets.status.${value.status}`)}
            </Badge>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function Evidence({ def, value, format }: { def: KpiDefinition; value: KpiValue; format: KpiFormat }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const num = new Intl.NumberFormat(lang === "en" ? "en" : "ja", { maximumFractionDigits: 1 });
  const parts: string[] = [];
  if (def.kind === "rate") {
    parts.push(
      t("dashboard.evidence.ratio", { numerator: value.numerator ?? 0, denominator: value.denominator ?? 0 }),
    );
    const interval = format.interval(value);
    if (interval) parts.push(t("dashboard.evidence.interval", { range: interval }));
    if (value.mean != null) parts.push(t("dashboard.evidence.mean", { mean: num.format(value.mean) }));
  } else {
    parts.push(t("dashboard.evidence.n", { n: value.n ?? 0 }));
    if (def.kind === "nps" && (value.n ?? 0) > 0)
      parts.push(
        t("dashboard.evidence.nps", {
          promoters: value.promoters ?? 0,
          passives: value.passives ?? 0,
          detractors: value.detractors ?? 0,
        }),
      );
    if (value.median != null)
      parts.push(t("dashboard.evidence.median", { median: format.value(def, value.median) }));
    if (value.unanswered) parts.push(t("dashboard.evidence.unanswered", { count: value.unanswered }));
  }
  return (
    <Text size="xs" c="dimmed" lh={1.4} data-testid="kpi-evidence">
      {parts.join(" · ")}
    </Text>
  );
}

function Delta({
  def,
  trend,
  format,
}: {
  def: KpiDefinition;
  trend: KpiResult[] | undefined;
  format: KpiFormat;
}) {
  const { t } = useTranslation();
  if (!trend) return <Skeleton h={16} w="50%" />;
  const current = trend.at(-1)?.kpis[def.id].value ?? null;
  const previous = trend.at(-2)?.kpis[def.id].value ?? null;
  if (current === null || previous === null)
    return (
      <Text size="xs" c="dimmed" data-testid="kpi-delta">
        {t("dashboard.noPrevious")}
      </Text>
    );
  const delta = current - previous;
  const flat = isFlat(def, delta);
  const good = delta > 0 === (def.direction === "higher");
  const color = flat ? "dimmed" : good ? "teal.7" : "red.7";
  return (
    <Group gap={6} wrap="nowrap" data-testid="kpi-delta" data-trend={flat ? "flat" : good ? "good" : "bad"}>
      <Text size="sm" fw={600} c={color}>
        {flat ? "±0" : `${delta > 0 ? "▲" : "▼"} ${format.delta(def, delta)}`}
      </Text>
      <Text size="xs" c="dimmed">
        {t("dashboard.vsPrevious")}
      </Text>
    </Group>
  );
}

function Trend({ def, trend }: { def: KpiDefinition; trend: KpiResult[] | undefined }) {
  const { t } = useTranslation();
  if (!trend) return <Skeleton h={36} />;
  // From the first period with data: a new workspace's line spans the tile instead of huddling at its end.
  const values = trend.map((p) => p.kpis[def.id].value);
  const first = values.findIndex((v) => v !== null);
  const data = first < 0 ? [] : values.slice(first);
  const known = data.filter((v) => v !== null).length;
  if (known < 2)
    return (
      <Text size="xs" c="dimmed" h={36} style={{ display: "flex", alignItems: "center" }}>
        {t("dashboard.trendEmpty")}
      </Text>
    );
  return (
    <Tooltip label={t("dashboard.trendLabel", { count: trend.length })} openDelay={300}>
      <div data-testid="kpi-trend">
        <Sparkline
          h={36}
          data={data}
          curveType="linear"
          color="indigo.5"
          fillOpacity={0.15}
          strokeWidth={1.6}
          connectNulls
        />
      </div>
    </Tooltip>
  );
}
