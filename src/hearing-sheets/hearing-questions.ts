/**
 * Hearing-sheet (ヒアリングシート) questions and answers: the template's question shapes, how a
 * template edit keeps removed questions, and how answers are checked and merged. Pure: no I/O.
 */
import { randomBytes } from "node:crypto";
import { z } from "@hono/zod-openapi";
import type { HearingAnswer, HearingQuestion } from "../platform/db/schema.ts";

export const questionTypes = ["text", "choice", "number", "date"] as const;

/** A question as stored: one removed from the template keeps its label, marked with `removedAt`. */
export type StoredHearingQuestion = HearingQuestion & { removedAt?: string };

const labelText = z.string().trim().min(1).max(500);
/** ja and en labels; one may be left out and is then filled with the other. */
export const hearingLabelInput = z
  .object({ ja: labelText.optional(), en: labelText.optional() })
  .refine((l) => l.ja !== undefined || l.en !== undefined, "needs a ja or an en label")
  .transform((l) => ({ ja: (l.ja ?? l.en)!, en: (l.en ?? l.ja)! }));

const QUESTION_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const hearingQuestionInput = z
  .object({
    id: z
      .string()
      .regex(QUESTION_ID, "must be 1–64 letters, digits, _ or -")
      .optional()
      .openapi({ description: "Keep the id of an existing question to keep its answers; new ones get one" }),
    type: z.enum(questionTypes),
    label: hearingLabelInput,
    options: z
      .array(z.object({ value: z.string().trim().min(1).max(100), label: hearingLabelInput }))
      .max(50)
      .optional()
      .openapi({ description: "The choices of a choice question" }),
    required: z.boolean().default(false),
  })
  .superRefine((q, ctx) => {
    if (q.type === "choice") {
      if (!q.options || q.options.length === 0)
        ctx.addIssue({ code: "custom", path: ["options"], message: "a choice question needs options" });
      const values = (q.options ?? []).map((o) => o.value);
      values.forEach((v, i) => {
        if (values.indexOf(v) !== i)
          ctx.addIssue({ code: "custom", path: ["options", i, "value"], message: `"${v}" is used twice` });
      });
    } else if (q.options !== undefined && q.options.length > 0)
      ctx.addIssue({ code: "custom", path: ["options"], message: `a ${q.type} question has no options` });
  });
export type HearingQuestionInput = z.infer<typeof hearingQuestionInput>;

const questionList = z
  .array(hearingQuestionInput)
  .min(1)
  .max(200)
  .superRefine((questions, ctx) => {
    const ids = questions.map((q) => q.id);
    ids.forEach((id, i) => {
      if (id !== undefined && ids.indexOf(id) !== i)
        ctx.addIssue({ code: "custom", path: [i, "id"], message: `question id "${id}" is used twice` });
    });
  });

export const hearingTemplateInput = z.object({
  name: z.string().trim().min(1).max(200),
  questions: questionList,
});
export type HearingTemplateInput = z.infer<typeof hearingTemplateInput>;

export const hearingTemplatePatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  questions: questionList.optional().openapi({
    description: "The new question list in order. Questions left out are kept as removed, with their answers",
  }),
});
export type HearingTemplatePatch = z.infer<typeof hearingTemplatePatch>;

export const newQuestionId = () => `q_${randomBytes(5).toString("hex")}`;

function toQuestion(input: HearingQuestionInput, id: string): HearingQuestion {
  const question: HearingQuestion = { id, type: input.type, label: input.label, required: input.required };
  if (input.type === "choice") question.options = input.options ?? [];
  return question;
}

/** The questions of a new template, with ids for those that have none. */
export function buildHearingQuestions(
  inputs: readonly HearingQuestionInput[],
  newId: () => string = newQuestionId,
): StoredHearingQuestion[] {
  return inputs.map((q) => toQuestion(q, q.id ?? newId()));
}

/**
 * A template edit: `inputs` become the active questions in order; questions no longer listed stay
 * stored as removed (so answers to them keep their label); a listed removed one comes back.
 */
export function reviseHearingQuestions(
  stored: readonly StoredHearingQuestion[],
  inputs: readonly HearingQuestionInput[],
  now: Date,
  newId: () => string = newQuestionId,
): StoredHearingQuestion[] {
  const taken = new Set(stored.map((q) => q.id));
  const freshId = () => {
    let id = newId();
    while (taken.has(id)) id = newId();
    taken.add(id);
    return id;
  };
  const active = inputs.map((q) => toQuestion(q, q.id ?? freshId()));
  const activeIds = new Set(active.map((q) => q.id));
  const removed = stored
    .filter((q) => !activeIds.has(q.id))
    .map((q) => ({ ...q, removedAt: q.removedAt ?? now.toISOString() }));
  return [...active, ...removed];
}

export const activeQuestions = (stored: readonly StoredHearingQuestion[]) =>
  stored.filter((q) => q.removedAt === undefined);

// ---- Answers ----

export type AnswerValue = string | number;
export type AnswerProblem = {
  path: string;
  message: string;
  questionId: string;
  /** A stable code the UI translates. */
  code:
    | "unknown_question"
    | "removed_question"
    | "invalid_text"
    | "invalid_choice"
    | "invalid_number"
    | "invalid_date";
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isCalendarDate = (value: string) => {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};
const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
export const MAX_TEXT_ANSWER = 5000;

/**
 * Checks one answer against its question: the value to store, null to clear it, or what is wrong.
 * Text is trimmed; an empty answer (null, "") clears; numbers may come as numeric text.
 */
export function checkHearingAnswer(
  question: HearingQuestion,
  raw: unknown,
): { value: AnswerValue | null } | { problem: Omit<AnswerProblem, "path" | "questionId"> } {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === ""))
    return { value: null };
  switch (question.type) {
    case "text":
      if (typeof raw !== "string") return { problem: { code: "invalid_text", message: "must be text" } };
      if (raw.trim().length > MAX_TEXT_ANSWER)
        return {
          problem: { code: "invalid_text", message: `must be at most ${MAX_TEXT_ANSWER} characters` },
        };
      return { value: raw.trim() };
    case "choice": {
      const values = (question.options ?? []).map((o) => o.value);
      if (typeof raw !== "string" || !values.includes(raw.trim()))
        return { problem: { code: "invalid_choice", message: `must be one of ${values.join(", ")}` } };
      return { value: raw.trim() };
    }
    case "number": {
      const n =
        typeof raw === "number"
          ? raw
          : typeof raw === "string" && NUMERIC.test(raw.trim())
            ? Number(raw)
            : NaN;
      if (!Number.isFinite(n)) return { problem: { code: "invalid_number", message: "must be a number" } };
      return { value: n };
    }
    case "date":
      if (typeof raw !== "string" || !isCalendarDate(raw.trim()))
        return { problem: { code: "invalid_date", message: "must be a date as YYYY-MM-DD" } };
      return { value: raw.trim() };
  }
}

/**
 * Checks a set of answers against the template: every key must be an active question and every
 * value fit its type. Returns the values to store (null = clear) or every problem found.
 */
export function checkHearingAnswers(
  questions: readonly StoredHearingQuestion[],
  answers: Record<string, unknown>,
): { ok: true; values: Record<string, AnswerValue | null> } | { ok: false; problems: AnswerProblem[] } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const values: Record<string, AnswerValue | null> = {};
  const problems: AnswerProblem[] = [];
  for (const [questionId, raw] of Object.entries(answers)) {
    const path = `answers.${questionId}`;
    const question = byId.get(questionId);
    if (!question) {
      problems.push({
        path,
        questionId,
        code: "unknown_question",
        message: "is not a question of this template",
      });
      continue;
    }
    if (question.removedAt !== undefined) {
      problems.push({
        path,
        questionId,
        code: "removed_question",
        message: "was removed from this template",
      });
      continue;
    }
    const checked = checkHearingAnswer(question, raw);
    if ("problem" in checked) problems.push({ path, questionId, ...checked.problem });
    else values[questionId] = checked.value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/**
 * Applies checked values to the stored answers: a changed answer records who and when, an
 * unchanged one keeps its original author and time, null removes it. Returns what changed.
 */
export function mergeHearingAnswers(
  stored: Readonly<Record<string, HearingAnswer>>,
  values: Readonly<Record<string, AnswerValue | null>>,
  by: string | null,
  at: Date,
): { answers: Record<string, HearingAnswer>; changed: string[] } {
  const answers: Record<string, HearingAnswer> = { ...stored };
  const changed: string[] = [];
  for (const [questionId, value] of Object.entries(values)) {
    const before = stored[questionId];
    if (value === null) {
      if (before) {
        delete answers[questionId];
        changed.push(questionId);
      }
    } else if (!before || before.value !== value) {
      answers[questionId] = { value, by, at: at.toISOString() };
      changed.push(questionId);
    }
  }
  return { answers, changed };
}

/** The required active questions without an answer, in template order. */
export function listMissingRequired(
  questions: readonly StoredHearingQuestion[],
  answers: Readonly<Record<string, HearingAnswer>>,
): string[] {
  return activeQuestions(questions)
    .filter((q) => q.required && (answers[q.id]?.value ?? null) === null)
    .map((q) => q.id);
}

/** Whether a stored answer still fits its (possibly edited) question, e.g. an option since removed. */
export function fitsQuestion(question: HearingQuestion, answer: HearingAnswer): boolean {
  const checked = checkHearingAnswer(question, answer.value);
  return "value" in checked && checked.value === answer.value;
}
