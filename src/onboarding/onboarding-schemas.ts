import { z } from "@hono/zod-openapi";
import { measureKeys, touchModelKeys } from "./measures.ts";
import { findCycle } from "./onboarding-schedule.ts";
import { onboardingStatuses } from "./onboarding-status.ts";

// ---- Words ----

export const stages = ["initial_response", "measure_design", "training"] as const;
export const sides = ["cs", "customer"] as const;
export const meetingKinds = ["kickoff", "progress_check", "completion"] as const;
export const criterionKinds = ["manual", "event", "usage"] as const;
export const resourceKinds = ["manual", "faq", "video", "other"] as const;
export const taskStatuses = ["todo", "in_progress", "done", "skipped"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
export const localized = z.object({ ja: text(500), en: text(500) });
const longLocalized = z.object({ ja: z.string().trim().max(5000), en: z.string().trim().max(5000) });
const key = z.string().regex(/^[a-z0-9_-]{1,40}$/, "must be 1–40 of a–z, 0–9, _ and -");
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "must be an http or https URL");
/** Plans are dated within this century: a far-away date is a typo, and it would stretch every schedule. */
const inRange = (v: string) => v.slice(0, 10) >= "2000-01-01" && v.slice(0, 10) <= "2099-12-31";
const RANGE_MESSAGE = "must be between 2000-01-01 and 2099-12-31";
export const planDate = z.iso.date().refine(inRange, RANGE_MESSAGE).openapi({ description: "YYYY-MM-DD" });
const instant = z.string().openapi({ format: "date-time" });

// ---- Template definition ----

export const templateTask = z.object({
  key,
  stage: z.enum(stages),
  title: localized,
  description: longLocalized.optional(),
  side: z.enum(sides),
  offsetDays: z.number().int().min(0).max(365),
  durationDays: z.number().int().min(1).max(365),
  dependsOn: z.array(key).max(50).default([]),
  measure: z.enum(measureKeys).nullable().default(null),
});

export const templateMeeting = z.object({
  key,
  type: z.enum(meetingKinds),
  title: localized,
  offsetDays: z.number().int().min(0).max(365),
  everyDays: z.number().int().min(1).max(365).optional(),
  durationMinutes: z.number().int().min(5).max(600).default(60),
});

export const templateCriterion = z.object({
  key,
  title: localized,
  kind: z.enum(criterionKinds),
  event: text(200).optional(),
  minActiveUsers: z.number().int().min(1).max(100_000).optional(),
  minDays: z.number().int().min(1).max(365).optional(),
  windowDays: z.number().int().min(1).max(365).optional(),
});

export const templateResource = z.object({
  key,
  title: localized,
  url: httpUrl,
  kind: z.enum(resourceKinds),
});

type Issue = { path: (string | number)[]; message: string };

function duplicateKeys(list: { key: string }[], at: string): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  list.forEach((item, i) => {
    if (seen.has(item.key)) issues.push({ path: [at, i, "key"], message: `duplicate key ${item.key}` });
    seen.add(item.key);
  });
  return issues;
}

/** The checks beyond each field's shape: unique keys, known dependencies, no cycles, complete rules. */
export function checkDefinition(d: {
  tasks: { key: string; dependsOn: string[] }[];
  meetings: { key: string }[];
  criteria: Omit<z.infer<typeof templateCriterion>, "title">[];
  resources: { key: string }[];
}): Issue[] {
  const issues: Issue[] = [
    ...duplicateKeys(d.tasks, "tasks"),
    ...duplicateKeys(d.meetings, "meetings"),
    ...duplicateKeys(d.criteria, "criteria"),
    ...duplicateKeys(d.resources, "resources"),
  ];
  const keys = new Set(d.tasks.map((t) => t.key));
  d.tasks.forEach((t, i) => {
    for (const dep of t.dependsOn) {
      if (!keys.has(dep))
        issues.push({ path: ["tasks", i, "dependsOn"], message: `depends on unknown task ${dep}` });
      else if (dep === t.key) issues.push({ path: ["tasks", i, "dependsOn"], message: "depends on itself" });
    }
  });
  const cycle = findCycle(d.tasks);
  if (cycle) {
    const i = d.tasks.findIndex((t) => t.key === cycle[0]);
    if (!(cycle.length === 2 && cycle[0] === cycle[1]))
      issues.push({ path: ["tasks", i, "dependsOn"], message: `cycle: ${cycle.join(" → ")}` });
  }
  d.criteria.forEach((c, i) => {
    if (c.kind === "event" && !c.event)
      issues.push({ path: ["criteria", i, "event"], message: "is required for an event criterion" });
    if (c.kind === "usage") {
      for (const f of ["minActiveUsers", "minDays", "windowDays"] as const)
        if (c[f] === undefined)
          issues.push({ path: ["criteria", i, f], message: "is required for a usage criterion" });
      if (c.minDays !== undefined && c.windowDays !== undefined && c.minDays > c.windowDays)
        issues.push({ path: ["criteria", i, "minDays"], message: "must not exceed windowDays" });
    }
  });
  return issues;
}

export const templateDefinition = z
  .object({
    targetDays: z.number().int().min(1).max(365),
    businessDays: z.boolean().default(false),
    tasks: z.array(templateTask).max(200),
    meetings: z.array(templateMeeting).max(50).default([]),
    criteria: z.array(templateCriterion).max(50).default([]),
    resources: z.array(templateResource).max(50).default([]),
  })
  .superRefine((d, ctx) => {
    for (const issue of checkDefinition(d)) ctx.addIssue({ code: "custom", ...issue });
  })
  .openapi("OnboardingTemplateDefinition");
export type TemplateDefinition = z.infer<typeof templateDefinition>;

export const templateInput = z
  .object({
    name: text(200),
    touchModel: z.enum(touchModelKeys),
    segment: z.string().trim().min(1).max(100).nullish(),
    definition: templateDefinition,
  })
  .openapi("OnboardingTemplateInput");
export type TemplateInput = z.infer<typeof templateInput>;

export const templateSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    touchModel: z.string(),
    segment: z.string().nullable(),
    taskCount: z.number().int(),
    updatedAt: instant,
  })
  .openapi("OnboardingTemplateSummary");

export const templateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    touchModel: z.string(),
    segment: z.string().nullable(),
    definition: templateDefinition,
    updatedAt: instant,
  })
  .openapi("OnboardingTemplate");

export const measureSchema = z
  .object({
    key: z.enum(measureKeys),
    label: localized,
    description: localized,
    touchModels: z.array(z.enum(touchModelKeys)),
  })
  .openapi("OnboardingMeasure");

// ---- Plans ----

export const statusReasonSchema = z
  .object({ code: z.string() })
  .passthrough()
  .openapi("OnboardingStatusReason", {
    description:
      "completed {source}, churned {reason}, past_due {days}, tasks_overdue {count, oldestDays}, stalled {days}, behind_schedule {expected, actual}, not_agreed {days}, criteria_unmet {count, daysLeft}",
  });

export const onboardingSummarySchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    touchModel: z.string().nullable(),
    segment: z.string().nullable(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    startedAt: instant,
    targetDate: z.string().nullable(),
    completedAt: instant.nullable(),
    status: z.enum(onboardingStatuses),
    statusReasons: z.array(statusReasonSchema),
    progress: z.number(),
    tasksDone: z.number().int(),
    tasksTotal: z.number().int(),
    criteriaMet: z.number().int(),
    criteriaTotal: z.number().int(),
    proposedAt: instant.nullable(),
    agreedAt: instant.nullable(),
    nextTask: z.object({ title: localized, dueOn: z.string() }).nullable(),
    lastProgressAt: instant,
  })
  .openapi("OnboardingSummary");

export const taskSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    stage: z.string(),
    title: localized,
    description: longLocalized.nullable(),
    side: z.enum(sides),
    measure: z.string().nullable(),
    assigneeUserId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    assigneeContactId: z.string().nullable(),
    assigneeContactName: z.string().nullable(),
    startsOn: z.string(),
    dueOn: z.string(),
    dependsOn: z.array(z.string()).openapi({ description: "ids of the tasks this one waits for" }),
    status: z.enum(taskStatuses),
    doneAt: instant.nullable(),
    doneByLabel: z.string().nullable(),
    internalNote: z.string().nullable(),
    source: z.string(),
    position: z.number().int(),
    overdue: z.boolean(),
  })
  .openapi("OnboardingTask");

export const meetingSchema = z
  .object({
    id: z.string(),
    type: z.enum(meetingKinds),
    title: localized,
    scheduledAt: instant,
    durationMinutes: z.number().int(),
    location: z.string().nullable(),
    heldAt: instant.nullable(),
    notes: z.string().nullable(),
  })
  .openapi("OnboardingMeeting");

export const criterionSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    title: localized,
    kind: z.enum(criterionKinds),
    rule: z.record(z.string(), z.unknown()),
    metAt: instant.nullable(),
    metByLabel: z.string().nullable(),
    evidence: z.record(z.string(), z.unknown()).nullable(),
    waitingForEvents: z.boolean(),
  })
  .openapi("OnboardingCriterion");

export const resourceSchema = templateResource.openapi("OnboardingResource");

export const confirmationBlocks = [
  "not_agreed",
  "completion_meeting_not_held",
  "completed",
  "churned",
] as const;

export const planSchema = onboardingSummarySchema
  .extend({
    templateId: z.string().nullable(),
    templateName: z.string().nullable(),
    tasks: z.array(taskSchema),
    meetings: z.array(meetingSchema),
    criteria: z.array(criterionSchema),
    resources: z.array(resourceSchema),
    proposedByName: z.string().nullable(),
    agreedByLabel: z.string().nullable(),
    completionSource: z.string().nullable(),
    completionReason: z.string().nullable(),
    completedByLabel: z.string().nullable(),
    confirmation: z.object({ available: z.boolean(), blockedBy: z.array(z.enum(confirmationBlocks)) }),
  })
  .openapi("OnboardingPlan");

// ---- Plan requests ----

const dateOrInstant = z.iso.datetime({ offset: true }).or(z.iso.date()).refine(inRange, RANGE_MESSAGE);
const titleInput = text(300)
  .or(localized)
  .openapi({ description: "One text (used for both languages) or {ja, en}" });

export const startInput = z
  .object({
    templateId: z.uuid().optional(),
    startedAt: dateOrInstant.optional().openapi({ description: "Defaults to now; YYYY-MM-DD = that day" }),
  })
  .openapi("OnboardingStartInput");

export const onboardingPatch = z
  .object({ targetDate: planDate.nullable().optional() })
  .openapi("OnboardingPatch");

export const completeInput = z.object({ reason: text(2000) }).openapi("OnboardingCompleteInput");

export const taskInput = z
  .object({
    title: titleInput,
    stage: z.enum(stages),
    side: z.enum(sides),
    startsOn: planDate,
    dueOn: planDate,
    dependsOn: z.array(z.uuid()).max(50).optional(),
    measure: z.enum(measureKeys).nullish(),
    assigneeUserId: z.string().max(100).nullish(),
    assigneeContactId: z.uuid().nullish(),
    description: z.string().trim().max(5000).or(longLocalized).nullish(),
    internalNote: z.string().trim().max(5000).nullish(),
  })
  .openapi("OnboardingTaskInput");
export type TaskInput = z.infer<typeof taskInput>;

export const taskPatch = taskInput
  .partial()
  .extend({ status: z.enum(taskStatuses).optional() })
  .openapi("OnboardingTaskPatch");
export type TaskPatch = z.infer<typeof taskPatch>;

export const meetingInput = z
  .object({
    type: z.enum(meetingKinds),
    title: titleInput,
    scheduledAt: dateOrInstant,
    durationMinutes: z.number().int().min(5).max(600).default(60),
    location: z.string().trim().max(500).nullish(),
  })
  .openapi("OnboardingMeetingInput");
export type MeetingInput = z.infer<typeof meetingInput>;

export const meetingPatch = z
  .object({
    type: z.enum(meetingKinds).optional(),
    title: titleInput.optional(),
    scheduledAt: dateOrInstant.optional(),
    durationMinutes: z.number().int().min(5).max(600).optional(),
    location: z.string().trim().max(500).nullish(),
    heldAt: dateOrInstant.nullish(),
    notes: z.string().trim().max(20_000).nullish(),
  })
  .openapi("OnboardingMeetingPatch");
export type MeetingPatch = z.infer<typeof meetingPatch>;

export const criterionInput = z
  .object({
    title: titleInput,
    kind: z.enum(criterionKinds).default("manual"),
    event: text(200).optional(),
    minActiveUsers: z.number().int().min(1).max(100_000).optional(),
    minDays: z.number().int().min(1).max(365).optional(),
    windowDays: z.number().int().min(1).max(365).optional(),
  })
  .superRefine((c, ctx) => {
    for (const issue of checkDefinition({
      tasks: [],
      meetings: [],
      resources: [],
      criteria: [{ ...c, key: "x" }],
    }))
      ctx.addIssue({ code: "custom", path: issue.path.slice(2), message: issue.message });
  })
  .openapi("OnboardingCriterionInput");
export type CriterionInput = z.infer<typeof criterionInput>;

export const criterionPatch = z
  .object({
    title: titleInput.optional(),
    met: z.boolean().optional(),
    event: text(200).optional(),
    minActiveUsers: z.number().int().min(1).max(100_000).optional(),
    minDays: z.number().int().min(1).max(365).optional(),
    windowDays: z.number().int().min(1).max(365).optional(),
  })
  .openapi("OnboardingCriterionPatch");
export type CriterionPatch = z.infer<typeof criterionPatch>;

export const onboardingListQuery = z.object({
  status: z.enum(["running", "all", ...onboardingStatuses]).default("running"),
  ownerId: z.string().max(100).optional(),
  touchModel: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z
    .enum(["status", "targetDate", "progress", "startedAt", "accountName", "lastProgressAt"])
    .default("status"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type OnboardingListQuery = z.infer<typeof onboardingListQuery>;

export const onboardingListSchema = z
  .object({
    items: z.array(onboardingSummarySchema),
    total: z.number().int(),
    counts: z.object(
      Object.fromEntries(onboardingStatuses.map((s) => [s, z.number().int()])) as {
        [K in (typeof onboardingStatuses)[number]]: z.ZodNumber;
      },
    ),
  })
  .openapi("OnboardingList");
