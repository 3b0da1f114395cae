// The dashboard's state in the URL: the period (a preset or a custom range), the filters and the breakdown.
import {
  type BreakdownDimension,
  breakdownDimensions,
  type FilterKey,
  filterKeys,
  type KpiFilters,
  type KpiId,
  kpiIds,
  type Period,
} from "./kpi-types";

export const periodPresets = ["thisMonth", "lastMonth", "thisQuarter", "lastQuarter", "custom"] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export type DashboardSearch = {
  period?: PeriodPreset;
  /** Custom range: first and last day, both included (YYYY-MM-DD). */
  from?: string;
  to?: string;
  by?: BreakdownDimension;
  kpi?: KpiId;
} & Partial<Record<FilterKey, string>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDashboardSearch(raw: Record<string, unknown>): DashboardSearch {
  const s = (k: string) => (typeof raw[k] === "string" && raw[k] ? (raw[k] as string) : undefined);
  const pick = <T extends string>(value: string | undefined, options: readonly T[]) =>
    value && (options as readonly string[]).includes(value) ? (value as T) : undefined;
  const from = s("from");
  const to = s("to");
  return {
    period: pick(s("period"), periodPresets),
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    by: pick(s("by"), breakdownDimensions),
    kpi: pick(s("kpi"), kpiIds),
    ...Object.fromEntries(filterKeys.map((k) => [k, s(k)?.slice(0, 2000)])),
  };
}

/** The filters of the URL (each a comma-separated list, as the API takes them). */
export function filtersOf(search: DashboardSearch): KpiFilters {
  const filters: KpiFilters = {};
  for (const k of filterKeys) {
    const values = search[k]?.split(",").filter(Boolean);
    if (values?.length) filters[k] = values;
  }
  return filters;
}

/** The URL's side of a filter change: the list joined, or nothing for an empty one. */
export const filterSearch = (key: FilterKey, values: string[]): Partial<DashboardSearch> => ({
  [key]: values.length ? values.join(",") : undefined,
});

const pad = (n: number) => String(n).padStart(2, "0");
const monthStart = (y: number, m: number) => {
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
};
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The API period `[from, to)` of a preset, given today (YYYY-MM-DD in the workspace zone). */
export function resolvePeriod(search: DashboardSearch, today: string): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  const q = m - (m % 3);
  switch (search.period) {
    case "lastMonth":
      return { from: monthStart(y, m - 1), to: monthStart(y, m) };
    case "thisQuarter":
      return { from: monthStart(y, q), to: monthStart(y, q + 3) };
    case "lastQuarter":
      return { from: monthStart(y, q - 3), to: monthStart(y, q) };
    case "custom":
      if (search.from && search.to && search.from <= search.to)
        return { from: search.from, to: addDays(search.to, 1) };
      return { from: monthStart(y, m), to: monthStart(y, m + 1) };
    default:
      return { from: monthStart(y, m), to: monthStart(y, m + 1) };
  }
}
