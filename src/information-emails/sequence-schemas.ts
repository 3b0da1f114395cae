import { z } from "@hono/zod-openapi";
import { contactRoles, touchModels } from "../accounts/account-fields.ts";

export const stepCategories = ["tips", "success_story", "other"] as const;
export type StepCategory = (typeof stepCategories)[number];
export const stopReasons = ["completed", "churned", "left_target", "sequence_paused", "finished"] as const;
export type StopReason = (typeof stopReasons)[number];
/** What texts may contain; `{{portal_link}}` lines are left out when the account has no active portal link. */
export const placeholders = ["account_name", "contact_name", "portal_link"] as const;

const instant = z.string().openapi({ format: "date-time" });
const localized = (max: number) =>
  z.object({ ja: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });

export const stepInput = z.object({
  id: z.uuid().optional().openapi({ description: "An existing step to keep (its sends stay counted)" }),
  dayOffset: z.number().int().min(0).max(365).openapi({ description: "Days after the onboarding start" }),
  category: z.enum(stepCategories),
  subject: localized(200),
  body: localized(10_000),
});

export const sequenceInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    touchModels: z.array(z.enum(touchModels)).max(touchModels.length).default([]),
    segments: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    contactRoles: z
      .array(z.enum(contactRoles))
      .max(contactRoles.length)
      .default([])
      .openapi({ description: "Roles that receive it; empty: every contact of the account" }),
    steps: z.array(stepInput).max(30).default([]),
  })
  .refine((v) => v.touchModels.length + v.segments.length > 0, {
    path: ["touchModels"],
    message: "Choose at least one touch model or segment",
  })
  .openapi("InformationSequenceInput");
export type SequenceInput = z.infer<typeof sequenceInput>;

export const stepSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    dayOffset: z.number().int(),
    category: z.enum(stepCategories),
    subject: z.object({ ja: z.string(), en: z.string() }),
    body: z.object({ ja: z.string(), en: z.string() }),
    sent: z.number().int().openapi({ description: "E-mails queued for this step" }),
  })
  .openapi("InformationStep");

export const sequenceSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    touchModels: z.array(z.string()),
    segments: z.array(z.string()),
    contactRoles: z.array(z.string()),
    active: z.boolean(),
    activatedAt: instant.nullable(),
    pausedAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
    stepCount: z.number().int(),
    activeEnrolments: z.number().int(),
    enrolments: z.number().int(),
    sentCount: z.number().int(),
  })
  .openapi("InformationSequenceSummary");

export const sequenceSchema = sequenceSummarySchema
  .extend({ steps: z.array(stepSchema) })
  .openapi("InformationSequence");

export const enrolmentSchema = z
  .object({
    id: z.string(),
    sequenceId: z.string(),
    sequenceName: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    onboardingId: z.string(),
    startedAt: instant,
    stoppedAt: instant.nullable(),
    stopReason: z.enum(stopReasons).nullable(),
    stepsTotal: z.number().int(),
    stepsSent: z.number().int(),
    sentCount: z.number().int(),
    lastSentAt: instant.nullable(),
    nextStep: z
      .object({
        position: z.number().int(),
        dueAt: instant,
        subject: z.object({ ja: z.string(), en: z.string() }),
      })
      .nullable(),
  })
  .openapi("InformationEnrolment");

export const previewInput = z
  .object({
    accountId: z.uuid(),
    contactRoles: z.array(z.enum(contactRoles)).default([]),
    subject: z.object({ ja: z.string().max(200), en: z.string().max(200) }),
    body: z.object({ ja: z.string().max(10_000), en: z.string().max(10_000) }),
  })
  .openapi("InformationPreviewInput");

const rendered = z.object({ subject: z.string(), text: z.string() });
export const previewSchema = z
  .object({
    accountName: z.string(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    hasPortalLink: z.boolean(),
    ja: rendered,
    en: rendered,
  })
  .openapi("InformationPreview");
