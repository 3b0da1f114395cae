import { type Db, inWorkspace } from "../platform/db/client.ts";
import { AppError } from "../platform/http/errors.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { computeKpisIn, type KpiResult } from "./compute-kpis.ts";
import { type KpiFilterQuery, parseKpiFilters } from "./kpi-filters.ts";
import { type KpiQuery, resolveKpiPeriod } from "./kpi-period.ts";

const DAY = 86_400_000;
const MONTH_START = /^\d{4}-\d{2}-01$/;

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const fromMonthIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The `count` periods of the same length that end with `[from, to)`, oldest first. A period of whole
 * calendar months (both ends on the 1st) steps by that many months (a quarter by quarters); any
 * other range steps by its number of days.
 */
export function precedingPeriods(from: string, to: string, count: number): { from: string; to: string }[] {
  const periods: { from: string; to: string }[] = [];
  if (MONTH_START.test(from) && MONTH_START.test(to)) {
    const months = monthIndex(to) - monthIndex(from);
    for (let i = count - 1; i >= 0; i--)
      periods.push({
        from: fromMonthIndex(monthIndex(from) - i * months),
        to: fromMonthIndex(monthIndex(to) - i * months),
      });
  } else {
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
    for (let i = count - 1; i >= 0; i--)
      periods.push({ from: addDays(from, -i * days), to: addDays(to, -i * days) });
  }
  return periods;
}

export const maxTrendPeriods = 24;

/**
 * The KPIs of `count` consecutive periods of the same length ending with the requested one (default
 * the current month), all as of the same instant and with the same filters, oldest first: a
 * dashboard's trend lines and the change from the previous period. Throws `validation_failed` for a
 * bad period, count or filter.
 */
export async function computeKpiTrend(
  db: Db,
  workspace: Workspace,
  query: Omit<KpiQuery, "by"> & KpiFilterQuery & { count?: number },
  now = new Date(),
): Promise<{ periods: KpiResult[] }> {
  const count = query.count ?? 12;
  if (!Number.isInteger(count) || count < 1 || count > maxTrendPeriods)
    throw new AppError("validation_failed", `count must be a whole number from 1 to ${maxTrendPeriods}`);
  const timeZone = workspace.settings.timezone;
  const { period } = resolveKpiPeriod(query, timeZone, now);
  const filters = parseKpiFilters(query);
  const resolved = precedingPeriods(period.from, period.to, count).map(
    (p) =>
      resolveKpiPeriod({ from: p.from, to: p.to, asOf: period.asOf.toISOString() }, timeZone, now).period,
  );
  return inWorkspace(db, workspace.id, async (tx) => {
    const periods: KpiResult[] = [];
    for (const p of resolved) periods.push(await computeKpisIn(tx, workspace, p, undefined, filters));
    return { periods };
  });
}
