import type { NotableChange, ReportKpi } from "./report-model.ts";

/**
 * How far a change must go to be worth a sentence, per unit: rates in percentage points, NPS in
 * points, days and hours relative to the previous value (a move of 2 h means little on 40 h).
 */
const rateStep = 0.05;
const npsStep = 5;
const relativeStep = 0.1;

/** The change in the good direction, scaled so 1 is "just notable" whatever the unit. */
function weight(k: ReportKpi): number | null {
  const { current, previous } = { current: k.current.value, previous: k.previous.value };
  if (current === null || previous === null) return null;
  const good = k.definition.direction === "higher" ? 1 : -1;
  const delta = (current - previous) * good;
  if (k.definition.kind === "rate") return delta / rateStep;
  if (k.definition.kind === "nps") return delta / npsStep;
  return previous === 0 ? (delta === 0 ? 0 : Math.sign(delta)) : delta / Math.abs(previous) / relativeStep;
}

/**
 * What the monthly meeting should hear first: KPIs off track, then at risk, then the largest moves
 * from the previous month — up to `moves` each way — in the good and in the bad direction.
 */
export function findNotableChanges(kpis: ReportKpi[], moves = 2): NotableChange[] {
  const out: NotableChange[] = [];
  const of = (k: ReportKpi, kind: NotableChange["kind"]): NotableChange => ({
    kind,
    kpi: k.id,
    current: k.current.value,
    previous: k.previous.value,
    target: k.current.target,
  });
  for (const status of ["off_track", "at_risk"] as const)
    for (const k of kpis) if (k.current.status === status) out.push(of(k, status));
  const weighted = kpis
    .map((k) => ({ k, w: weight(k) }))
    .filter((x): x is { k: ReportKpi; w: number } => x.w !== null && Math.abs(x.w) >= 1);
  const flagged = new Set(out.map((n) => n.kpi));
  const improved = weighted.filter((x) => x.w > 0).sort((a, b) => b.w - a.w);
  const worsened = weighted.filter((x) => x.w < 0 && !flagged.has(x.k.id)).sort((a, b) => a.w - b.w);
  for (const { k } of improved.slice(0, moves)) out.push(of(k, "improved"));
  for (const { k } of worsened.slice(0, moves)) out.push(of(k, "worsened"));
  return out;
}
