import { randomBytes } from "node:crypto";
import { z } from "@hono/zod-openapi";
import { and, asc, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import {
  type SurveyQuestion,
  surveyResponses,
  surveySends,
  surveys,
  surveyTriggers,
} from "../platform/db/schema.ts";
import { notFound } from "../platform/http/errors.ts";
import type { SurveyInput, TriggerInput } from "./survey-schemas.ts";

export type SurveyRow = typeof surveys.$inferSelect;
export type TriggerRow = typeof surveyTriggers.$inferSelect;

const questionId = () => `q_${randomBytes(4).toString("hex")}`;

function toQuestions(input: SurveyInput["questions"]): SurveyQuestion[] {
  const seen = new Set<string>();
  return input.map((q) => {
    let id = q.id && !seen.has(q.id) ? q.id : questionId();
    while (seen.has(id)) id = questionId();
    seen.add(id);
    return {
      id,
      type: q.type,
      text: q.text,
      ...(q.type === "choice" ? { options: q.options ?? [] } : {}),
      required: q.required,
    };
  });
}

const triggerValues = (workspaceId: string, surveyId: string, t: TriggerInput) => ({
  workspaceId,
  surveyId,
  kind: t.kind,
  days: t.kind === "days_after_start" ? (t.days ?? 0) : null,
  segments: t.segments,
  touchModels: t.touchModels,
  roles: t.roles,
});

/** Replaces a survey's triggers: kept ids are updated in place (their start instant stays), others go. */
async function saveTriggers(tx: Queryable, workspaceId: string, surveyId: string, input: TriggerInput[]) {
  const existing = await tx
    .select({ id: surveyTriggers.id })
    .from(surveyTriggers)
    .where(and(eq(surveyTriggers.workspaceId, workspaceId), eq(surveyTriggers.surveyId, surveyId)));
  const existingIds = new Set(existing.map((t) => t.id));
  const kept = input.filter((t) => t.id && existingIds.has(t.id));
  const keptIds = kept.map((t) => t.id!);
  await tx
    .delete(surveyTriggers)
    .where(
      and(
        eq(surveyTriggers.workspaceId, workspaceId),
        eq(surveyTriggers.surveyId, surveyId),
        ...(keptIds.length ? [notInArray(surveyTriggers.id, keptIds)] : []),
      ),
    );
  for (const t of kept) {
    await tx
      .update(surveyTriggers)
      .set(triggerValues(workspaceId, surveyId, t))
      .where(and(eq(surveyTriggers.workspaceId, workspaceId), eq(surveyTriggers.id, t.id!)));
  }
  const added = input.filter((t) => !(t.id && existingIds.has(t.id)));
  if (added.length)
    await tx.insert(surveyTriggers).values(added.map((t) => triggerValues(workspaceId, surveyId, t)));
}

export async function createSurvey(
  tx: Queryable,
  workspaceId: string,
  input: SurveyInput,
  userId: string | null,
) {
  const [row] = await tx
    .insert(surveys)
    .values({
      workspaceId,
      kind: input.kind,
      title: input.title,
      intro: input.intro,
      questions: toQuestions(input.questions),
      closeAfterDays: input.closeAfterDays,
      createdBy: userId,
    })
    .returning({ id: surveys.id });
  await saveTriggers(tx, workspaceId, row!.id, input.triggers);
  return getSurvey(tx, workspaceId, row!.id);
}

export async function updateSurvey(tx: Queryable, workspaceId: string, id: string, input: SurveyInput) {
  const current = await getSurvey(tx, workspaceId, id);
  await tx
    .update(surveys)
    .set({
      // The kind decides what the answers mean; it stays once answers exist.
      kind: current.responses > 0 ? current.kind : input.kind,
      title: input.title,
      intro: input.intro,
      questions: toQuestions(input.questions),
      closeAfterDays: input.closeAfterDays,
      updatedAt: new Date(),
    })
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, id)));
  await saveTriggers(tx, workspaceId, id, input.triggers);
  return getSurvey(tx, workspaceId, id);
}

export async function setSurveyArchived(tx: Queryable, workspaceId: string, id: string, archived: boolean) {
  await getSurvey(tx, workspaceId, id);
  await tx
    .update(surveys)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, id)));
  return getSurvey(tx, workspaceId, id);
}

const sendCount = sql<number>`(select count(*)::int from ${surveySends} s where s.survey_id = surveys.id)`;
const responseCount = sql<number>`(select count(*)::int from ${surveyResponses} r where r.survey_id = surveys.id)`;

async function withTriggers<T extends { id: string }>(tx: Queryable, workspaceId: string, rows: T[]) {
  const ids = rows.map((r) => r.id);
  const triggers = ids.length
    ? await tx
        .select()
        .from(surveyTriggers)
        .where(and(eq(surveyTriggers.workspaceId, workspaceId), inArray(surveyTriggers.surveyId, ids)))
        .orderBy(asc(surveyTriggers.createdAt), asc(surveyTriggers.id))
    : [];
  return rows.map((r) => ({
    ...r,
    triggers: triggers
      .filter((t) => t.surveyId === r.id)
      .map(({ id, kind, days, segments, touchModels, roles, createdAt }) => ({
        id,
        kind,
        days,
        segments,
        touchModels,
        roles,
        createdAt,
      })),
  }));
}

const columns = {
  id: surveys.id,
  kind: surveys.kind,
  title: surveys.title,
  intro: surveys.intro,
  questions: surveys.questions,
  closeAfterDays: surveys.closeAfterDays,
  archivedAt: surveys.archivedAt,
  createdAt: surveys.createdAt,
  updatedAt: surveys.updatedAt,
  sends: sendCount,
  responses: responseCount,
};

export async function listSurveys(tx: Queryable, workspaceId: string, includeArchived: boolean) {
  const rows = await tx
    .select(columns)
    .from(surveys)
    .where(
      and(eq(surveys.workspaceId, workspaceId), includeArchived ? undefined : isNull(surveys.archivedAt)),
    )
    .orderBy(desc(surveys.createdAt), desc(surveys.id));
  return withTriggers(tx, workspaceId, rows);
}

export async function getSurvey(tx: Queryable, workspaceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Survey");
  const [row] = await tx
    .select(columns)
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, id)));
  if (!row) throw notFound("Survey");
  return (await withTriggers(tx, workspaceId, [row]))[0]!;
}
export type SurveyView = Awaited<ReturnType<typeof getSurvey>>;
