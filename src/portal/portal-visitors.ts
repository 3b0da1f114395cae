import { z } from "@hono/zod-openapi";
import { and, count, eq } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { contacts, portalVisitors } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import type { PortalLink } from "./portal-links.ts";

export const identifyInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  name: z.string().trim().min(1).max(200).nullish(),
});
export type IdentifyInput = z.infer<typeof identifyInput>;

/** How many different people may identify on one link. */
export const MAX_VISITORS_PER_LINK = 100;

export type PortalVisitor = typeof portalVisitors.$inferSelect;

/**
 * How a visitor is named to the staff, on the timeline and on what they did ("name (e-mail)", or the
 * e-mail). The portal itself shows only the name (see customerName in portal-view.ts).
 */
export const visitorLabel = (v: Pick<PortalVisitor, "name" | "email">) =>
  v.name ? `${v.name} (${v.email})` : v.email;

/**
 * The staff label of what a visitor does: the name they gave, else their contact's name (kept off
 * the visitor row, so the portal never tells a visitor the name stored for an e-mail they typed).
 */
export async function visitorActorLabel(tx: Tx, visitor: PortalVisitor): Promise<string> {
  if (visitor.name || !visitor.contactId) return visitorLabel(visitor);
  const [contact] = await tx
    .select({ name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, visitor.workspaceId), eq(contacts.id, visitor.contactId)));
  return visitorLabel({ name: contact?.name ?? null, email: visitor.email });
}

/**
 * Says who opens the link. An e-mail of one of the account's contacts is linked to that contact; an
 * unknown e-mail becomes a new contact of the account; an e-mail that belongs to a contact of another
 * account stays a visitor without a contact (never linked, and the answer does not tell).
 */
export async function identifyVisitor(
  tx: Tx,
  link: PortalLink,
  input: IdentifyInput,
): Promise<PortalVisitor> {
  const { workspaceId, accountId } = link;
  const [known] = await tx
    .select()
    .from(portalVisitors)
    .where(
      and(
        eq(portalVisitors.workspaceId, workspaceId),
        eq(portalVisitors.linkId, link.id),
        eq(portalVisitors.email, input.email),
      ),
    );
  if (!known) {
    const [{ visitors } = { visitors: 0 }] = await tx
      .select({ visitors: count() })
      .from(portalVisitors)
      .where(and(eq(portalVisitors.workspaceId, workspaceId), eq(portalVisitors.linkId, link.id)));
    // A link is shared within one customer; a flood of new people on it is someone filling the contacts.
    if (visitors >= MAX_VISITORS_PER_LINK)
      throw new AppError("rate_limited", "Too many people have used this link; please ask for a new one");
  }
  const [contact] = await tx
    .select({ id: contacts.id, accountId: contacts.accountId, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, input.email)));
  let contactId: string | null = null;
  let contactName: string | null = null;
  let contactCreated = false;
  if (contact) {
    if (contact.accountId === accountId) [contactId, contactName] = [contact.id, contact.name];
  } else {
    const [created] = await tx
      .insert(contacts)
      .values({ workspaceId, accountId, email: input.email, name: input.name ?? null })
      .onConflictDoNothing()
      .returning({ id: contacts.id });
    contactId = created?.id ?? null;
    contactCreated = Boolean(created);
  }
  // Only what they typed: a name stored for this e-mail (the contact's, or one typed on an earlier
  // visit) is not shown to whoever types the e-mail now.
  const name = input.name ?? null;
  const now = new Date();

  if (known) {
    const [updated] = await tx
      .update(portalVisitors)
      .set({ name, contactId, lastSeenAt: now })
      .where(eq(portalVisitors.id, known.id))
      .returning();
    return updated!;
  }
  const [visitor] = await tx
    .insert(portalVisitors)
    .values({ workspaceId, accountId, linkId: link.id, contactId, email: input.email, name, lastSeenAt: now })
    .returning();
  await recordTimeline(tx, {
    workspaceId,
    accountId,
    kind: "portal",
    actorLabel: visitorLabel({ name: name ?? contactName, email: input.email }),
    data: { action: "identified", linkId: link.id, visitorId: visitor!.id, contactId, contactCreated },
  });
  return visitor!;
}

/** The visitor a (verified) cookie names, only when it belongs to this link. */
export async function findVisitor(
  tx: Tx,
  link: PortalLink,
  visitorId: string,
): Promise<PortalVisitor | null> {
  if (!z.uuid().safeParse(visitorId).success) return null;
  const [visitor] = await tx
    .select()
    .from(portalVisitors)
    .where(
      and(
        eq(portalVisitors.workspaceId, link.workspaceId),
        eq(portalVisitors.linkId, link.id),
        eq(portalVisitors.id, visitorId),
      ),
    );
  return visitor ?? null;
}
