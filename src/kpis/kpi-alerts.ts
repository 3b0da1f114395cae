import { type Db, inWorkspace } from "../platform/db/client.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { computeKpis, type KpiResult } from "./compute-kpis.ts";
import { type KpiId, kpiIds } from "./kpi-definitions.ts";
import { resolveKpiPeriod } from "./kpi-period.ts";
import {
  definitionsReview,
  type KpiTarget,
  listTargets,
  type TargetScope,
  type TargetScopeDimension,
} from "./kpi-targets.ts";
import { effectiveTarget } from "./kpi-targets-logic.ts";

export interface KpiAlert {
  kpiId: KpiId;
  /** null: the KPI over the whole workspace; else the breakdown value with its own target. */
  scope: TargetScope;
  value: number;
  target: number;
  warningBand: number;
  status: "off_track";
}

export type ReviewReminder =
  | { kind: "target"; targetId: string; kpiId: KpiId; scope: TargetScope; dueOn: string }
  | { kind: "definitions"; dueOn: string };

export interface KpiAlerts {
  period: { from: string; to: string };
  alerts: KpiAlert[];
  reviews: ReviewReminder[];
}

const sameScope = (t: KpiTarget, dimension: string, value: string | null) =>
  t.scope?.dimension === dimension && t.scope.value === value;

/**
 * What needs a manager's attention for a period (default the current month): the KPIs off track
 * against their overall target, the breakdown values off track against a target of their own, and
 * the targets (current ones) and KPI definitions whose review date has come.
 */
export async function computeKpiAlerts(
  db: Db,
  workspace: Workspace,
  query: { from?: string; to?: string },
  now = new Date(),
): Promise<KpiAlerts> {
  const { period } = resolveKpiPeriod(query, workspace.settings.timezone, now);
  const { targets, review } = await inWorkspace(db, workspace.id, async (tx) => ({
    targets: await listTargets(tx, workspace, now),
    review: await definitionsReview(tx, workspace, now),
  }));
  const alerts: KpiAlert[] = [];
  const reviews: ReviewReminder[] = [];
  for (const t of targets)
    if (t.reviewDue)
      reviews.push({ kind: "target", targetId: t.id, kpiId: t.kpiId, scope: t.scope, dueOn: t.reviewOn });
  if (review.due) reviews.push({ kind: "definitions", dueOn: review.dueOn });
  if (targets.length === 0) return { period: { from: period.from, to: period.to }, alerts, reviews };

  const range = { from: period.from, to: period.to };
  const add = (result: KpiResult["kpis"], kpiId: KpiId, scope: TargetScope, target: KpiTarget) => {
    const v = result[kpiId];
    if (v.status === "off_track" && v.value !== null)
      alerts.push({
        kpiId,
        scope,
        value: v.value,
        target: target.value,
        warningBand: target.warningBand,
        status: "off_track",
      });
  };
  const overall = await computeKpis(db, workspace, range, now);
  const applying = (kpiId: KpiId, dimension: string, value: string | null) =>
    effectiveTarget(
      targets.filter(
        (t) => t.kpiId === kpiId && (dimension ? sameScope(t, dimension, value) : t.scope === null),
      ),
      period.from,
    );
  for (const kpiId of kpiIds) {
    const target = applying(kpiId, "", null);
    if (target) add(overall.kpis, kpiId, null, target);
  }
  const dimensions = new Set(
    targets.filter((t) => t.scope && t.effectiveFrom <= period.from).map((t) => t.scope!.dimension),
  );
  for (const by of dimensions as Set<TargetScopeDimension>) {
    const split = await computeKpis(db, workspace, { ...range, by }, now);
    for (const group of split.breakdown?.groups ?? [])
      for (const kpiId of kpiIds) {
        const target = applying(kpiId, by, group.key);
        if (target && group.key !== null) add(group.kpis, kpiId, { dimension: by, value: group.key }, target);
      }
  }
  return { period: range, alerts, reviews };
}
