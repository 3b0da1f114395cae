import { z } from "@hono/zod-openapi";

export const surveyKinds = ["nps", "csat", "custom"] as const;
export type SurveyKind = (typeof surveyKinds)[number];
export const questionTypes = ["scale", "choice", "text"] as const;
export const triggerKinds = ["days_after_start", "at_completion"] as const;
export const contactRoles = ["decision_maker", "champion", "admin", "end_user"] as const;
export const responseSources = ["link", "portal", "import"] as const;

/** The score range of each kind; custom surveys have no overall score. */
export const scoreRange: Record<"nps" | "csat", { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
};

const localized = (max: number) =>
  z.object({ ja: z.string().trim().max(max), en: z.string().trim().max(max) });
const requiredLocalized = (max: number) =>
  localized(max).refine((v) => v.ja.length > 0 || v.en.length > 0, "give the text in Japanese or English");

export const questionInput = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/)
      .optional()
      .openapi({ description: "Kept when editing, so earlier answers stay with the question" }),
    type: z.enum(questionTypes),
    text: requiredLocalized(500),
    options: z
      .array(z.object({ value: z.string().trim().min(1).max(100), label: requiredLocalized(200) }))
      .max(20)
      .optional(),
    required: z.boolean().default(false),
  })
  .superRefine((q, ctx) => {
    if (q.type === "choice" && (q.options?.length ?? 0) < 2)
      ctx.addIssue({ code: "custom", path: ["options"], message: "a choice needs at least two options" });
  });

export const triggerInput = z
  .object({
    id: z.uuid().optional().openapi({ description: "An existing trigger keeps its id (and start instant)" }),
    kind: z.enum(triggerKinds),
    days: z.number().int().min(0).max(730).nullish(),
    segments: z.array(z.string().min(1).max(100)).max(50).default([]),
    touchModels: z.array(z.string().min(1).max(20)).max(4).default([]),
    roles: z.array(z.enum(contactRoles)).max(4).default([]),
  })
  .superRefine((t, ctx) => {
    if (t.kind === "days_after_start" && (t.days === null || t.days === undefined))
      ctx.addIssue({ code: "custom", path: ["days"], message: "say how many days after the start" });
  });
export type TriggerInput = z.infer<typeof triggerInput>;

export const surveyInput = z
  .object({
    kind: z.enum(surveyKinds),
    title: requiredLocalized(200),
    intro: localized(2000).default({ ja: "", en: "" }),
    questions: z.array(questionInput).max(20).default([]),
    closeAfterDays: z.number().int().min(1).max(365).default(14),
    triggers: z.array(triggerInput).max(10).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.kind === "custom" && s.questions.length === 0)
      ctx.addIssue({ code: "custom", path: ["questions"], message: "a custom survey needs a question" });
  });
export type SurveyInput = z.infer<typeof surveyInput>;

export const sendInput = z
  .object({
    contactIds: z.array(z.uuid()).max(1000).optional(),
    segment: z.string().min(1).max(100).optional(),
    roles: z.array(z.enum(contactRoles)).max(4).default([]),
  })
  .strict()
  .refine((s) => (s.contactIds?.length ?? 0) > 0 || s.segment, "choose contacts or a segment");
export type SendInput = z.infer<typeof sendInput>;

export const answerInput = z
  .object({
    score: z.number().int().min(0).max(10).nullish(),
    comment: z.string().trim().max(4000).nullish(),
    answers: z.record(z.string().max(40), z.union([z.string().max(4000), z.number(), z.null()])).default({}),
  })
  .strict();
export type AnswerInput = z.infer<typeof answerInput>;

export const bands = ["detractor", "passive", "promoter", "low", "neutral", "high"] as const;
export type Band = (typeof bands)[number];

export const responseListQuery = z.object({
  surveyId: z.uuid().optional(),
  kind: z.enum(surveyKinds).optional(),
  band: z.enum(bands).optional().openapi({
    description: "NPS: detractor 0–6, passive 7–8, promoter 9–10; CSAT: low 1–2, neutral 3, high 4–5",
  }),
  segment: z.string().max(100).optional(),
  touchModel: z.string().max(20).optional(),
  accountId: z.uuid().optional(),
  from: z.string().optional().openapi({ description: "YYYY-MM-DD (workspace time zone) or an instant" }),
  to: z.string().optional().openapi({ description: "Exclusive; YYYY-MM-DD or an instant" }),
  withComment: z.enum(["true", "false"]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ResponseListQuery = z.infer<typeof responseListQuery>;

/** Whether a score is low enough to act on: NPS detractor (0–6) or CSAT 1–2. */
export function isLowScore(kind: string, score: number | null | undefined): boolean {
  if (score === null || score === undefined) return false;
  if (kind === "nps") return score <= 6;
  if (kind === "csat") return score <= 2;
  return false;
}

export function bandOf(kind: string, score: number | null): Band | null {
  if (score === null) return null;
  if (kind === "nps") return score <= 6 ? "detractor" : score <= 8 ? "passive" : "promoter";
  if (kind === "csat") return score <= 2 ? "low" : score === 3 ? "neutral" : "high";
  return null;
}
