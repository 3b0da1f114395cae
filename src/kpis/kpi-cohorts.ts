import { sql } from "drizzle-orm";
import { type Db, inWorkspace, rowsOf } from "../platform/db/client.ts";
import { AppError } from "../platform/http/errors.ts";
import { parseDateOrInstant } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import {
  echoFilters,
  hasFilters,
  type KpiFilterQuery,
  parseKpiFilters,
  resolveKpiFilters,
} from "./kpi-filters.ts";
import { type KpiQuery, nextMonth, resolveKpiPeriod } from "./kpi-period.ts";
import { accountFilter } from "./kpi-queries.ts";

/** The cohort table's windows: the share completed within 30, 60 and 90 days of the start. */
export const cohortWindows = [30, 60, 90] as const;
export const maxCohortMonths = 36;

export interface CohortWindow {
  days: number;
  /** Onboardings of the cohort with started_at + days ≤ asOf. */
  matured: number;
  /** Of those, the ones completed within `days` of their start (and by asOf). */
  completed: number;
  /** completed ÷ matured; null when none has matured yet. */
  share: number | null;
}

export interface CohortMonth {
  /** YYYY-MM, the month of started_at in the workspace time zone. */
  month: string;
  started: number;
  windows: CohortWindow[];
}

export interface CohortTable {
  timezone: string;
  asOf: string;
  filters?: Record<string, string[]>;
  cohorts: CohortMonth[];
}

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The cohort table (KPIS.md's cohort, one per month): for each month of started_at (workspace
 * zone), how many onboardings started (by asOf), and for 30/60/90 days how many have matured for
 * that long (started_at + N days ≤ asOf) and how many of those completed within N days, as
 * completed_within_target_rate counts them. `months` calendar months (default 12) ending with the
 * month of the period's last day (`to`, exclusive, default the first of next month), oldest first,
 * every month listed even when nothing started. Filters as for GET /kpis.
 */
export async function computeKpiCohorts(
  db: Db,
  workspace: Workspace,
  query: Omit<KpiQuery, "by" | "from"> & KpiFilterQuery & { months?: number },
  now = new Date(),
): Promise<CohortTable> {
  const count = query.months ?? 12;
  if (!Number.isInteger(count) || count < 1 || count > maxCohortMonths)
    throw new AppError("validation_failed", `months must be a whole number from 1 to ${maxCohortMonths}`);
  const timeZone = workspace.settings.timezone;
  const { period } = resolveKpiPeriod({ to: query.to, asOf: query.asOf }, timeZone, now);
  const filters = parseKpiFilters(query);
  const last = monthIndex(dayBefore(period.to));
  const months = Array.from({ length: count }, (_, i) => monthOf(last - count + 1 + i));
  const fromInstant = parseDateOrInstant(`${months[0]}-01`, timeZone)!;
  const toInstant = parseDateOrInstant(nextMonth(`${months.at(-1)}-01`), timeZone)!;
  const asOf = sql`${period.asOf.toISOString()}::timestamptz`;
  // Days are 86,400 s exactly (KPIS.md), not calendar days that a DST change would stretch.
  const within = (days: number) => sql`interval '1 second' * ${days * 86_400}::float8`;
  const windowColumns = cohortWindows.map(
    (
      days,
    ) => sql`count(*) filter (where o.started_at + ${within(days)} <= ${asOf})::int as ${sql.identifier(`matured_${days}`)},
      count(*) filter (where o.started_at + ${within(days)} <= ${asOf} and o.completed_at <= ${asOf}
        and o.completed_at <= o.started_at + ${within(days)})::int as ${sql.identifier(`completed_${days}`)}`,
  );
  const rows = await inWorkspace(db, workspace.id, async (tx) => {
    const resolved = await resolveKpiFilters(tx, workspace.id, filters);
    const join = hasFilters(resolved)
      ? sql`join accounts a on a.id = o.account_id ${accountFilter(resolved)}`
      : sql``;
    return rowsOf<Record<string, number | string>>(
      await tx.execute(sql`
        select to_char(o.started_at at time zone ${timeZone}, 'YYYY-MM') as month,
          count(*)::int as started, ${sql.join(windowColumns, sql`, `)}
        from onboardings o ${join}
        where o.workspace_id = ${workspace.id}
          and o.started_at >= ${fromInstant.toISOString()}::timestamptz
          and o.started_at < ${toInstant.toISOString()}::timestamptz
          and o.started_at <= ${asOf}
        group by 1`),
    );
  });
  const byMonth = new Map(rows.map((r) => [String(r.month), r]));
  const table: CohortTable = {
    timezone: timeZone,
    asOf: period.asOf.toISOString(),
    ...(echoFilters(filters) && { filters: echoFilters(filters) }),
    cohorts: months.map((month) => {
      const r = byMonth.get(month);
      return {
        month,
        started: Number(r?.started ?? 0),
        windows: cohortWindows.map((days) => {
          const matured = Number(r?.[`matured_${days}`] ?? 0);
          const completed = Number(r?.[`completed_${days}`] ?? 0);
          return { days, matured, completed, share: matured > 0 ? completed / matured : null };
        }),
      };
    }),
  };
  return table;
}
