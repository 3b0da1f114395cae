import { eq } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { users } from "../platform/db/schema.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";

/** Who did it: a staff user, or a customer (a contact, or whoever they said they are in the portal). */
export type Actor =
  | { kind: "staff"; userId: string | null }
  | {
      kind: "customer";
      contactId: string | null;
      label: string;
      /** Set when the customer acted in the portal: the link and visitor, kept on the timeline entry. */
      via?: { linkId: string; visitorId: string };
    };

/** The name shown for an actor (a staff user's name; "API" for a token without a user). */
export async function labelOf(tx: Queryable, actor: Actor): Promise<string> {
  if (actor.kind === "customer") return actor.label;
  if (!actor.userId) return "API";
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  return user?.name ?? "API";
}

/**
 * Records a change of an onboarding on the account's timeline (`data.action` says what happened);
 * what a customer did in the portal is a `portal` entry.
 */
export async function recordOnboardingChange(
  tx: Queryable,
  target: { workspaceId: string; accountId: string; onboardingId: string },
  action: string,
  actor: Actor | null,
  data: Record<string, unknown> = {},
  options: { title?: string | null; body?: string | null; occurredAt?: Date } = {},
) {
  await recordTimeline(tx, {
    workspaceId: target.workspaceId,
    accountId: target.accountId,
    kind: actor?.kind === "customer" && actor.via ? "portal" : "onboarding",
    title: options.title ?? null,
    body: options.body ?? null,
    occurredAt: options.occurredAt,
    actorUserId: actor?.kind === "staff" ? actor.userId : null,
    actorLabel: actor?.kind === "customer" ? actor.label : actor ? null : "Embark",
    data: {
      action,
      onboardingId: target.onboardingId,
      ...(actor?.kind === "customer" ? actor.via : undefined),
      ...data,
    },
  });
}
