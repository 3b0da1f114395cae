import { z } from "@hono/zod-openapi";
import { isoInstant } from "../platform/db/client.ts";

/**
 * What the portal needs of an onboarding plan (a subset of the staff `Plan`). Everything the
 * customer sees is copied out field by field below, so a field added to the plan later stays internal
 * until it is added here on purpose.
 */
export interface PlanForPortal {
  id: string;
  /** The CSM who runs the onboarding (the account's CSM when null). */
  ownerId: string | null;
  startedAt: Date | string;
  targetDate: string | null;
  completedAt: Date | string | null;
  completionSource: string | null;
  completedByLabel: string | null;
  status: string;
  progress: number;
  tasksDone: number;
  tasksTotal: number;
  proposedAt: Date | string | null;
  agreedAt: Date | string | null;
  agreedByLabel: string | null;
  tasks: {
    id: string;
    stage: string;
    title: Localized;
    description: Localized | null;
    side: "cs" | "customer";
    startsOn: string;
    dueOn: string;
    status: "todo" | "in_progress" | "done" | "skipped";
    doneAt: Date | string | null;
    doneByLabel: string | null;
    position?: number;
  }[];
  meetings: {
    id: string;
    type: string;
    title: Localized;
    scheduledAt: Date | string;
    durationMinutes: number;
    location: string | null;
    heldAt: Date | string | null;
  }[];
  criteria: { id: string; title: Localized; metAt: Date | string | null }[];
  resources: unknown[];
  confirmation: { available: boolean; blockedBy: string[] };
}
interface Localized {
  ja: string;
  en: string;
}

const localized = z.object({ ja: z.string(), en: z.string() });
const instant = z.string();

export const portalViewSchema = z
  .object({
    account: z.object({ name: z.string() }),
    csm: z.object({ name: z.string(), email: z.string() }).nullable(),
    visitor: z.object({ name: z.string().nullable(), email: z.string() }).nullable(),
    linkExpiresAt: instant,
    timeZone: z.string().openapi({ description: "The workspace time zone meetings are shown in" }),
    onboarding: z
      .object({
        id: z.string(),
        startedAt: instant,
        targetDate: z.string().nullable(),
        progress: z.number(),
        tasksDone: z.number(),
        tasksTotal: z.number(),
        completed: z.boolean(),
        completedAt: instant.nullable(),
        completedBy: z.enum(["customer", "csm"]).nullable(),
        completedByName: z
          .string()
          .nullable()
          .openapi({ description: "Who confirmed, by name only (null: a customer contact without a name)" }),
        tasks: z.array(
          z.object({
            id: z.string().nullable().openapi({ description: "Customer-side tasks only" }),
            stage: z.string(),
            side: z.enum(["cs", "customer"]),
            title: localized,
            description: localized.nullable(),
            startsOn: z.string(),
            dueOn: z.string(),
            done: z.boolean().nullable().openapi({ description: "Customer-side tasks only" }),
            doneAt: instant.nullable(),
            doneByName: z.string().nullable().openapi({
              description: "Who ticked it, by name only (null: the CS team, or a contact without a name)",
            }),
            doneByCsTeam: z.boolean().openapi({ description: "Ticked by the CS team (not by the customer)" }),
          }),
        ),
        criteria: z.array(z.object({ id: z.string(), title: localized, met: z.boolean() })),
        agreement: z.object({
          proposed: z.boolean(),
          proposedAt: instant.nullable(),
          agreedAt: instant.nullable(),
          agreedByName: z.string().nullable(),
          canAgree: z.boolean(),
        }),
        confirmation: z.object({
          available: z.boolean(),
          blockedBy: z.array(z.string()),
        }),
        resources: z.array(
          z.object({ title: localized, url: z.string(), kind: z.enum(["manual", "faq", "video", "other"]) }),
        ),
        meetings: z.array(
          z.object({
            type: z.string(),
            title: localized,
            scheduledAt: instant,
            durationMinutes: z.number(),
            location: z.string().nullable(),
          }),
        ),
      })
      .nullable(),
  })
  .openapi("PortalView");
export type PortalView = z.infer<typeof portalViewSchema>;

const isoOrNull = (v: Date | string | null | undefined) => (v ? isoInstant(v) : null);

type PortalResource = NonNullable<PortalView["onboarding"]>["resources"][number];

function resourceOf(r: unknown): PortalResource | null {
  if (!r || typeof r !== "object") return null;
  const { title, url, kind } = r as Record<string, unknown>;
  const t = title as Partial<Localized> | undefined;
  if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return null;
  if (!t || typeof t.ja !== "string" || typeof t.en !== "string") return null;
  const k = kind === "manual" || kind === "faq" || kind === "video" ? kind : "other";
  return { title: { ja: t.ja, en: t.en }, url, kind: k };
}

/** A customer label as the plan keeps it: "name (e-mail)", or the e-mail alone. */
const NAMED_CUSTOMER = /^(.*\S)\s+\(([^\s()@]+@[^\s()@]+)\)$/;
const EMAIL_ONLY = /^[^\s()@]+@[^\s()@]+$/;

/**
 * The name of a customer as the portal shows it: the name without the e-mail, null when there is
 * no name (the web says "a customer contact"): the portal never shows other people's addresses.
 */
export function customerName(label: string | null): string | null {
  if (!label) return null;
  const named = NAMED_CUSTOMER.exec(label);
  if (named) return named[1]!;
  return EMAIL_ONLY.test(label) ? null : label;
}

/**
 * Who ticked a customer task, as the portal shows it. A customer's tick keeps their label (it has
 * their e-mail); anything else was the CS team (a staff name or "API"), which the portal names only
 * as "the CS team".
 */
function doneBy(label: string | null | undefined): { doneByName: string | null; doneByCsTeam: boolean } {
  if (!label) return { doneByName: null, doneByCsTeam: false };
  if (NAMED_CUSTOMER.test(label) || EMAIL_ONLY.test(label))
    return { doneByName: customerName(label), doneByCsTeam: false };
  return { doneByName: null, doneByCsTeam: true };
}

/**
 * The customer's view of a plan: progress and dates but no status or reasons (on track / at risk is
 * the CS team's judgement), their own tasks in full, the CS team's tasks as title and dates only,
 * no internal notes, assignees or meeting minutes.
 */
export function planForCustomer(
  plan: PlanForPortal,
  now = new Date(),
): NonNullable<PortalView["onboarding"]> {
  const completed = plan.completedAt !== null && plan.status === "completed";
  const tasks = plan.tasks
    .filter((t) => t.status !== "skipped")
    .map((t) =>
      t.side === "customer"
        ? {
            id: t.id,
            stage: t.stage,
            side: "customer" as const,
            title: t.title,
            description: t.description ?? null,
            startsOn: t.startsOn,
            dueOn: t.dueOn,
            done: t.status === "done",
            doneAt: t.status === "done" ? isoOrNull(t.doneAt) : null,
            ...doneBy(t.status === "done" ? t.doneByLabel : null),
          }
        : {
            id: null,
            stage: t.stage,
            side: "cs" as const,
            title: t.title,
            description: null,
            startsOn: t.startsOn,
            dueOn: t.dueOn,
            done: null,
            doneAt: null,
            doneByName: null,
            doneByCsTeam: false,
          },
    );
  const meetings = plan.meetings
    .filter(
      (m) => !m.heldAt && new Date(m.scheduledAt).getTime() + m.durationMinutes * 60_000 >= now.getTime(),
    )
    .sort((a, b) => new Date(a.scheduledAt).getTime() - new Date(b.scheduledAt).getTime())
    .map((m) => ({
      type: m.type,
      title: m.title,
      scheduledAt: isoInstant(m.scheduledAt),
      durationMinutes: m.durationMinutes,
      location: m.location ?? null,
    }));
  return {
    id: plan.id,
    startedAt: isoInstant(plan.startedAt),
    targetDate: plan.targetDate,
    progress: plan.progress,
    tasksDone: plan.tasksDone,
    tasksTotal: plan.tasksTotal,
    completed,
    completedAt: completed ? isoOrNull(plan.completedAt) : null,
    completedBy: completed
      ? plan.completionSource === "customer"
        ? "customer"
        : plan.completionSource === "csm"
          ? "csm"
          : null
      : null,
    completedByName:
      completed && plan.completionSource === "customer" ? customerName(plan.completedByLabel) : null,
    tasks,
    criteria: plan.criteria.map((c) => ({ id: c.id, title: c.title, met: c.metAt !== null })),
    agreement: {
      proposed: plan.proposedAt !== null,
      proposedAt: isoOrNull(plan.proposedAt),
      agreedAt: isoOrNull(plan.agreedAt),
      agreedByName: plan.agreedAt ? customerName(plan.agreedByLabel) : null,
      canAgree: plan.proposedAt !== null && plan.agreedAt === null && !completed && plan.status !== "churned",
    },
    confirmation: {
      available: plan.confirmation.available,
      blockedBy: plan.confirmation.blockedBy,
    },
    resources: plan.resources.map(resourceOf).filter((r) => r !== null),
    meetings,
  };
}
