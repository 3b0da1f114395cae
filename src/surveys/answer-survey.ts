import { and, eq } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { accounts, contacts, type SurveyQuestion, surveyResponses, surveys } from "../platform/db/schema.ts";
import { AppError, type ErrorDetail } from "../platform/http/errors.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { actOnLowScore } from "./detractor-follow-up.ts";
import type { SurveySend } from "./survey-links.ts";
import { type AnswerInput, isLowScore, type SurveyKind, scoreRange } from "./survey-schemas.ts";

type Answers = Record<string, string | number | null>;

/** Checks an answer against the survey: the score's range, required and known questions, option values. */
export function checkAnswer(
  kind: SurveyKind,
  questions: SurveyQuestion[],
  input: AnswerInput,
): { score: number | null; comment: string | null; answers: Answers } {
  const details: ErrorDetail[] = [];
  let score: number | null = null;
  if (kind === "nps" || kind === "csat") {
    const { min, max } = scoreRange[kind];
    if (input.score === null || input.score === undefined)
      details.push({ path: "score", message: "choose a score" });
    else if (input.score < min || input.score > max)
      details.push({ path: "score", message: `must be from ${min} to ${max}` });
    else score = input.score;
  } else if (input.score !== null && input.score !== undefined)
    details.push({ path: "score", message: "this survey has no overall score" });
  const answers: Answers = {};
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(input.answers))
    if (!byId.has(id)) details.push({ path: `answers.${id}`, message: "unknown question" });
  for (const q of questions) {
    const v = input.answers[q.id];
    const empty = v === null || v === undefined || (typeof v === "string" && v.trim() === "");
    if (empty) {
      if (q.required) details.push({ path: `answers.${q.id}`, message: "an answer is required" });
      continue;
    }
    if (q.type === "scale") {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 5)
        details.push({ path: `answers.${q.id}`, message: "must be from 1 to 5" });
      else answers[q.id] = v;
    } else if (q.type === "choice") {
      if (typeof v !== "string" || !q.options?.some((o) => o.value === v))
        details.push({ path: `answers.${q.id}`, message: "not one of the options" });
      else answers[q.id] = v;
    } else if (typeof v !== "string") details.push({ path: `answers.${q.id}`, message: "must be text" });
    else answers[q.id] = v.trim();
  }
  if (details.length) throw new AppError("validation_failed", "The answer is not valid", details);
  return { score, comment: input.comment?.trim() || null, answers };
}

export interface ResponseFacts {
  responseId: string;
  accountId: string;
  kind: SurveyKind;
  score: number | null;
  comment: string | null;
  surveyId: string | null;
  surveyTitle: { ja: string; en: string } | null;
  source: "link" | "portal" | "import";
  who: string | null;
  changed: boolean;
  occurredAt: Date;
}

const kindLabel = { nps: "NPS", csat: "CSAT", custom: "" } as const;

/** Every response lands on the account timeline with its score and comment. */
export async function recordResponseOnTimeline(tx: Tx, workspaceId: string, r: ResponseFacts) {
  const score = r.score === null ? "" : `${kindLabel[r.kind]} ${r.score}`.trim();
  const title = [
    r.surveyTitle ? r.surveyTitle.ja || r.surveyTitle.en : kindLabel[r.kind],
    score && `: ${score}`,
    r.comment && ` — 「${r.comment.length > 120 ? `${r.comment.slice(0, 120)}…` : r.comment}」`,
  ]
    .filter(Boolean)
    .join("");
  await recordTimeline(tx, {
    workspaceId,
    accountId: r.accountId,
    kind: "survey_response",
    title,
    body: r.comment,
    occurredAt: r.occurredAt,
    actorLabel: r.who,
    data: {
      action: r.changed ? "changed" : "answered",
      responseId: r.responseId,
      surveyId: r.surveyId,
      surveyKind: r.kind,
      score: r.score,
      comment: r.comment,
      source: r.source,
    },
  });
}

/**
 * Saves the answer to a send: the first visit creates the response, later ones (until the send
 * closes) change it. A low score — first given or changed into — is acted on once per response.
 */
export async function answerSend(
  tx: Tx,
  workspace: Workspace,
  send: SurveySend,
  input: AnswerInput,
  source: "link" | "portal",
  publicUrl: string,
  now = new Date(),
) {
  if (send.closesAt.getTime() <= now.getTime()) throw new AppError("conflict", "This survey has closed");
  const [survey] = await tx
    .select()
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspace.id), eq(surveys.id, send.surveyId)));
  if (!survey) throw new AppError("not_found", "Survey not found");
  const checked = checkAnswer(survey.kind, survey.questions, input);
  const [contact] = await tx
    .select({ email: contacts.email, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspace.id), eq(contacts.id, send.contactId)));
  const inserted = await tx
    .insert(surveyResponses)
    .values({
      workspaceId: workspace.id,
      surveyId: survey.id,
      sendId: send.id,
      kind: survey.kind,
      ...checked,
      accountId: send.accountId,
      contactId: send.contactId,
      contactEmail: contact?.email ?? null,
      source,
      answeredAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: surveyResponses.id });
  const [existing] = await tx
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.workspaceId, workspace.id), eq(surveyResponses.sendId, send.id)))
    .for("update");
  const response = existing!;
  const changed = inserted.length === 0;
  if (changed) {
    const same =
      response.score === checked.score &&
      response.comment === checked.comment &&
      JSON.stringify(response.answers) === JSON.stringify(checked.answers);
    if (same) return response;
    await tx
      .update(surveyResponses)
      .set({ ...checked, source, updatedAt: now })
      .where(and(eq(surveyResponses.workspaceId, workspace.id), eq(surveyResponses.id, response.id)));
  }
  const who = contact ? contact.name || contact.email : null;
  await recordResponseOnTimeline(tx, workspace.id, {
    responseId: response.id,
    accountId: send.accountId,
    kind: survey.kind,
    score: checked.score,
    comment: checked.comment,
    surveyId: survey.id,
    surveyTitle: survey.title,
    source,
    who,
    changed,
    occurredAt: now,
  });
  if (checked.score !== null && isLowScore(survey.kind, checked.score))
    await actOnLowScore(
      tx,
      workspace,
      {
        responseId: response.id,
        accountId: send.accountId,
        kind: survey.kind,
        score: checked.score,
        comment: checked.comment,
        who,
        surveyTitle: survey.title,
      },
      publicUrl,
      now,
    );
  const [updated] = await tx.select().from(surveyResponses).where(eq(surveyResponses.id, response.id));
  return updated!;
}

/** The account's name, for the answer page's heading. */
export async function accountName(tx: Tx, workspaceId: string, accountId: string) {
  const [row] = await tx
    .select({ name: accounts.name })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)));
  return row?.name ?? "";
}
