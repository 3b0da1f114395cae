// A target as people type and read it: rates in % (bands in points), NPS in points, days and hours as they are.
import type { KpiDefinition } from "../dashboard/kpi-types";

/** The API's value (rates as shares) in the unit the form shows. */
export function toInputUnit(def: KpiDefinition, value: number): number {
  return def.unit === "ratio" ? Math.round(value * 100_000) / 1000 : value;
}

/** The form's number back in the API's unit. */
export function fromInputUnit(def: KpiDefinition, value: number): number {
  return def.unit === "ratio" ? Math.round(value * 1000) / 100_000 : value;
}

/** The i18n key of the unit beside a value (`band`: the warning band, in points for rates). */
export function unitKey(def: KpiDefinition, band = false): string {
  if (def.unit === "ratio") return band ? "kpiTargets.units.points" : "kpiTargets.units.percent";
  if (def.kind === "nps") return "kpiTargets.units.npsPoints";
  return def.unit === "days" ? "kpiTargets.units.days" : "kpiTargets.units.hours";
}

/** What a value may be in the form's unit. */
export function inputRange(def: KpiDefinition): { min: number; max: number; step: number } {
  if (def.unit === "ratio") return { min: 0, max: 100, step: 1 };
  if (def.kind === "nps") return { min: -100, max: 100, step: 1 };
  return { min: 0, max: 100_000, step: def.unit === "hours" ? 0.5 : 1 };
}

/** "2026年4月" / "Apr 2026" for the first day of a month. */
export function formatMonth(date: string, lang: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(lang === "en" ? "en" : "ja", {
    year: "numeric",
    month: lang === "en" ? "short" : "long",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** YYYY-MM-01 of the month `date` lies in. */
export const monthStart = (date: string) => `${date.slice(0, 7)}-01`;

/** `date` plus whole months, kept within the month's days. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}
