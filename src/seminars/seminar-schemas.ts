import { z } from "@hono/zod-openapi";
import { touchModels } from "../accounts/account-fields.ts";

export const seminarKinds = ["welcome", "training", "other"] as const;
export type SeminarKind = (typeof seminarKinds)[number];
export const invitationStatuses = ["invited", "registered", "declined"] as const;
export const invitationSources = ["manual", "segment", "auto", "import", "follow_up", "portal"] as const;
export type InvitationSource = (typeof invitationSources)[number];

const instant = z.string().openapi({ format: "date-time" });
const localizedText = (max: number) =>
  z.object({ ja: z.string().trim().max(max), en: z.string().trim().max(max) });

const title = localizedText(200).refine((t) => t.ja !== "" || t.en !== "", {
  message: "a title in Japanese or English is required",
});

export const seminarInput = z
  .object({
    kind: z.enum(seminarKinds),
    title,
    description: localizedText(4000).nullish(),
    autoInviteTouchModels: z
      .array(z.enum(touchModels))
      .max(touchModels.length)
      .optional()
      .openapi({ description: "Touch models whose new onboardings are invited to the next session" }),
    reminderHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .optional(),
  })
  .strict();
export type SeminarInput = z.infer<typeof seminarInput>;
export const seminarPatch = seminarInput.partial().extend({ archived: z.boolean().optional() }).strict();
export type SeminarPatch = z.infer<typeof seminarPatch>;

const onlineUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => v === "" || /^https?:\/\/\S+$/i.test(v), "must be an http:// or https:// URL");

export const sessionInput = z
  .object({
    startsAt: z.iso.datetime({ offset: true }).openapi({ description: "ISO-8601 instant" }),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .optional(),
    onlineUrl: onlineUrl.nullish(),
    capacity: z.number().int().min(1).max(100_000).nullish(),
  })
  .strict();
export type SessionInput = z.infer<typeof sessionInput>;
export const sessionPatch = sessionInput.partial().extend({ cancelled: z.boolean().optional() }).strict();
export type SessionPatch = z.infer<typeof sessionPatch>;

export const inviteInput = z
  .object({
    contactIds: z.array(z.uuid()).max(5000).optional(),
    segment: z.string().trim().min(1).max(100).optional(),
    touchModel: z.enum(touchModels).optional(),
  })
  .strict()
  .refine((v) => (v.contactIds?.length ?? 0) > 0 || v.segment || v.touchModel, {
    message: "choose contacts, a segment or a touch model",
  });
export type InviteInput = z.infer<typeof inviteInput>;

export const invitationPatch = z
  .object({
    attended: z.boolean().nullable().optional(),
    status: z.enum(invitationStatuses).optional(),
  })
  .strict();
export type InvitationPatch = z.infer<typeof invitationPatch>;

export const countsSchema = z.object({
  invited: z.number().int(),
  registered: z.number().int(),
  declined: z.number().int(),
  attended: z.number().int(),
  absent: z.number().int(),
});

export const participationSchema = z
  .object({
    numerator: z
      .number()
      .int()
      .openapi({ description: "Invited accounts where an invited contact attended" }),
    denominator: z.number().int().openapi({ description: "Accounts invited (invited_at in the period)" }),
    value: z.number().nullable(),
  })
  .openapi("SeminarParticipation");

export const sessionSchema = z
  .object({
    id: z.string(),
    seminarId: z.string(),
    startsAt: instant,
    durationMinutes: z.number().int(),
    onlineUrl: z.string().nullable(),
    capacity: z.number().int().nullable(),
    cancelledAt: instant.nullable(),
    counts: countsSchema,
  })
  .openapi("SeminarSession");

export const seminarSchema = z
  .object({
    id: z.string(),
    kind: z.enum(seminarKinds),
    title: z.object({ ja: z.string(), en: z.string() }),
    description: z.object({ ja: z.string(), en: z.string() }).nullable(),
    autoInviteTouchModels: z.array(z.string()),
    autoInviteSince: instant.nullable(),
    reminderHours: z.number().int(),
    archivedAt: instant.nullable(),
    createdAt: instant,
    counts: countsSchema,
    participation: participationSchema,
    nextSessions: z.array(sessionSchema),
  })
  .openapi("Seminar");

export const seminarDetailSchema = seminarSchema
  .extend({ sessions: z.array(sessionSchema) })
  .openapi("SeminarDetail");

export const invitationSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    seminarId: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    contactId: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string(),
    invitedAt: instant,
    status: z.enum(invitationStatuses),
    respondedAt: instant.nullable(),
    attended: z.boolean().nullable(),
    source: z.enum(invitationSources),
    reminderQueuedAt: instant.nullable(),
  })
  .openapi("SeminarInvitation");

export const inviteResultSchema = z
  .object({
    invited: z.number().int(),
    alreadyInvited: z.number().int(),
    withoutEmail: z.number().int(),
  })
  .openapi("SeminarInviteResult");

export const attendanceResultSchema = z
  .object({
    emailColumn: z.string(),
    attended: z.number().int(),
    absent: z.number().int(),
    unknown: z.array(z.string()),
  })
  .openapi("SeminarAttendanceImport");
