// The dashboard: the ten KPIs of the period at a glance, the cohort's funnel, a breakdown, the cohort
// table, the onboardings that need attention and the team's load; filters apply to every KPI.
import {
  Alert,
  Grid,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { toZonedDay, useFormatters, useWorkspaceTimeZone } from "../platform/format";
import { ReportMenu } from "../reports/report-menu";
import { AttentionCard } from "./attention-card";
import { BreakdownCard } from "./breakdown-card";
import { CohortCard } from "./cohort-card";
import { kpiDefinitionsQuery, kpisQuery, kpiTrendQuery } from "./dashboard-api";
import { DashboardFilters } from "./dashboard-filters";
import {
  addDays,
  type DashboardSearch,
  filterSearch,
  filtersOf,
  type PeriodPreset,
  periodPresets,
  resolvePeriod,
} from "./dashboard-search";
import { FunnelCard } from "./funnel-card";
import { KpiAlerts } from "./kpi-alerts";
import { makeKpiFormat } from "./kpi-format";
import { KpiTile } from "./kpi-tile";
import { filterKeys } from "./kpi-types";
import { TeamLoadCard } from "./team-load-card";

const route = getRouteApi("/app/dashboard");

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/dashboard" });
  const set = (patch: Partial<DashboardSearch>) =>
    void navigate({ search: (prev: DashboardSearch) => ({ ...prev, ...patch }), replace: true });
  const tz = useWorkspaceTimeZone();
  const f = useFormatters();
  const today = toZonedDay(new Date().toISOString(), tz) ?? new Date().toISOString().slice(0, 10);
  const period = resolvePeriod(search, today);
  const filters = filtersOf(search);
  const format = useMemo(() => makeKpiFormat(lang), [lang]);
  const phone = useMediaQuery("(max-width: 48em)");

  const definitions = useQuery(kpiDefinitionsQuery);
  const current = useQuery(kpisQuery(period, undefined, filters));
  const trend = useQuery(kpiTrendQuery(period, filters));
  const preset = search.period ?? "thisMonth";
  // The cards below the tiles mount once the tiles have their answer: their requests would otherwise
  // go first (children subscribe before their parent) and queue ahead of the KPIs on the server.
  const [cardsMounted, setCardsMounted] = useState(false);
  const tilesSettled = current.data !== undefined || current.isError;
  useEffect(() => {
    if (tilesSettled) setCardsMounted(true);
  }, [tilesSettled]);
  const later = (node: ReactNode, h: number) => (cardsMounted ? node : <Skeleton h={h} radius="md" />);

  return (
    <Stack gap="md" maw={1400} mx="auto" data-testid="dashboard-page">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h2">
            {t("dashboard.title")}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t("dashboard.subtitle")}
          </Text>
        </div>
        <Stack gap={6} align={phone ? "stretch" : "flex-end"} w={phone ? "100%" : undefined}>
          <ReportMenu />
          <SegmentedControl
            aria-label={t("dashboard.periodLabel")}
            data={periodPresets.map((p) => ({ value: p, label: t(`dashboard.periods.${p}`) }))}
            value={preset}
            onChange={(v) =>
              set(
                v === "custom"
                  ? { period: "custom", from: period.from, to: addDays(period.to, -1) }
                  : { period: v as PeriodPreset, from: undefined, to: undefined },
              )
            }
            orientation={phone ? "vertical" : "horizontal"}
            fullWidth={phone}
            size="sm"
            data-testid="dashboard-period"
          />
          {preset === "custom" && (
            <DatePickerInput
              type="range"
              aria-label={t("dashboard.customRange")}
              placeholder={t("dashboard.customRange")}
              value={[period.from, addDays(period.to, -1)]}
              onChange={([from, to]) => {
                if (from && to)
                  set({ period: "custom", from: String(from).slice(0, 10), to: String(to).slice(0, 10) });
              }}
              valueFormat={lang === "en" ? "MMM D, YYYY" : "YYYY年M月D日"}
              allowSingleDateInRange
              w={phone ? "100%" : 300}
              data-testid="dashboard-custom-range"
            />
          )}
        </Stack>
      </Group>
      <Text size="sm" c="dimmed" data-testid="dashboard-period-label">
        {t("dashboard.range", { from: f.date(period.from), to: f.date(addDays(period.to, -1)) })}
        {current.data && ` · ${t("dashboard.asOf", { time: f.dateTime(current.data.asOf) })}`}
      </Text>
      {cardsMounted && <KpiAlerts period={period} />}
      <DashboardFilters
        filters={filters}
        onChange={(key, values) => set(filterSearch(key, values))}
        onClear={() => set(Object.fromEntries(filterKeys.map((k) => [k, undefined])))}
      />
      {(current.isError || definitions.isError) && (
        <Alert color="red" variant="light" data-testid="dashboard-error">
          {t("dashboard.error")}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="md" data-testid="dashboard-tiles">
        {!definitions.data &&
          ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].map((k) => (
            <Skeleton key={k} h={200} radius="md" />
          ))}
        {(definitions.data?.definitions ?? []).map((def) => (
          <KpiTile
            key={def.id}
            def={def}
            value={current.data?.kpis[def.id]}
            trend={trend.data?.periods}
            format={format}
          />
        ))}
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md" h="100%">
            <FunnelCard kpis={current.data?.kpis} />
            {later(<TeamLoadCard owners={filters.owner} />, 320)}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {later(
            <BreakdownCard
              period={period}
              filters={filters}
              by={search.by ?? "segment"}
              kpi={search.kpi ?? "onboarding_completion_rate"}
              definitions={definitions.data?.definitions ?? []}
              format={format}
              onChange={set}
              onFilter={(key, value) => set(filterSearch(key, [...(filters[key] ?? []), value]))}
            />,
            480,
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          {later(<CohortCard period={period} filters={filters} />, 480)}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>{later(<AttentionCard filters={filters} />, 480)}</Grid.Col>
      </Grid>
    </Stack>
  );
}
