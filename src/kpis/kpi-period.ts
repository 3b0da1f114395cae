import { AppError } from "../platform/http/errors.ts";
import { dateInZone, parseDateOrInstant } from "../platform/time.ts";

/** The dimensions a KPI result can be broken down by (KPIS.md). */
export const breakdownDimensions = [
  "segment",
  "touch_model",
  "plan",
  "industry",
  "owner",
  "cohort_month",
] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

export interface KpiPeriod {
  /** Calendar dates in the workspace time zone, `[from, to)`. */
  from: string;
  to: string;
  timezone: string;
  /** The instants the dates name (midnight in the zone). */
  fromInstant: Date;
  toInstant: Date;
  asOf: Date;
}

export interface KpiQuery {
  from?: string;
  to?: string;
  asOf?: string;
  by?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string, field: string, timeZone: string): Date {
  const instant = DATE.test(value.trim()) ? parseDateOrInstant(value, timeZone) : null;
  if (!instant)
    throw new AppError(
      "validation_failed",
      `${field} must be a date (YYYY-MM-DD), not "${value.slice(0, 40)}"`,
    );
  return instant;
}

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

/** The first day of the month after the one `date` (YYYY-MM-DD) lies in. */
export function nextMonth(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** The first day of the month before the one `date` lies in. */
function previousMonth(date: string): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, "0")}-01`;
}

/**
 * Works out the period of a KPI request. Without dates: the calendar month of `now` in the
 * workspace zone. Only `from`: up to the first of the following month. Only `to`: from the first
 * of the month before it (the month `to` closes). `asOf` (an ISO instant, or a date = its midnight
 * in the zone) defaults to now. Throws `validation_failed` for bad dates, from ≥ to or an unknown `by`.
 */
export function resolveKpiPeriod(
  query: KpiQuery,
  timeZone: string,
  now = new Date(),
): { period: KpiPeriod; by: BreakdownDimension | undefined } {
  if (query.by !== undefined && !(breakdownDimensions as readonly string[]).includes(query.by))
    throw new AppError(
      "validation_failed",
      `by must be one of ${breakdownDimensions.join(", ")}, not "${query.by.slice(0, 40)}"`,
    );
  let asOf = now;
  if (query.asOf !== undefined) {
    const parsed = parseDateOrInstant(query.asOf, timeZone);
    if (!parsed)
      throw new AppError(
        "validation_failed",
        `asOf must be an ISO-8601 instant or a date, not "${query.asOf.slice(0, 40)}"`,
      );
    asOf = parsed;
  }
  const fromInstant0 = query.from !== undefined ? parseDate(query.from, "from", timeZone) : null;
  const toInstant0 = query.to !== undefined ? parseDate(query.to, "to", timeZone) : null;
  let from = query.from?.trim();
  let to = query.to?.trim();
  if (!from && !to) {
    from = firstOfMonth(dateInZone(now, timeZone));
    to = nextMonth(from);
  } else if (!to) to = nextMonth(from!);
  else if (!from) from = to.endsWith("-01") ? previousMonth(to) : firstOfMonth(to);
  const fromInstant = fromInstant0 ?? parseDate(from!, "from", timeZone);
  const toInstant = toInstant0 ?? parseDate(to, "to", timeZone);
  if (fromInstant.getTime() >= toInstant.getTime())
    throw new AppError("validation_failed", `from (${from}) must be before to (${to})`);
  return {
    period: { from: from!, to, timezone: timeZone, fromInstant, toInstant, asOf },
    by: query.by as BreakdownDimension | undefined,
  };
}
