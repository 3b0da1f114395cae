// Queries of the KPIs (/api/v1/kpis, /kpis/trend, /kpis/cohorts, /kpis/definitions), filtered alike.
import { queryOptions } from "@tanstack/react-query";
import { apiGet, toQueryString } from "../platform/api";
import {
  type BreakdownDimension,
  type CohortTable,
  filterKeys,
  type KpiDefinition,
  type KpiFilters,
  type KpiResult,
  type Period,
} from "./kpi-types";

export * from "./kpi-types";

/** The filters as the API takes them: each a comma-separated list; empty ones left out. */
export function filterParams(filters: KpiFilters): Record<string, string | undefined> {
  return Object.fromEntries(
    filterKeys.map((k) => [k, filters[k]?.length ? filters[k]!.join(",") : undefined]),
  );
}

const filterKey = (filters: KpiFilters) => filterKeys.map((k) => filters[k]?.join(",") ?? "");

export const kpiDefinitionsQuery = queryOptions({
  queryKey: ["kpis", "definitions"],
  queryFn: ({ signal }) => apiGet<{ definitions: KpiDefinition[] }>("/api/v1/kpis/definitions", signal),
  staleTime: Number.POSITIVE_INFINITY,
});

export const kpisQuery = (period: Period, by?: BreakdownDimension, filters: KpiFilters = {}) =>
  queryOptions({
    queryKey: ["kpis", period.from, period.to, by ?? null, ...filterKey(filters)],
    queryFn: ({ signal }) =>
      apiGet<KpiResult>(`/api/v1/kpis${toQueryString({ ...period, by, ...filterParams(filters) })}`, signal),
  });

export const TREND_PERIODS = 12;

export const kpiTrendQuery = (period: Period, filters: KpiFilters = {}) =>
  queryOptions({
    queryKey: ["kpis", "trend", period.from, period.to, TREND_PERIODS, ...filterKey(filters)],
    queryFn: ({ signal }) =>
      apiGet<{ periods: KpiResult[] }>(
        `/api/v1/kpis/trend${toQueryString({ ...period, count: TREND_PERIODS, ...filterParams(filters) })}`,
        signal,
      ),
  });

export const COHORT_MONTHS = 12;

/** The twelve start months up to the period's last month. */
export const kpiCohortsQuery = (period: Period, filters: KpiFilters = {}) =>
  queryOptions({
    queryKey: ["kpis", "cohorts", period.to, COHORT_MONTHS, ...filterKey(filters)],
    queryFn: ({ signal }) =>
      apiGet<CohortTable>(
        `/api/v1/kpis/cohorts${toQueryString({ to: period.to, months: COHORT_MONTHS, ...filterParams(filters) })}`,
        signal,
      ),
  });
