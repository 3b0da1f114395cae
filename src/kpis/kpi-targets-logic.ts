import type { KpiValue } from "./compute-kpis.ts";
import type { KpiDefinition } from "./kpi-definitions.ts";

export type KpiStatus = KpiValue["status"];

const snap = (x: number) => Math.round(x * 1e9) / 1e9;

/** Targets and definitions are reviewed every this many months (seed 001: every half year). */
export const REVIEW_MONTHS = 6;

/**
 * Where a value stands against its target. Higher-is-better: at or above the target is on track,
 * within the band below it at risk, further below off track; lower-is-better mirrors that.
 */
export function targetStatus(
  direction: KpiDefinition["direction"],
  value: number | null,
  target: { value: number; warningBand: number } | null,
): KpiStatus {
  if (!target) return "no_target";
  if (value === null) return "no_data";
  // Compare at a fixed precision so 0.1 + 0.2 style noise does not tip a KPI that meets its target.
  const shortfall = snap(direction === "higher" ? target.value - value : value - target.value);
  if (shortfall <= 0) return "on_track";
  return shortfall <= snap(target.warningBand) ? "at_risk" : "off_track";
}

export interface DatedTarget {
  effectiveFrom: string;
}

/** The target that applies to a period starting on `periodFrom`: the latest effective on or before it. */
export function effectiveTarget<T extends DatedTarget>(targets: T[], periodFrom: string): T | null {
  let best: T | null = null;
  for (const t of targets)
    if (t.effectiveFrom <= periodFrom && (!best || t.effectiveFrom > best.effectiveFrom)) best = t;
  return best;
}

/** `date` (YYYY-MM-DD) plus whole months; a day past the end of the month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Rounds to a multiple of `step` towards the good direction, so the proposal is never below the step asked for. */
const toward = (x: number, step: number, direction: "higher" | "lower") =>
  snap((direction === "higher" ? Math.ceil(snap(x / step)) : Math.floor(snap(x / step))) * step);

/**
 * A realistic next target from a baseline (seed 001: a modest step beyond what the team reaches now,
 * not a wish). Rates close a tenth of the gap to the ideal (100% or 0%), in whole percentage points;
 * NPS moves a tenth of the way to 100, at least 2 and at most 5 points; averages in days or hours
 * improve by a tenth (whole days, half hours). A baseline already at the ideal is kept.
 */
export function proposeTarget(def: Pick<KpiDefinition, "direction" | "unit" | "kind">, baseline: number) {
  const { direction } = def;
  if (def.unit === "ratio") {
    const ideal = direction === "higher" ? 1 : 0;
    const raw = baseline + (ideal - baseline) * 0.1;
    return Math.min(1, Math.max(0, toward(raw, 0.01, direction)));
  }
  if (def.kind === "nps") {
    if (baseline >= 100) return 100;
    const step = Math.min(5, Math.max(2, Math.round((100 - baseline) * 0.1)));
    return Math.min(100, Math.round(baseline) + step);
  }
  const raw = direction === "higher" ? baseline * 1.1 : baseline * 0.9;
  return Math.max(0, toward(raw, def.unit === "hours" ? 0.5 : 1, direction));
}

/**
 * The baseline of a proposal: the periods' values weighted by how many items each rests on (a month
 * of two onboardings counts less than one of twenty); null when no period has a value.
 */
export function baselineOf(points: { value: number | null; n: number }[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const p of points)
    if (p.value !== null && p.n > 0) {
      sum += p.value * p.n;
      weight += p.n;
    }
  return weight === 0 ? null : sum / weight;
}
