import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../platform/db/client.ts";
import {
  contacts,
  onboardingCriteria,
  onboardingMeetings,
  onboardings,
  onboardingTasks,
  onboardingTemplates,
  users,
} from "../platform/db/schema.ts";
import { notFound } from "../platform/http/errors.ts";
import { dateInZone } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { confirmationBlocks } from "./onboarding-schemas.ts";
import { type OnboardingSummary, readSummary } from "./onboarding-summaries.ts";
import { readUsageFacts } from "./usage-facts.ts";

/** "churned" is not in the staff schema's list yet (onboarding-schemas.ts is not part of this change). */
type Block = (typeof confirmationBlocks)[number];

/** The onboarding row itself, 404 when it is not in the workspace. */
export async function getOnboardingRow(tx: Queryable, workspaceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Onboarding");
  const [row] = await tx
    .select()
    .from(onboardings)
    .where(and(eq(onboardings.workspaceId, workspaceId), eq(onboardings.id, id)));
  if (!row) throw notFound("Onboarding");
  return row;
}

/** What stops the customer from confirming completion now (empty = they can). */
export async function confirmationBlocksOf(
  tx: Queryable,
  row: { id: string; completedAt: Date | null; agreedAt: Date | null; status: string },
): Promise<Block[]> {
  const blocks: Block[] = [];
  if (row.completedAt) blocks.push("completed");
  // The account has churned: nothing is agreed or confirmed on this onboarding any more.
  if (row.status === "churned") blocks.push("churned");
  if (!row.agreedAt) blocks.push("not_agreed");
  const [held] = await tx
    .select({ id: onboardingMeetings.id })
    .from(onboardingMeetings)
    .where(
      and(
        eq(onboardingMeetings.onboardingId, row.id),
        eq(onboardingMeetings.type, "completion"),
        sql`${onboardingMeetings.heldAt} is not null`,
      ),
    )
    .limit(1);
  if (!held) blocks.push("completion_meeting_not_held");
  return blocks;
}

export type Plan = Awaited<ReturnType<typeof readPlan>>;

/** The whole plan of one onboarding: summary, tasks, meetings, criteria, resources and confirmation. */
export async function readPlan(tx: Queryable, workspace: Workspace, onboardingId: string) {
  const row = await getOnboardingRow(tx, workspace.id, onboardingId);
  const summary = (await readSummary(tx, workspace.id, row.id)) as OnboardingSummary;
  const today = dateInZone(new Date(), workspace.settings.timezone);
  const [template, proposer, tasks, meetings, criteria, blocks, usage] = await Promise.all([
    row.templateId
      ? tx
          .select({ name: onboardingTemplates.name })
          .from(onboardingTemplates)
          .where(eq(onboardingTemplates.id, row.templateId))
      : Promise.resolve([]),
    row.proposedBy
      ? tx.select({ name: users.name }).from(users).where(eq(users.id, row.proposedBy))
      : Promise.resolve([]),
    tx
      .select({
        id: onboardingTasks.id,
        key: onboardingTasks.key,
        stage: onboardingTasks.stage,
        title: onboardingTasks.title,
        description: onboardingTasks.description,
        side: onboardingTasks.side,
        measure: onboardingTasks.measure,
        assigneeUserId: onboardingTasks.assigneeUserId,
        assigneeName: users.name,
        assigneeContactId: onboardingTasks.assigneeContactId,
        assigneeContactName: sql<string | null>`coalesce(${contacts.name}, ${contacts.email})`,
        startsOn: onboardingTasks.startsOn,
        dueOn: onboardingTasks.dueOn,
        dependsOn: onboardingTasks.dependsOn,
        status: onboardingTasks.status,
        doneAt: onboardingTasks.doneAt,
        doneByLabel: onboardingTasks.doneByLabel,
        internalNote: onboardingTasks.internalNote,
        source: onboardingTasks.source,
        position: onboardingTasks.position,
      })
      .from(onboardingTasks)
      .leftJoin(users, eq(users.id, onboardingTasks.assigneeUserId))
      .leftJoin(contacts, eq(contacts.id, onboardingTasks.assigneeContactId))
      .where(eq(onboardingTasks.onboardingId, row.id))
      .orderBy(asc(onboardingTasks.position), asc(onboardingTasks.startsOn), asc(onboardingTasks.id)),
    tx
      .select({
        id: onboardingMeetings.id,
        type: onboardingMeetings.type,
        title: onboardingMeetings.title,
        scheduledAt: onboardingMeetings.scheduledAt,
        durationMinutes: onboardingMeetings.durationMinutes,
        location: onboardingMeetings.location,
        heldAt: onboardingMeetings.heldAt,
        notes: onboardingMeetings.notes,
      })
      .from(onboardingMeetings)
      .where(eq(onboardingMeetings.onboardingId, row.id))
      .orderBy(asc(onboardingMeetings.scheduledAt), asc(onboardingMeetings.id)),
    tx
      .select({
        id: onboardingCriteria.id,
        key: onboardingCriteria.key,
        title: onboardingCriteria.title,
        kind: onboardingCriteria.kind,
        rule: onboardingCriteria.rule,
        metAt: onboardingCriteria.metAt,
        metByLabel: onboardingCriteria.metByLabel,
        evidence: onboardingCriteria.evidence,
      })
      .from(onboardingCriteria)
      .where(eq(onboardingCriteria.onboardingId, row.id))
      .orderBy(asc(onboardingCriteria.position), asc(onboardingCriteria.id)),
    confirmationBlocksOf(tx, row),
    readUsageFacts(tx, workspace.id).hasUsageData(),
  ]);
  return {
    ...summary,
    templateId: row.templateId,
    templateName: template[0]?.name ?? null,
    tasks: tasks.map((t) => ({
      ...t,
      overdue: t.status !== "done" && t.status !== "skipped" && t.dueOn < today,
    })),
    meetings,
    criteria: criteria.map((c) => ({
      ...c,
      waitingForEvents: c.kind !== "manual" && !c.metAt && !usage,
    })),
    resources: row.resources as {
      key: string;
      title: { ja: string; en: string };
      url: string;
      kind: "manual" | "faq" | "video" | "other";
    }[],
    proposedByName: proposer[0]?.name ?? null,
    agreedByLabel: row.agreedByLabel,
    completionSource: row.completionSource,
    completionReason: row.completionReason,
    completedByLabel: row.completedByLabel,
    confirmation: { available: blocks.length === 0, blockedBy: blocks },
  };
}

/** The account's running onboarding, else its latest one, else null. */
export async function currentOnboarding(tx: Queryable, workspace: Workspace, accountId: string) {
  const [row] = await tx
    .select({ id: onboardings.id })
    .from(onboardings)
    .where(and(eq(onboardings.workspaceId, workspace.id), eq(onboardings.accountId, accountId)))
    .orderBy(
      sql`case when ${onboardings.completedAt} is null and ${onboardings.status} <> 'churned' then 0 else 1 end`,
      desc(onboardings.startedAt),
    )
    .limit(1);
  return row ? readPlan(tx, workspace, row.id) : null;
}

/** The account's running onboarding id (not completed, not churned), or null. */
export async function runningOnboardingId(tx: Queryable, workspaceId: string, accountId: string) {
  const [row] = await tx
    .select({ id: onboardings.id })
    .from(onboardings)
    .where(
      and(
        eq(onboardings.workspaceId, workspaceId),
        eq(onboardings.accountId, accountId),
        isNull(onboardings.completedAt),
        sql`${onboardings.status} <> 'churned'`,
      ),
    )
    .limit(1);
  return row?.id ?? null;
}
