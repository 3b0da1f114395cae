// Queries of the KPIs (/api/v1/kpis, /kpis/trend, /kpis/definitions).
import { queryOptions } from "@tanstack/react-query";
import { apiGet, toQueryString } from "../platform/api";
import type { BreakdownDimension, KpiDefinition, KpiResult, Period } from "./kpi-types";

export * from "./kpi-types";

export const kpiDefinitionsQuery = queryOptions({
  queryKey: ["kpis", "definitions"],
  queryFn: ({ signal }) => apiGet<{ definitions: KpiDefinition[] }>("/api/v1/kpis/definitions", signal),
  staleTime: Number.POSITIVE_INFINITY,
});

export const kpisQuery = (period: Period, by?: BreakdownDimension) =>
  queryOptions({
    queryKey: ["kpis", period.from, period.to, by ?? null],
    queryFn: ({ signal }) => apiGet<KpiResult>(`/api/v1/kpis${toQueryString({ ...period, by })}`, signal),
  });

export const TREND_PERIODS = 12;

export const kpiTrendQuery = (period: Period) =>
  queryOptions({
    queryKey: ["kpis", "trend", period.from, period.to, TREND_PERIODS],
    queryFn: ({ signal }) =>
      apiGet<{ periods: KpiResult[] }>(
        `/api/v1/kpis/trend${toQueryString({ ...period, count: TREND_PERIODS })}`,
        signal,
      ),
  });
