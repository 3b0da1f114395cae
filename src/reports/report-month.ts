import { AppError } from "../platform/http/errors.ts";
import { dateInZone } from "../platform/time.ts";

const MONTH = /^(\d{4})-(\d{2})$/;

/** Checks a report month (YYYY-MM) and returns it; `validation_failed` otherwise. */
export function parseReportMonth(value: string | undefined): string {
  const m = MONTH.exec(value?.trim() ?? "");
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12 || Number(m[1]) < 2000)
    throw new AppError(
      "validation_failed",
      `month must be a month as YYYY-MM, such as 2026-03, not "${(value ?? "").slice(0, 40)}"`,
    );
  return `${m[1]}-${m[2]}`;
}

/** The month (YYYY-MM) before `month`. */
export function previousReportMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The KPI period of a month: `[first of the month, first of the next)`, in the workspace zone. */
export function monthPeriod(month: string): { from: string; to: string } {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return { from: `${month}-01`, to };
}

/** Last month in the workspace zone: what the dashboard offers and the monthly e-mail sends. */
export function lastReportMonth(timeZone: string, now = new Date()): string {
  return previousReportMonth(dateInZone(now, timeZone).slice(0, 7));
}
