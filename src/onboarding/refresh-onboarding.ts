import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { accounts, onboardingCriteria, onboardings, onboardingTasks } from "../platform/db/schema.ts";
import { notFound } from "../platform/http/errors.ts";
import { dateInZone } from "../platform/time.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { type CriterionRule, evaluateCriterion } from "./evaluate-criterion.ts";
import { computeProgress, computeStatus } from "./onboarding-status.ts";
import { type OnboardingSummary, readSummary } from "./onboarding-summaries.ts";
import { readUsageFacts, type UsageFacts } from "./usage-facts.ts";

export type { OnboardingSummary } from "./onboarding-summaries.ts";

interface OnboardingFacts {
  id: string;
  accountId: string;
  startedAt: Date;
  targetDate: string | null;
  completedAt: Date | null;
  completionSource: string | null;
  agreedAt: Date | null;
  lastProgressAt: Date;
  accountPhase: string;
  churnReason: string | null;
}

interface TaskFacts {
  onboardingId: string;
  status: string;
  startsOn: string;
  dueOn: string;
  doneAt: Date | null;
}

interface CriterionFacts {
  id: string;
  onboardingId: string;
  kind: string;
  rule: Record<string, unknown>;
  metAt: Date | null;
}

const factColumns = {
  id: onboardings.id,
  accountId: onboardings.accountId,
  startedAt: onboardings.startedAt,
  targetDate: onboardings.targetDate,
  completedAt: onboardings.completedAt,
  completionSource: onboardings.completionSource,
  agreedAt: onboardings.agreedAt,
  lastProgressAt: onboardings.lastProgressAt,
  accountPhase: accounts.lifecyclePhase,
  churnReason: accounts.churnReason,
};
const taskColumns = {
  onboardingId: onboardingTasks.onboardingId,
  status: onboardingTasks.status,
  startsOn: onboardingTasks.startsOn,
  dueOn: onboardingTasks.dueOn,
  doneAt: onboardingTasks.doneAt,
};
const criterionColumns = {
  id: onboardingCriteria.id,
  onboardingId: onboardingCriteria.onboardingId,
  kind: onboardingCriteria.kind,
  rule: onboardingCriteria.rule,
  metAt: onboardingCriteria.metAt,
};

/** Meets the event and usage criteria the usage facts now satisfy (and records it on the timeline). */
async function evaluateAutomaticCriteria(
  tx: Tx,
  workspace: Workspace,
  onboarding: OnboardingFacts,
  criteria: CriterionFacts[],
  facts: UsageFacts,
  now: Date,
) {
  const today = dateInZone(now, workspace.settings.timezone);
  for (const c of criteria) {
    if (c.metAt || c.kind === "manual") continue;
    const met = await evaluateCriterion(
      { kind: c.kind, rule: c.rule as CriterionRule },
      { accountId: onboarding.accountId, startedAt: onboarding.startedAt, today, now },
      facts,
    );
    if (!met) continue;
    await tx
      .update(onboardingCriteria)
      .set({ metAt: met.metAt, metByLabel: "Embark", evidence: met.evidence, updatedAt: now })
      .where(eq(onboardingCriteria.id, c.id));
    c.metAt = met.metAt;
    await recordTimeline(tx, {
      workspaceId: workspace.id,
      accountId: onboarding.accountId,
      kind: "onboarding",
      actorLabel: "Embark",
      occurredAt: now,
      data: {
        action: "criterion_met",
        onboardingId: onboarding.id,
        criterionId: c.id,
        evidence: met.evidence,
      },
    });
  }
}

/** The derived fields of one onboarding from its facts. */
function deriveSummary(
  workspace: Workspace,
  o: OnboardingFacts,
  tasks: TaskFacts[],
  criteria: CriterionFacts[],
  now: Date,
) {
  const tz = workspace.settings.timezone;
  let lastProgressAt = o.lastProgressAt;
  for (const at of [...tasks.map((t) => t.doneAt), ...criteria.map((c) => c.metAt)])
    if (at && at > lastProgressAt && at <= now) lastProgressAt = at;
  const completed = o.completedAt !== null;
  const progress = computeProgress(tasks, completed);
  const { status, reasons } = computeStatus({
    today: dateInZone(now, tz),
    startedOn: dateInZone(o.startedAt, tz),
    targetDate: o.targetDate,
    completedAt: o.completedAt,
    completionSource: o.completionSource,
    churned: o.accountPhase === "churned" ? { reason: o.churnReason } : null,
    agreedAt: o.agreedAt,
    lastProgressOn: dateInZone(lastProgressAt, tz),
    stallDays: workspace.settings["onboarding.stallDays"],
    tasks,
    criteria: criteria.map((c) => ({ met: c.metAt !== null })),
  });
  return { id: o.id, progress, lastProgressAt, status, statusReasons: reasons };
}

type Derived = ReturnType<typeof deriveSummary>;

/** Stores the derived fields of many onboardings in one statement. */
async function storeDerived(tx: Tx, rows: Derived[], now: Date) {
  if (rows.length === 0) return;
  const payload = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      progress: r.progress,
      last_progress_at: r.lastProgressAt.toISOString(),
      status: r.status,
      status_reasons: r.statusReasons,
    })),
  );
  await tx.execute(sql`update ${onboardings} o set
      progress = v.progress, last_progress_at = v.last_progress_at, status = v.status,
      status_reasons = v.status_reasons, updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${payload}::jsonb)
      as v(id uuid, progress numeric, last_progress_at timestamptz, status text, status_reasons jsonb)
    where o.id = v.id`);
}

/**
 * Recomputes progress, lastProgressAt (only moves forward), status and statusReasons of one
 * onboarding (and evaluates its event/usage criteria) and stores them; returns the stored summary.
 */
export async function refreshOnboarding(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  now: Date = new Date(),
): Promise<OnboardingSummary> {
  const [o] = await tx
    .select(factColumns)
    .from(onboardings)
    .innerJoin(accounts, eq(accounts.id, onboardings.accountId))
    .where(and(eq(onboardings.workspaceId, workspace.id), eq(onboardings.id, onboardingId)));
  if (!o) throw notFound("Onboarding");
  const [tasks, criteria] = await Promise.all([
    tx.select(taskColumns).from(onboardingTasks).where(eq(onboardingTasks.onboardingId, o.id)),
    tx.select(criterionColumns).from(onboardingCriteria).where(eq(onboardingCriteria.onboardingId, o.id)),
  ]);
  if (!o.completedAt) {
    const facts = readUsageFacts(tx, workspace.id);
    if (criteria.some((c) => c.kind !== "manual" && !c.metAt) && (await facts.hasUsageData()))
      await evaluateAutomaticCriteria(tx, workspace, o, criteria, facts, now);
  }
  await storeDerived(tx, [deriveSummary(workspace, o, tasks, criteria, now)], now);
  return (await readSummary(tx, workspace.id, o.id))!;
}

const groupBy = <T extends { onboardingId: string }>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.onboardingId);
    if (list) list.push(r);
    else map.set(r.onboardingId, [r]);
  }
  return map;
};

/**
 * Recomputes every onboarding that is not completed (running ones, and churned ones whose account
 * may have come back), reading and writing in a few set-based statements. Returns how many.
 */
export async function refreshRunningOnboardings(
  tx: Tx,
  workspace: Workspace,
  now: Date = new Date(),
): Promise<number> {
  const open = and(eq(onboardings.workspaceId, workspace.id), isNull(onboardings.completedAt));
  const list = await tx
    .select(factColumns)
    .from(onboardings)
    .innerJoin(accounts, eq(accounts.id, onboardings.accountId))
    .where(open);
  if (list.length === 0) return 0;
  const openIds = tx.select({ id: onboardings.id }).from(onboardings).where(open);
  const [tasks, criteria] = await Promise.all([
    tx
      .select(taskColumns)
      .from(onboardingTasks)
      .where(
        and(eq(onboardingTasks.workspaceId, workspace.id), inArray(onboardingTasks.onboardingId, openIds)),
      ),
    tx
      .select(criterionColumns)
      .from(onboardingCriteria)
      .where(
        and(
          eq(onboardingCriteria.workspaceId, workspace.id),
          inArray(onboardingCriteria.onboardingId, openIds),
        ),
      ),
  ]);
  const tasksOf = groupBy(tasks);
  const criteriaOf = groupBy(criteria);
  const facts = readUsageFacts(tx, workspace.id);
  const usage = criteria.some((c) => c.kind !== "manual" && !c.metAt) && (await facts.hasUsageData());
  const derived: Derived[] = [];
  for (const o of list) {
    const own = criteriaOf.get(o.id) ?? [];
    if (usage) await evaluateAutomaticCriteria(tx, workspace, o, own, facts, now);
    derived.push(deriveSummary(workspace, o, tasksOf.get(o.id) ?? [], own, now));
  }
  for (let i = 0; i < derived.length; i += 1000) await storeDerived(tx, derived.slice(i, i + 1000), now);
  return list.length;
}
