import { z } from "@hono/zod-openapi";
import { and, asc, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { addDays } from "../onboarding/onboarding-schedule.ts";
import { planDate } from "../onboarding/onboarding-schemas.ts";
import { refreshOnboarding } from "../onboarding/refresh-onboarding.ts";
import type { Tx } from "../platform/db/client.ts";
import {
  accounts,
  followUpSuggestions,
  type Localized,
  memberships,
  onboardings,
  onboardingTasks,
  users,
} from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { dateInZone } from "../platform/time.ts";
import { inviteToNextTraining, trainingFollowUpActions } from "../seminars/follow-up-invitations.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import {
  type FollowUpAction,
  type FollowUpDetails,
  followUpActions,
  measureOfAction,
} from "./detect-follow-ups.ts";

export const followUpStatuses = ["open", "accepted", "dismissed", "resolved"] as const;

export const followUpListQuery = z.object({
  status: z
    .enum([...followUpStatuses, "all"])
    .default("open")
    .openapi({ description: "Which suggestions: open (default), accepted, dismissed, resolved or all" }),
  ownerId: z.string().optional().openapi({ description: "The account owner's user id, or `me`" }),
  touchModel: z.string().optional(),
  accountId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type FollowUpListQuery = z.infer<typeof followUpListQuery>;

export const acceptFollowUpInput = z
  .object({
    dueOn: planDate
      .optional()
      .openapi({ description: "The task's due date (YYYY-MM-DD); defaults to a few days ahead" }),
    assigneeUserId: z.string().min(1).optional().openapi({ description: "Defaults to the account owner" }),
  })
  .strict();
export type AcceptFollowUpInput = z.infer<typeof acceptFollowUpInput>;

export const dismissFollowUpInput = z
  .object({ reason: z.string().trim().min(1, "a reason is required").max(2000) })
  .strict();
export type DismissFollowUpInput = z.infer<typeof dismissFollowUpInput>;

const ownerUser = sql<string | null>`(select u.name from ${users} u where u.id = ${accounts.ownerId})`;
const decidedByName = sql<
  string | null
>`(select u.name from ${users} u where u.id = ${followUpSuggestions.decidedBy})`;

const itemColumns = {
  id: followUpSuggestions.id,
  onboardingId: followUpSuggestions.onboardingId,
  accountId: followUpSuggestions.accountId,
  accountName: accounts.name,
  touchModel: accounts.touchModel,
  segment: accounts.segment,
  contractValue: accounts.contractValue,
  ownerId: accounts.ownerId,
  ownerName: ownerUser,
  onboardingStatus: onboardings.status,
  statusReasons: onboardings.statusReasons,
  progress: onboardings.progress,
  targetDate: onboardings.targetDate,
  lastProgressAt: onboardings.lastProgressAt,
  trigger: followUpSuggestions.trigger,
  action: followUpSuggestions.action,
  details: followUpSuggestions.details,
  score: followUpSuggestions.score,
  status: followUpSuggestions.status,
  taskId: followUpSuggestions.taskId,
  decisionReason: followUpSuggestions.decisionReason,
  decidedBy: followUpSuggestions.decidedBy,
  decidedByName,
  decidedAt: followUpSuggestions.decidedAt,
  detectedAt: followUpSuggestions.detectedAt,
  updatedAt: followUpSuggestions.updatedAt,
};

function toItem(row: Awaited<ReturnType<typeof selectItems>>[number]) {
  const { onboardingStatus, statusReasons, progress, targetDate, lastProgressAt, ...rest } = row;
  return {
    ...rest,
    onboarding: {
      id: row.onboardingId,
      status: onboardingStatus,
      statusReasons,
      progress,
      targetDate,
      lastProgressAt,
    },
  };
}
export type FollowUpItem = ReturnType<typeof toItem>;

function selectItems(tx: Tx, where: SQL | undefined) {
  return tx
    .select(itemColumns)
    .from(followUpSuggestions)
    .innerJoin(accounts, eq(accounts.id, followUpSuggestions.accountId))
    .innerJoin(onboardings, eq(onboardings.id, followUpSuggestions.onboardingId))
    .where(where);
}

/** Suggestions, most urgent first. */
export async function listFollowUps(
  tx: Tx,
  workspace: Workspace,
  query: FollowUpListQuery,
  callerId: string | null,
) {
  const where: SQL[] = [eq(followUpSuggestions.workspaceId, workspace.id)];
  if (query.status !== "all") where.push(eq(followUpSuggestions.status, query.status));
  if (query.ownerId) {
    const owner = query.ownerId === "me" ? callerId : query.ownerId;
    where.push(owner ? eq(accounts.ownerId, owner) : sql`false`);
  }
  if (query.touchModel) where.push(eq(accounts.touchModel, query.touchModel));
  if (query.accountId) where.push(eq(followUpSuggestions.accountId, query.accountId));
  const filter = and(...where);
  const [rows, totals] = await Promise.all([
    selectItems(tx, filter)
      .orderBy(
        desc(followUpSuggestions.score),
        asc(followUpSuggestions.detectedAt),
        asc(followUpSuggestions.id),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    tx
      .select({ total: count() })
      .from(followUpSuggestions)
      .innerJoin(accounts, eq(accounts.id, followUpSuggestions.accountId))
      .where(filter),
  ]);
  return {
    items: rows.map(toItem),
    total: totals[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getFollowUp(tx: Tx, workspaceId: string, id: string): Promise<FollowUpItem> {
  if (!z.uuid().safeParse(id).success) throw notFound("Follow-up");
  const [row] = await selectItems(
    tx,
    and(eq(followUpSuggestions.workspaceId, workspaceId), eq(followUpSuggestions.id, id)),
  );
  if (!row) throw notFound("Follow-up");
  return toItem(row);
}

async function lockOpen(tx: Tx, workspaceId: string, id: string) {
  const item = await getFollowUp(tx, workspaceId, id);
  const [locked] = await tx
    .select({ status: followUpSuggestions.status })
    .from(followUpSuggestions)
    .where(and(eq(followUpSuggestions.workspaceId, workspaceId), eq(followUpSuggestions.id, id)))
    .for("update");
  if (locked?.status !== "open")
    throw new AppError("conflict", `This follow-up is already ${locked?.status ?? "gone"}`);
  return item;
}

/** The task a follow-up becomes, in Japanese and English. */
export const taskTitles: Record<FollowUpAction, Localized> = {
  setup_on_behalf: { ja: "設定代行", en: "Set up on the customer's behalf" },
  supplementary_training: { ja: "補足トレーニングの実施", en: "Run a supplementary training session" },
  webinar: { ja: "ウェビナーへのご案内", en: "Invite the customer to a webinar" },
  call: { ja: "お客様へ電話でフォロー", en: "Call the customer" },
  agree_criteria: { ja: "完了基準の合意を依頼", en: "Ask the customer to agree the completion criteria" },
};
const defaultLeadDays: Record<FollowUpAction, number> = {
  setup_on_behalf: 5,
  supplementary_training: 7,
  webinar: 7,
  call: 2,
  agree_criteria: 3,
};

function taskDescription(details: FollowUpDetails): Localized | null {
  const tasks = details.tasks ?? [];
  if (tasks.length === 0) return null;
  return {
    ja: `対象のタスク: ${tasks.map((t) => t.title.ja).join("、")}`,
    en: `Tasks concerned: ${tasks.map((t) => t.title.en).join(", ")}`,
  };
}

const withNote = (description: Localized | null, note: Localized | undefined): Localized | null =>
  note
    ? {
        ja: description ? `${description.ja}\n${note.ja}` : note.ja,
        en: description ? `${description.en}\n${note.en}` : note.en,
      }
    : description;

/**
 * Accepts a suggestion: a CS-side task joins the plan (source `follow_up`, the action's measure),
 * assigned to the account owner unless someone else is named, and the suggestion links to it.
 */
export async function acceptFollowUp(
  tx: Tx,
  workspace: Workspace,
  id: string,
  input: AcceptFollowUpInput,
  userId: string | null,
  now: Date = new Date(),
  options: { publicUrl?: string } = {},
): Promise<FollowUpItem> {
  const item = await lockOpen(tx, workspace.id, id);
  if (item.onboarding.status === "completed" || item.onboarding.status === "churned")
    throw new AppError("conflict", "The onboarding is no longer running");
  const action = item.action as FollowUpAction;
  if (!followUpActions.includes(action))
    throw new AppError("conflict", `Unknown follow-up action ${item.action}`);
  const today = dateInZone(now, workspace.settings.timezone);
  const dueOn = input.dueOn ?? addDays(today, defaultLeadDays[action]);
  if (dueOn < today)
    throw new AppError("validation_failed", "The due date is in the past", [
      { path: "dueOn", message: "must be today or later" },
    ]);
  const assignee = input.assigneeUserId ?? item.ownerId;
  if (input.assigneeUserId) {
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, input.assigneeUserId)));
    if (!member)
      throw new AppError("validation_failed", "The assignee is not a member of this workspace", [
        { path: "assigneeUserId", message: "unknown user" },
      ]);
  }
  const details = item.details as unknown as FollowUpDetails;
  // Training and webinar follow-ups also invite the account's contacts to the next training session.
  const seminar =
    options.publicUrl && (trainingFollowUpActions as readonly string[]).includes(action)
      ? await inviteToNextTraining(tx, workspace, item.accountId, {
          publicUrl: options.publicUrl,
          userId,
          now,
        })
      : null;
  const [{ position }] = (await tx
    .select({ position: sql<number>`coalesce(max(${onboardingTasks.position}), -1)::int + 1` })
    .from(onboardingTasks)
    .where(
      and(eq(onboardingTasks.workspaceId, workspace.id), eq(onboardingTasks.onboardingId, item.onboardingId)),
    )) as [{ position: number }];
  const [task] = await tx
    .insert(onboardingTasks)
    .values({
      workspaceId: workspace.id,
      onboardingId: item.onboardingId,
      accountId: item.accountId,
      key: `follow-up-${item.id.slice(0, 8)}`,
      stage: details.stage ?? "initial_response",
      title: taskTitles[action],
      description: withNote(taskDescription(details), seminar?.note),
      side: "cs",
      measure: measureOfAction[action],
      assigneeUserId: assignee,
      startsOn: today,
      dueOn,
      source: "follow_up",
      position,
    })
    .returning({ id: onboardingTasks.id });
  await tx
    .update(followUpSuggestions)
    .set({
      status: "accepted",
      taskId: task!.id,
      decidedBy: userId,
      decidedAt: now,
      updatedAt: now,
      ...(seminar ? { details: { ...item.details, seminarInvitation: seminar } } : {}),
    })
    .where(and(eq(followUpSuggestions.workspaceId, workspace.id), eq(followUpSuggestions.id, id)));
  await recordTimeline(tx, {
    workspaceId: workspace.id,
    accountId: item.accountId,
    kind: "follow_up",
    occurredAt: now,
    actorUserId: userId,
    data: {
      action: "accepted",
      suggestionId: id,
      onboardingId: item.onboardingId,
      trigger: item.trigger,
      followUpAction: action,
      taskId: task!.id,
      dueOn,
    },
  });
  await afterPlanChange(tx, workspace, item.onboardingId, now);
  return getFollowUp(tx, workspace.id, id);
}

/** Dismisses a suggestion with the reason why it is not needed. */
export async function dismissFollowUp(
  tx: Tx,
  workspace: Workspace,
  id: string,
  input: DismissFollowUpInput,
  userId: string | null,
  now: Date = new Date(),
): Promise<FollowUpItem> {
  const item = await lockOpen(tx, workspace.id, id);
  await tx
    .update(followUpSuggestions)
    .set({
      status: "dismissed",
      decisionReason: input.reason,
      decidedBy: userId,
      decidedAt: now,
      updatedAt: now,
    })
    .where(and(eq(followUpSuggestions.workspaceId, workspace.id), eq(followUpSuggestions.id, id)));
  await recordTimeline(tx, {
    workspaceId: workspace.id,
    accountId: item.accountId,
    kind: "follow_up",
    occurredAt: now,
    actorUserId: userId,
    body: input.reason,
    data: {
      action: "dismissed",
      suggestionId: id,
      onboardingId: item.onboardingId,
      trigger: item.trigger,
      followUpAction: item.action,
      reason: input.reason,
    },
  });
  return getFollowUp(tx, workspace.id, id);
}

/** Keeps the plan's summary current after a follow-up task joined it. */
async function afterPlanChange(tx: Tx, workspace: Workspace, onboardingId: string, now: Date) {
  await refreshOnboarding(tx, workspace, onboardingId, now);
}
