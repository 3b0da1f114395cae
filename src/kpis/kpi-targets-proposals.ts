import type { Db } from "../platform/db/client.ts";
import { parseDateOrInstant } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { KpiValue } from "./compute-kpis.ts";
import { type KpiId, kpiDefinitions, kpiIds } from "./kpi-definitions.ts";
import { resolveKpiPeriod } from "./kpi-period.ts";
import { baselineOf, proposeTarget } from "./kpi-targets-logic.ts";
import { computeKpiTrend, maxTrendPeriods, precedingPeriods } from "./kpi-trend.ts";

/** How many complete periods before the target's period the baseline looks at. */
export const BASELINE_PERIODS = 6;

export interface TargetProposal {
  kpiId: KpiId;
  /** The periods of the baseline, oldest first, with each one's value and how many items it rests on. */
  periods: { from: string; to: string; value: number | null; n: number }[];
  /** The periods' values weighted by their n; null when none has a value (then there is no proposal). */
  baseline: number | null;
  /** How many of the periods have a value. */
  periodsWithData: number;
  proposal: number | null;
}

/** How many items a KPI value rests on: the denominator of a rate, else n. */
const sizeOf = (v: KpiValue) => v.denominator ?? v.n ?? 0;

/**
 * Proposes a target for each KPI for the period `[from, to)` (default the current month): the
 * baseline is the last BASELINE_PERIODS periods of the same length before it, all evaluated now,
 * and the proposal a modest step beyond it (proposeTarget). A KPI over a start cohort only counts
 * periods whose cohort has had `kpi.targetDays` to complete: a cohort still under way reads low.
 */
export async function proposeTargets(
  db: Db,
  workspace: Workspace,
  query: { from?: string; to?: string },
  now = new Date(),
): Promise<{ period: { from: string; to: string }; proposals: TargetProposal[] }> {
  const { period } = resolveKpiPeriod({ from: query.from, to: query.to }, workspace.settings.timezone, now);
  const [before] = precedingPeriods(period.from, period.to, 2);
  const targetMs = workspace.settings["kpi.targetDays"] * 86_400_000;
  const periodMs = period.toInstant.getTime() - period.fromInstant.getTime();
  const { periods } = await computeKpiTrend(
    db,
    workspace,
    {
      from: before!.from,
      to: before!.to,
      count: Math.min(maxTrendPeriods, BASELINE_PERIODS + Math.ceil(targetMs / periodMs)),
      asOf: now.toISOString(),
    },
    now,
  );
  const endOf = (p: (typeof periods)[number]) =>
    parseDateOrInstant(p.period.to, workspace.settings.timezone)?.getTime() ?? Number.POSITIVE_INFINITY;
  // A period still under way is not a complete one: leave it out of the baseline.
  const complete = periods.filter((p) => endOf(p) <= now.getTime());
  const matured = complete.filter((p) => endOf(p) + targetMs <= now.getTime());
  return {
    period: { from: period.from, to: period.to },
    proposals: kpiIds.map((kpiId) => {
      const eligible = (kpiDefinitions[kpiId].population ? matured : complete).slice(-BASELINE_PERIODS);
      const values = eligible.map((p) => ({
        from: p.period.from,
        to: p.period.to,
        value: p.kpis[kpiId].value,
        n: sizeOf(p.kpis[kpiId]),
      }));
      const baseline = baselineOf(values);
      return {
        kpiId,
        periods: values,
        baseline,
        periodsWithData: values.filter((v) => v.value !== null).length,
        proposal: baseline === null ? null : proposeTarget(kpiDefinitions[kpiId], baseline),
      };
    }),
  };
}
