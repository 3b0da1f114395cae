import { z } from "@hono/zod-openapi";
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { getAccount } from "../accounts/accounts.ts";
import type { Queryable } from "../platform/db/client.ts";
import { type HearingAnswer, hearingSheets, hearingTemplates, users } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import {
  activeQuestions,
  checkHearingAnswers,
  fitsQuestion,
  listMissingRequired,
  mergeHearingAnswers,
  type StoredHearingQuestion,
} from "./hearing-questions.ts";
import {
  assertTemplateOpen,
  ensureDefaultHearingTemplate,
  findHearingTemplate,
  type HearingTemplateRow,
  toTemplateView,
} from "./hearing-templates.ts";

export const hearingAnswersInput = z.object({
  answers: z
    .record(z.string(), z.union([z.string(), z.number(), z.null()]))
    .default({})
    .openapi({
      description:
        'questionId → value: text, an option value, a number, or YYYY-MM-DD; null or "" clears. Questions left out keep their answers',
    }),
});
export type HearingAnswersInput = z.infer<typeof hearingAnswersInput>;

type SheetRow = { answers: Record<string, HearingAnswer>; updatedAt: Date } | undefined;

async function namesOf(tx: Queryable, sheets: SheetRow[]) {
  const ids = [
    ...new Set(sheets.flatMap((s) => Object.values(s?.answers ?? {}).flatMap((a) => (a.by ? [a.by] : [])))),
  ];
  if (ids.length === 0) return new Map<string, string>();
  const rows = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One template with the account's answers: who answered what and when, and what is still missing. */
function describeSheet(template: HearingTemplateRow, sheet: SheetRow, names: Map<string, string>) {
  const stored: StoredHearingQuestion[] = template.questions;
  const byId = new Map(stored.map((q) => [q.id, q]));
  const answers = sheet?.answers ?? {};
  const view = (a: HearingAnswer) => ({
    value: a.value,
    by: a.by,
    byName: a.by ? (names.get(a.by) ?? null) : null,
    at: a.at,
  });
  const current: Record<string, ReturnType<typeof view> & { outdated: boolean }> = {};
  const removedAnswers: (ReturnType<typeof view> & {
    questionId: string;
    label: { ja: string; en: string } | null;
    type: string | null;
  })[] = [];
  for (const [questionId, answer] of Object.entries(answers)) {
    const question = byId.get(questionId);
    if (question && question.removedAt === undefined)
      current[questionId] = { ...view(answer), outdated: !fitsQuestion(question, answer) };
    else
      removedAnswers.push({
        questionId,
        label: question?.label ?? null,
        type: question?.type ?? null,
        ...view(answer),
      });
  }
  const active = activeQuestions(stored);
  return {
    template: toTemplateView(template),
    answers: current,
    removedAnswers,
    missingRequired: listMissingRequired(stored, answers),
    answeredCount: active.filter((q) => current[q.id] !== undefined).length,
    questionCount: active.length,
    updatedAt: sheet?.updatedAt ?? null,
  };
}
export type HearingSheetView = ReturnType<typeof describeSheet>;

/**
 * The account's hearing sheets: every open template (the default appears on first use) and any
 * archived one the account has answers for, each with the answers.
 */
export async function listAccountHearingSheets(tx: Queryable, workspaceId: string, accountId: string) {
  await getAccount(tx, workspaceId, accountId);
  await ensureDefaultHearingTemplate(tx, workspaceId);
  const sheets = await tx
    .select({
      templateId: hearingSheets.templateId,
      answers: hearingSheets.answers,
      updatedAt: hearingSheets.updatedAt,
    })
    .from(hearingSheets)
    .where(and(eq(hearingSheets.workspaceId, workspaceId), eq(hearingSheets.accountId, accountId)));
  const answered = sheets.filter((s) => Object.keys(s.answers).length > 0).map((s) => s.templateId);
  const templates = await tx
    .select()
    .from(hearingTemplates)
    .where(
      and(
        eq(hearingTemplates.workspaceId, workspaceId),
        answered.length > 0
          ? or(isNull(hearingTemplates.archivedAt), inArray(hearingTemplates.id, answered))
          : isNull(hearingTemplates.archivedAt),
      ),
    )
    .orderBy(asc(hearingTemplates.createdAt), asc(hearingTemplates.id));
  const sheetOf = new Map(sheets.map((s) => [s.templateId, s]));
  const names = await namesOf(tx, sheets);
  return templates.map((t) => describeSheet(t, sheetOf.get(t.id), names));
}

async function loadSheet(
  tx: Queryable,
  workspaceId: string,
  accountId: string,
  templateId: string,
  forUpdate = false,
) {
  const query = tx
    .select({ id: hearingSheets.id, answers: hearingSheets.answers, updatedAt: hearingSheets.updatedAt })
    .from(hearingSheets)
    .where(
      and(
        eq(hearingSheets.workspaceId, workspaceId),
        eq(hearingSheets.accountId, accountId),
        eq(hearingSheets.templateId, templateId),
      ),
    );
  const [row] = forUpdate ? await query.for("update") : await query;
  return row;
}

/** The account's sheet for one template. */
export async function getAccountHearingSheet(
  tx: Queryable,
  workspaceId: string,
  accountId: string,
  templateId: string,
) {
  await getAccount(tx, workspaceId, accountId);
  const template = await findHearingTemplate(tx, workspaceId, templateId);
  const sheet = await loadSheet(tx, workspaceId, accountId, templateId);
  return describeSheet(template, sheet, await namesOf(tx, [sheet]));
}

/**
 * A CSM records the customer's answers on the account's sheet for a template. Every answer is
 * checked first; one bad answer stores nothing. Changed answers record who and when, and a
 * timeline entry notes the save.
 */
export async function saveHearingAnswers(
  tx: Queryable,
  workspaceId: string,
  accountId: string,
  templateId: string,
  input: HearingAnswersInput,
  actorUserId: string | null,
) {
  await getAccount(tx, workspaceId, accountId);
  const template = await findHearingTemplate(tx, workspaceId, templateId);
  assertTemplateOpen(template);
  const checked = checkHearingAnswers(template.questions, input.answers);
  if (!checked.ok) throw new AppError("validation_failed", "Some answers are not valid", checked.problems);

  await tx
    .insert(hearingSheets)
    .values({ workspaceId, accountId, templateId, answers: {} })
    .onConflictDoNothing();
  const sheet = (await loadSheet(tx, workspaceId, accountId, templateId, true))!;
  const now = new Date();
  const { answers, changed } = mergeHearingAnswers(sheet.answers, checked.values, actorUserId, now);
  if (changed.length > 0) {
    await tx
      .update(hearingSheets)
      .set({ answers, updatedAt: now })
      .where(and(eq(hearingSheets.workspaceId, workspaceId), eq(hearingSheets.id, sheet.id)));
    await recordTimeline(tx, {
      workspaceId,
      accountId,
      kind: "hearing",
      title: `Hearing sheet "${template.name}" updated`,
      actorUserId,
      occurredAt: now,
      data: {
        action: "answered",
        templateId,
        templateName: template.name,
        questionIds: changed,
        missingRequired: listMissingRequired(template.questions, answers),
      },
    });
  }
  const saved = { answers, updatedAt: changed.length > 0 ? now : sheet.updatedAt };
  return describeSheet(template, saved, await namesOf(tx, [saved]));
}
