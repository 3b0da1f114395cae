import { describe, expect, it } from "vitest";
import type { HearingQuestion } from "../platform/db/schema.ts";
import { defaultHearingQuestions } from "./default-hearing-template.ts";
import {
  checkHearingAnswer,
  checkHearingAnswers,
  fitsQuestion,
  hearingQuestionInput,
  hearingTemplateInput,
  listMissingRequired,
  mergeHearingAnswers,
  reviseHearingQuestions,
  type StoredHearingQuestion,
} from "./hearing-questions.ts";

const label = (en: string) => ({ ja: en, en });
const questions: StoredHearingQuestion[] = [
  { id: "purpose", type: "text", label: label("Purpose"), required: true },
  {
    id: "literacy",
    type: "choice",
    label: label("Literacy"),
    options: [
      { value: "low", label: label("Low") },
      { value: "high", label: label("High") },
    ],
    required: true,
  },
  { id: "users", type: "number", label: label("Users"), required: false },
  { id: "golive", type: "date", label: label("Go-live"), required: false },
  { id: "old", type: "text", label: label("Old"), required: true, removedAt: "2026-01-01T00:00:00.000Z" },
];
const q = (id: string) => questions.find((x) => x.id === id)! as HearingQuestion;

describe("checkHearingAnswer", () => {
  it("keeps trimmed text and clears empty answers", () => {
    expect(checkHearingAnswer(q("purpose"), "  可視化  ")).toEqual({ value: "可視化" });
    expect(checkHearingAnswer(q("purpose"), "  ")).toEqual({ value: null });
    expect(checkHearingAnswer(q("purpose"), null)).toEqual({ value: null });
    expect(checkHearingAnswer(q("purpose"), 3)).toMatchObject({ problem: { code: "invalid_text" } });
    expect(checkHearingAnswer(q("purpose"), "x".repeat(5001))).toMatchObject({
      problem: { code: "invalid_text" },
    });
  });

  it("accepts only an option of a choice question", () => {
    expect(checkHearingAnswer(q("literacy"), "high")).toEqual({ value: "high" });
    expect(checkHearingAnswer(q("literacy"), "medium")).toMatchObject({
      problem: { code: "invalid_choice" },
    });
    expect(checkHearingAnswer(q("literacy"), 1)).toMatchObject({ problem: { code: "invalid_choice" } });
  });

  it("accepts numbers and numeric text for a number question", () => {
    expect(checkHearingAnswer(q("users"), 120)).toEqual({ value: 120 });
    expect(checkHearingAnswer(q("users"), " 1.5e3 ")).toEqual({ value: 1500 });
    for (const bad of ["12人", "1,200", "NaN", "Infinity"])
      expect(checkHearingAnswer(q("users"), bad), bad).toMatchObject({ problem: { code: "invalid_number" } });
  });

  it("accepts only real calendar dates as YYYY-MM-DD", () => {
    expect(checkHearingAnswer(q("golive"), "2026-02-28")).toEqual({ value: "2026-02-28" });
    for (const bad of ["2026-02-30", "2026/02/01", "2026-2-1", "2026-02-01T00:00:00Z"])
      expect(checkHearingAnswer(q("golive"), bad), bad).toMatchObject({ problem: { code: "invalid_date" } });
  });
});

describe("checkHearingAnswers", () => {
  it("returns every problem, with paths, and no values when one is wrong", () => {
    const result = checkHearingAnswers(questions, {
      purpose: "ok",
      literacy: "medium",
      users: "many",
      old: "x",
      nope: "x",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.path, p.code])).toEqual([
      ["answers.literacy", "invalid_choice"],
      ["answers.users", "invalid_number"],
      ["answers.old", "removed_question"],
      ["answers.nope", "unknown_question"],
    ]);
  });

  it("returns the values to store when all fit", () => {
    expect(checkHearingAnswers(questions, { purpose: "ok", users: "3", golive: "" })).toEqual({
      ok: true,
      values: { purpose: "ok", users: 3, golive: null },
    });
  });
});

describe("mergeHearingAnswers", () => {
  const at1 = new Date("2026-04-01T00:00:00Z");
  const at2 = new Date("2026-04-02T00:00:00Z");
  it("records who and when for changed answers only, and removes cleared ones", () => {
    const first = mergeHearingAnswers({}, { purpose: "a", users: 3 }, "u1", at1);
    expect(first.changed).toEqual(["purpose", "users"]);
    const second = mergeHearingAnswers(first.answers, { purpose: "a", users: 4, golive: null }, "u2", at2);
    expect(second.changed).toEqual(["users"]);
    expect(second.answers).toEqual({
      purpose: { value: "a", by: "u1", at: at1.toISOString() },
      users: { value: 4, by: "u2", at: at2.toISOString() },
    });
    const third = mergeHearingAnswers(second.answers, { purpose: null }, "u2", at2);
    expect(third.changed).toEqual(["purpose"]);
    expect(Object.keys(third.answers)).toEqual(["users"]);
  });
});

describe("listMissingRequired", () => {
  it("lists required active questions without an answer, ignoring removed ones", () => {
    expect(listMissingRequired(questions, {})).toEqual(["purpose", "literacy"]);
    expect(listMissingRequired(questions, { literacy: { value: "low", by: null, at: "x" } })).toEqual([
      "purpose",
    ]);
  });
});

describe("reviseHearingQuestions", () => {
  const now = new Date("2026-05-01T00:00:00Z");
  const input = (id: string | undefined, en: string) =>
    hearingQuestionInput.parse({ id, type: "text", label: { en }, required: false });

  it("keeps questions left out as removed, new ones get fresh ids, listed removed ones come back", () => {
    let n = 0;
    const revised = reviseHearingQuestions(
      questions,
      [input("purpose", "Why"), input(undefined, "New"), input("old", "Old again")],
      now,
      () => `gen${++n}`,
    );
    expect(revised.map((x) => [x.id, x.removedAt ?? null])).toEqual([
      ["purpose", null],
      ["gen1", null],
      ["old", null],
      ["literacy", now.toISOString()],
      ["users", now.toISOString()],
      ["golive", now.toISOString()],
    ]);
    expect(revised[0]!.label).toEqual({ ja: "Why", en: "Why" });
  });

  it("never reuses the id of a removed question for a new one", () => {
    const ids = ["old", "fresh"];
    const revised = reviseHearingQuestions(questions, [input(undefined, "New")], now, () => ids.shift()!);
    expect(revised[0]!.id).toBe("fresh");
  });
});

describe("question definitions", () => {
  it("requires options for a choice question and rejects them elsewhere", () => {
    expect(hearingQuestionInput.safeParse({ type: "choice", label: { ja: "選択" } }).success).toBe(false);
    expect(
      hearingQuestionInput.safeParse({
        type: "text",
        label: { ja: "自由記述" },
        options: [{ value: "a", label: { en: "A" } }],
      }).success,
    ).toBe(false);
    const dup = hearingQuestionInput.safeParse({
      type: "choice",
      label: { en: "x" },
      options: [
        { value: "a", label: { en: "A" } },
        { value: "a", label: { en: "B" } },
      ],
    });
    expect(dup.success).toBe(false);
  });

  it("rejects duplicate question ids and labels with neither language", () => {
    const base = { type: "text", label: { en: "x" } };
    expect(
      hearingTemplateInput.safeParse({
        name: "t",
        questions: [
          { ...base, id: "a" },
          { ...base, id: "a" },
        ],
      }).success,
    ).toBe(false);
    expect(
      hearingTemplateInput.safeParse({ name: "t", questions: [{ type: "text", label: {} }] }).success,
    ).toBe(false);
  });

  it("flags answers that no longer fit an edited question", () => {
    expect(fitsQuestion(q("literacy"), { value: "low", by: null, at: "x" })).toBe(true);
    expect(fitsQuestion(q("literacy"), { value: "medium", by: null, at: "x" })).toBe(false);
  });

  it("ships a default template that is itself valid, with unique ids and both languages", () => {
    const parsed = hearingTemplateInput.parse({ name: "default", questions: defaultHearingQuestions });
    expect(parsed.questions).toHaveLength(defaultHearingQuestions.length);
    for (const question of defaultHearingQuestions) {
      expect(question.label.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(question.label.en).toMatch(/^[A-Z"]/);
    }
  });
});
