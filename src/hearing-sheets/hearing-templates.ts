import { z } from "@hono/zod-openapi";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { hearingTemplates } from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { defaultHearingQuestions, defaultHearingTemplateName } from "./default-hearing-template.ts";
import {
  activeQuestions,
  buildHearingQuestions,
  type HearingTemplateInput,
  type HearingTemplatePatch,
  reviseHearingQuestions,
  type StoredHearingQuestion,
} from "./hearing-questions.ts";

export type HearingTemplateRow = typeof hearingTemplates.$inferSelect;

/** A template as the API shows it: active questions in order, removed ones apart. */
export function toTemplateView(row: HearingTemplateRow) {
  const stored: StoredHearingQuestion[] = row.questions;
  return {
    id: row.id,
    name: row.name,
    questions: activeQuestions(stored),
    removedQuestions: stored
      .filter((q) => q.removedAt !== undefined)
      .map((q) => ({ id: q.id, type: q.type, label: q.label, removedAt: q.removedAt! })),
    archived: row.archivedAt !== null,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type HearingTemplateView = ReturnType<typeof toTemplateView>;

/** The shipped default template, created for the workspace (the demo calls this too). */
export async function createDefaultHearingTemplate(tx: Queryable, workspaceId: string) {
  const [row] = await tx
    .insert(hearingTemplates)
    .values({ workspaceId, name: defaultHearingTemplateName, questions: defaultHearingQuestions })
    .returning();
  return toTemplateView(row!);
}

/** Creates the default template when the workspace has no template at all (not even archived). */
export async function ensureDefaultHearingTemplate(tx: Queryable, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`embark.hearing-default.${workspaceId}`}))`);
  const [existing] = await tx
    .select({ n: count() })
    .from(hearingTemplates)
    .where(eq(hearingTemplates.workspaceId, workspaceId));
  if ((existing?.n ?? 0) === 0) await createDefaultHearingTemplate(tx, workspaceId);
}

/** The workspace's templates, oldest first; the default one appears on first use. */
export async function listHearingTemplates(
  tx: Queryable,
  workspaceId: string,
  options: { includeArchived?: boolean } = {},
) {
  await ensureDefaultHearingTemplate(tx, workspaceId);
  const rows = await tx
    .select()
    .from(hearingTemplates)
    .where(
      and(
        eq(hearingTemplates.workspaceId, workspaceId),
        options.includeArchived ? undefined : isNull(hearingTemplates.archivedAt),
      ),
    )
    .orderBy(asc(hearingTemplates.createdAt), asc(hearingTemplates.id));
  return rows.map(toTemplateView);
}

export async function findHearingTemplate(
  tx: Queryable,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<HearingTemplateRow> {
  if (!z.uuid().safeParse(id).success) throw notFound("Hearing template");
  const query = tx
    .select()
    .from(hearingTemplates)
    .where(and(eq(hearingTemplates.workspaceId, workspaceId), eq(hearingTemplates.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Hearing template");
  return row;
}

export async function getHearingTemplate(tx: Queryable, workspaceId: string, id: string) {
  return toTemplateView(await findHearingTemplate(tx, workspaceId, id));
}

/** A manager defines a new hearing template. */
export async function createHearingTemplate(tx: Queryable, workspaceId: string, input: HearingTemplateInput) {
  const [row] = await tx
    .insert(hearingTemplates)
    .values({ workspaceId, name: input.name, questions: buildHearingQuestions(input.questions) })
    .returning();
  return toTemplateView(row!);
}

/** A manager renames a template or edits its questions; answers to removed questions are kept. */
export async function updateHearingTemplate(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: HearingTemplatePatch,
) {
  const row = await findHearingTemplate(tx, workspaceId, id, true);
  const now = new Date();
  const questions = patch.questions ? reviseHearingQuestions(row.questions, patch.questions, now) : undefined;
  const [updated] = await tx
    .update(hearingTemplates)
    .set({ name: patch.name, questions, updatedAt: now })
    .where(and(eq(hearingTemplates.workspaceId, workspaceId), eq(hearingTemplates.id, id)))
    .returning();
  return toTemplateView(updated!);
}

/** A manager retires a template (kept with its answers) or brings it back. */
export async function setHearingTemplateArchived(
  tx: Queryable,
  workspaceId: string,
  id: string,
  archived: boolean,
) {
  const row = await findHearingTemplate(tx, workspaceId, id, true);
  if ((row.archivedAt !== null) === archived) return toTemplateView(row);
  const now = new Date();
  const [updated] = await tx
    .update(hearingTemplates)
    .set({ archivedAt: archived ? now : null, updatedAt: now })
    .where(and(eq(hearingTemplates.workspaceId, workspaceId), eq(hearingTemplates.id, id)))
    .returning();
  return toTemplateView(updated!);
}

export function assertTemplateOpen(row: HearingTemplateRow) {
  if (row.archivedAt !== null)
    throw new AppError("conflict", "This hearing template is archived; restore it to answer it");
}
