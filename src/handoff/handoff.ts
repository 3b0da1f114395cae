import { z } from "@hono/zod-openapi";
import { and, asc, eq, inArray } from "drizzle-orm";
import { literacyLevels, normalizeChoice } from "../accounts/account-fields.ts";
import type { Queryable } from "../platform/db/client.ts";
import { accounts, contacts, users } from "../platform/db/schema.ts";
import { AppError, type ErrorDetail, notFound } from "../platform/http/errors.ts";
import { classifyWrittenAccounts } from "../segmentation/classify-written-accounts.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { describeHandoffGaps, listHandoffGaps } from "./handoff-gaps.ts";

/** The hand-off roles of seed 000's stakeholders. */
export const stakeholderRoles = ["decision_maker", "champion"] as const;

/** A text field of the form: trimmed; an empty string clears it like null. */
const formText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(max, `must be at most ${max} characters`).nullable(),
  );

/** A change to the hand-off; absent fields stay as they are, null (or "") clears one. */
export const handoffPatch = z.object({
  industry: formText(200).optional(),
  employees: z.number().int().min(0).max(100_000_000).nullable().optional(),
  annualRevenue: z.number().finite().min(0, "must not be negative").nullable().optional(),
  department: formText(200).optional(),
  challenges: formText(5000).optional(),
  adoptionPurpose: formText(5000).optional(),
  expectedOutcomes: formText(5000).optional(),
  itLiteracy: z
    .preprocess(
      (v) => (v === "" ? null : normalizeChoice(v)),
      z.enum(literacyLevels, { error: `must be one of ${literacyLevels.join(", ")}` }).nullable(),
    )
    .optional(),
  skillNotes: formText(5000).optional(),
  lessons: formText(5000).optional(),
  similarAccountIds: z
    .array(z.string())
    .max(20)
    .optional()
    .openapi({ description: "Other accounts of this workspace to learn from (replaces the list)" }),
});
export type HandoffPatch = z.infer<typeof handoffPatch>;

const handoffColumns = {
  id: accounts.id,
  name: accounts.name,
  industry: accounts.industry,
  employees: accounts.employees,
  annualRevenue: accounts.annualRevenue,
  department: accounts.department,
  challenges: accounts.challenges,
  adoptionPurpose: accounts.adoptionPurpose,
  expectedOutcomes: accounts.expectedOutcomes,
  itLiteracy: accounts.itLiteracy,
  skillNotes: accounts.skillNotes,
  lessons: accounts.lessons,
  similarAccountIds: accounts.similarAccountIds,
  handoffCompletedAt: accounts.handoffCompletedAt,
  handoffCompletedBy: accounts.handoffCompletedBy,
};
type HandoffRow = Awaited<ReturnType<typeof loadHandoffRow>>;
const editableFields = [
  "industry",
  "employees",
  "annualRevenue",
  "department",
  "challenges",
  "adoptionPurpose",
  "expectedOutcomes",
  "itLiteracy",
  "skillNotes",
  "lessons",
  "similarAccountIds",
] as const satisfies readonly (keyof HandoffPatch & keyof HandoffRow)[];

async function loadHandoffRow(tx: Queryable, workspaceId: string, accountId: string, forUpdate = false) {
  if (!z.uuid().safeParse(accountId).success) throw notFound("Account");
  const query = tx
    .select(handoffColumns)
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Account");
  return row;
}

async function listStakeholders(tx: Queryable, workspaceId: string, accountId: string) {
  return tx
    .select({
      id: contacts.id,
      name: contacts.name,
      email: contacts.email,
      role: contacts.role,
      literacy: contacts.literacy,
    })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        eq(contacts.accountId, accountId),
        inArray(contacts.role, [...stakeholderRoles]),
      ),
    )
    .orderBy(asc(contacts.role), asc(contacts.name), asc(contacts.email));
}

async function gapsOf(tx: Queryable, workspaceId: string, row: HandoffRow) {
  const roles = await listStakeholders(tx, workspaceId, row.id);
  return {
    stakeholders: roles,
    missing: listHandoffGaps({ ...row, contactRoles: roles.map((r) => r.role) }),
  };
}

/** The account's hand-off: its fields, stakeholders, similar accounts, what is missing, completion. */
export async function getHandoff(tx: Queryable, workspaceId: string, accountId: string) {
  const row = await loadHandoffRow(tx, workspaceId, accountId);
  const { stakeholders, missing } = await gapsOf(tx, workspaceId, row);
  const similar =
    row.similarAccountIds.length === 0
      ? []
      : await tx
          .select({ id: accounts.id, name: accounts.name })
          .from(accounts)
          .where(and(eq(accounts.workspaceId, workspaceId), inArray(accounts.id, row.similarAccountIds)));
  const byId = new Map(similar.map((a) => [a.id, a]));
  const [completedBy] = row.handoffCompletedBy
    ? await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(eq(users.id, row.handoffCompletedBy))
    : [];
  const { id, name, handoffCompletedAt, handoffCompletedBy: _by, ...fields } = row;
  return {
    accountId: id,
    accountName: name,
    ...fields,
    similarAccountIds: row.similarAccountIds.filter((s) => byId.has(s)),
    similarAccounts: row.similarAccountIds.flatMap((s) => byId.get(s) ?? []),
    stakeholders,
    missing,
    complete: handoffCompletedAt !== null && missing.length === 0,
    completedAt: handoffCompletedAt,
    completedBy: completedBy ?? null,
  };
}
export type HandoffView = Awaited<ReturnType<typeof getHandoff>>;

async function checkSimilarAccounts(tx: Queryable, workspaceId: string, accountId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const details: ErrorDetail[] = [];
  const valid = unique.filter((id, i) => {
    if (id === accountId) details.push({ path: `similarAccountIds.${i}`, message: "is the account itself" });
    else if (!z.uuid().safeParse(id).success)
      details.push({ path: `similarAccountIds.${i}`, message: "is not an account id" });
    else return true;
    return false;
  });
  const found =
    valid.length === 0
      ? []
      : await tx
          .select({ id: accounts.id })
          .from(accounts)
          .where(and(eq(accounts.workspaceId, workspaceId), inArray(accounts.id, valid)));
  const known = new Set(found.map((a) => a.id));
  unique.forEach((id, i) => {
    if (valid.includes(id) && !known.has(id))
      details.push({ path: `similarAccountIds.${i}`, message: "is not an account of this workspace" });
  });
  if (details.length > 0) throw new AppError("validation_failed", "A similar account is not valid", details);
  return unique;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A CSM fills in or corrects the hand-off. A completed hand-off stays complete only while nothing
 * required is missing. Each change is recorded on the timeline.
 */
export async function updateHandoff(
  tx: Queryable,
  workspace: Workspace,
  accountId: string,
  patch: HandoffPatch,
  actorUserId: string | null,
) {
  const workspaceId = workspace.id;
  const before = await loadHandoffRow(tx, workspaceId, accountId, true);
  const next: HandoffPatch = { ...patch };
  if (patch.similarAccountIds !== undefined)
    next.similarAccountIds = await checkSimilarAccounts(tx, workspaceId, accountId, patch.similarAccountIds);
  const changed = editableFields.filter((f) => next[f] !== undefined && !sameValue(next[f], before[f]));
  if (changed.length === 0) return getHandoff(tx, workspaceId, accountId);

  const values: Partial<typeof accounts.$inferInsert> = { updatedAt: new Date() };
  for (const f of changed) Object.assign(values, { [f]: next[f] });
  await tx
    .update(accounts)
    .set(values)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)));

  // Company size and industry feed the segment rules.
  if (changed.some((f) => f === "employees" || f === "annualRevenue" || f === "industry"))
    await classifyWrittenAccounts(tx, workspace, [{ id: accountId, previousPhase: null }], { actorUserId });
  const after = await loadHandoffRow(tx, workspaceId, accountId);
  const { missing } = await gapsOf(tx, workspaceId, after);
  const completionCleared = after.handoffCompletedAt !== null && missing.length > 0;
  if (completionCleared)
    await tx
      .update(accounts)
      .set({ handoffCompletedAt: null, handoffCompletedBy: null })
      .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)));
  await recordTimeline(tx, {
    workspaceId,
    accountId,
    kind: "handoff",
    title: completionCleared ? "Hand-off updated; it is no longer complete" : "Hand-off updated",
    actorUserId,
    data: { action: "updated", fields: changed, completionCleared, missing },
  });
  return getHandoff(tx, workspaceId, accountId);
}

/** A CSM marks the hand-off complete: only when nothing required is missing (409 otherwise). */
export async function completeHandoff(
  tx: Queryable,
  workspaceId: string,
  accountId: string,
  actorUserId: string | null,
) {
  const row = await loadHandoffRow(tx, workspaceId, accountId, true);
  const { missing } = await gapsOf(tx, workspaceId, row);
  if (missing.length > 0)
    throw new AppError(
      "conflict",
      "The hand-off cannot be completed while required parts are missing",
      describeHandoffGaps(missing),
    );
  if (row.handoffCompletedAt !== null) return getHandoff(tx, workspaceId, accountId);
  await tx
    .update(accounts)
    .set({ handoffCompletedAt: new Date(), handoffCompletedBy: actorUserId, updatedAt: new Date() })
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)));
  await recordTimeline(tx, {
    workspaceId,
    accountId,
    kind: "handoff",
    title: "Hand-off completed",
    actorUserId,
    data: { action: "completed" },
  });
  return getHandoff(tx, workspaceId, accountId);
}
