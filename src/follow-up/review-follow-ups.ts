import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, notInArray, or, sql } from "drizzle-orm";
import { refreshRunningOnboardings } from "../onboarding/refresh-onboarding.ts";
import type { Tx } from "../platform/db/client.ts";
import {
  accounts,
  followUpSuggestions,
  onboardingCriteria,
  onboardings,
  onboardingTasks,
} from "../platform/db/schema.ts";
import { dateInZone } from "../platform/time.ts";
import { recordTimelines } from "../timeline/timeline-entries.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import {
  type DetectionTask,
  detectFollowUps,
  type ProposedFollowUp,
  type StatusReason,
} from "./detect-follow-ups.ts";

const LOCK_CLASS = 4_004_001;
const DAY_MS = 86_400_000;
const FINISHED = ["completed", "churned"];
const BATCH = 500;

/** Serialises reviews of one workspace (between requests and server instances). */
export async function lockWorkspaceReview(tx: Tx, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${workspaceId}))`);
}

export interface ReviewResult {
  onboardings: number;
  opened: number;
  updated: number;
  resolved: number;
}

const keyOf = (onboardingId: string, trigger: string, action: string) =>
  `${onboardingId}|${trigger}|${action}`;

/**
 * Detects the follow-ups of the given running onboardings (all running ones when `onboardingIds` is
 * null) from their stored status, tasks and criteria, and brings the suggestions in line: one open
 * suggestion per (onboarding, trigger, action), updated in place; open ones whose cause went away
 * become `resolved`. A suggestion accepted or dismissed less than the stall window ago
 * (`onboarding.stallDays`) is not proposed again for the same cause, nor one whose accepted task is
 * still open.
 */
async function reviewOnboardings(
  tx: Tx,
  workspace: Workspace,
  onboardingIds: string[] | null,
  now: Date,
): Promise<ReviewResult> {
  await lockWorkspaceReview(tx, workspace.id);
  const ws = workspace.id;
  const today = dateInZone(now, workspace.settings.timezone);
  const result: ReviewResult = { onboardings: 0, opened: 0, updated: 0, resolved: 0 };

  // Open suggestions of onboardings that are no longer running have nothing left to follow up.
  const finished = await tx
    .update(followUpSuggestions)
    .set({ status: "resolved", updatedAt: now })
    .where(
      and(
        eq(followUpSuggestions.workspaceId, ws),
        eq(followUpSuggestions.status, "open"),
        onboardingIds ? inArray(followUpSuggestions.onboardingId, onboardingIds) : undefined,
        inArray(
          followUpSuggestions.onboardingId,
          tx
            .select({ id: onboardings.id })
            .from(onboardings)
            .where(
              and(
                eq(onboardings.workspaceId, ws),
                or(inArray(onboardings.status, FINISHED), isNotNull(onboardings.completedAt)),
              ),
            ),
        ),
      ),
    )
    .returning({ id: followUpSuggestions.id });
  result.resolved += finished.length;

  const running = await tx
    .select({
      id: onboardings.id,
      accountId: onboardings.accountId,
      status: onboardings.status,
      statusReasons: onboardings.statusReasons,
      touchModel: sql<string | null>`coalesce(${accounts.touchModel}, ${onboardings.touchModel})`,
      contractValue: accounts.contractValue,
    })
    .from(onboardings)
    .innerJoin(accounts, eq(accounts.id, onboardings.accountId))
    .where(
      and(
        eq(onboardings.workspaceId, ws),
        notInArray(onboardings.status, FINISHED),
        isNull(onboardings.completedAt),
        onboardingIds ? inArray(onboardings.id, onboardingIds) : undefined,
      ),
    );
  result.onboardings = running.length;
  if (running.length === 0) return result;
  // The onboardings under review as a subquery: a list of ids would outgrow the parameter limit.
  const ids = tx
    .select({ id: onboardings.id })
    .from(onboardings)
    .where(
      and(
        eq(onboardings.workspaceId, ws),
        notInArray(onboardings.status, FINISHED),
        isNull(onboardings.completedAt),
        onboardingIds ? inArray(onboardings.id, onboardingIds) : undefined,
      ),
    );

  const tasks = await tx
    .select({
      id: onboardingTasks.id,
      onboardingId: onboardingTasks.onboardingId,
      key: onboardingTasks.key,
      title: onboardingTasks.title,
      stage: onboardingTasks.stage,
      side: onboardingTasks.side,
      measure: onboardingTasks.measure,
      status: onboardingTasks.status,
      startsOn: onboardingTasks.startsOn,
      dueOn: onboardingTasks.dueOn,
    })
    .from(onboardingTasks)
    .where(and(eq(onboardingTasks.workspaceId, ws), inArray(onboardingTasks.onboardingId, ids)));
  const criteria = await tx
    .select({
      id: onboardingCriteria.id,
      onboardingId: onboardingCriteria.onboardingId,
      metAt: onboardingCriteria.metAt,
    })
    .from(onboardingCriteria)
    .where(and(eq(onboardingCriteria.workspaceId, ws), inArray(onboardingCriteria.onboardingId, ids)));
  const existing = await tx
    .select({
      id: followUpSuggestions.id,
      onboardingId: followUpSuggestions.onboardingId,
      trigger: followUpSuggestions.trigger,
      action: followUpSuggestions.action,
      status: followUpSuggestions.status,
      decidedAt: followUpSuggestions.decidedAt,
      taskStatus: onboardingTasks.status,
    })
    .from(followUpSuggestions)
    .leftJoin(onboardingTasks, eq(onboardingTasks.id, followUpSuggestions.taskId))
    .where(
      and(
        eq(followUpSuggestions.workspaceId, ws),
        inArray(followUpSuggestions.onboardingId, ids),
        inArray(followUpSuggestions.status, ["open", "accepted", "dismissed"]),
      ),
    );

  const tasksOf = groupBy(tasks, (t) => t.onboardingId);
  const criteriaOf = groupBy(criteria, (c) => c.onboardingId);
  const open = new Map<string, string>();
  const suppressed = new Set<string>();
  const windowStart = now.getTime() - workspace.settings["onboarding.stallDays"] * DAY_MS;
  for (const s of existing) {
    const key = keyOf(s.onboardingId, s.trigger, s.action);
    if (s.status === "open") open.set(key, s.id);
    else if (
      (s.decidedAt && s.decidedAt.getTime() > windowStart) ||
      (s.status === "accepted" && (s.taskStatus === "todo" || s.taskStatus === "in_progress"))
    )
      suppressed.add(key);
  }

  const keep = new Set<string>();
  const updates: { id: string; score: number; details: unknown }[] = [];
  const inserts: { onboardingId: string; accountId: string; proposal: ProposedFollowUp }[] = [];
  for (const o of running) {
    const proposals = detectFollowUps({
      status: o.status,
      statusReasons: (o.statusReasons ?? []) as StatusReason[],
      touchModel: o.touchModel,
      contractValue: o.contractValue,
      tasks: (tasksOf.get(o.id) ?? []) as DetectionTask[],
      criteria: (criteriaOf.get(o.id) ?? []).map((c) => ({ id: c.id, met: c.metAt !== null })),
      today,
    });
    for (const p of proposals) {
      const key = keyOf(o.id, p.trigger, p.action);
      const openId = open.get(key);
      if (openId) {
        keep.add(openId);
        updates.push({ id: openId, score: p.score, details: p.details });
      } else if (!suppressed.has(key))
        inserts.push({ onboardingId: o.id, accountId: o.accountId, proposal: p });
    }
  }
  for (let i = 0; i < updates.length; i += BATCH)
    await updateSuggestions(tx, ws, updates.slice(i, i + BATCH), now);
  for (let i = 0; i < inserts.length; i += BATCH)
    await openSuggestions(tx, ws, inserts.slice(i, i + BATCH), now);
  result.updated = updates.length;
  result.opened = inserts.length;

  const gone = [...open.values()].filter((id) => !keep.has(id));
  if (gone.length > 0) {
    await tx
      .update(followUpSuggestions)
      .set({ status: "resolved", updatedAt: now })
      .where(and(eq(followUpSuggestions.workspaceId, ws), inArray(followUpSuggestions.id, gone)));
    result.resolved += gone.length;
  }
  return result;
}

async function updateSuggestions(
  tx: Tx,
  workspaceId: string,
  rows: { id: string; score: number; details: unknown }[],
  now: Date,
) {
  await tx.execute(sql`update ${followUpSuggestions} s
    set score = v.score, details = v.details, updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, score numeric, details jsonb)
    where s.workspace_id = ${workspaceId} and s.id = v.id`);
}

async function openSuggestions(
  tx: Tx,
  workspaceId: string,
  rows: { onboardingId: string; accountId: string; proposal: ProposedFollowUp }[],
  now: Date,
) {
  const ids = rows.map(() => randomUUID());
  await tx.insert(followUpSuggestions).values(
    rows.map(({ onboardingId, accountId, proposal: p }, i) => ({
      id: ids[i],
      workspaceId,
      onboardingId,
      accountId,
      trigger: p.trigger,
      action: p.action,
      details: p.details as unknown as Record<string, unknown>,
      score: p.score,
      detectedAt: now,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await recordTimelines(
    tx,
    rows.map(({ onboardingId, accountId, proposal: p }, i) => ({
      workspaceId,
      accountId,
      kind: "follow_up",
      occurredAt: now,
      actorLabel: "Embark",
      data: {
        action: "proposed",
        suggestionId: ids[i],
        onboardingId,
        trigger: p.trigger,
        followUpAction: p.action,
      },
    })),
  );
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Reviews one onboarding's follow-ups from its stored summary; call it after a change of the plan
 * (once the summary has been recomputed).
 */
export function reviewOnboarding(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  now: Date = new Date(),
): Promise<ReviewResult> {
  return reviewOnboardings(tx, workspace, [onboardingId], now);
}

/** Recomputes every running onboarding of the workspace, then reviews the follow-ups of all of them. */
export async function reviewWorkspace(
  tx: Tx,
  workspace: Workspace,
  now: Date = new Date(),
): Promise<ReviewResult & { refreshed: number }> {
  await lockWorkspaceReview(tx, workspace.id);
  const refreshed = await refreshRunningOnboardings(tx, workspace, now);
  return { refreshed, ...(await reviewOnboardings(tx, workspace, null, now)) };
}
