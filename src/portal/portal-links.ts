import { createHash, randomBytes } from "node:crypto";
import { z } from "@hono/zod-openapi";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, Queryable } from "../platform/db/client.ts";
import { portalLinks, portalVisitors, users } from "../platform/db/schema.ts";
import { notFound } from "../platform/http/errors.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

/** A new link secret: 32 random bytes (256 bits), URL-safe. Only its hash is stored. */
export const newPortalToken = () => randomBytes(32).toString("base64url");
export const hashPortalToken = (token: string) => createHash("sha256").update(token).digest("hex");
/** What a token looks like; anything else is not looked up at all. */
export const PORTAL_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const DAY_MS = 24 * 60 * 60 * 1000;

export const portalLinkInput = z.object({
  label: z.string().trim().min(1).max(200).nullish(),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(730)
    .optional()
    .openapi({ description: "Defaults to the workspace setting portal.linkDays" }),
});
export type PortalLinkInput = z.infer<typeof portalLinkInput>;

export const portalVisitorSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string(),
    contactId: z.string().nullable(),
    lastSeenAt: z.string(),
    createdAt: z.string(),
  })
  .openapi("PortalVisitor");

export const portalLinkSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    label: z.string().nullable(),
    status: z.enum(["active", "revoked", "expired"]),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    createdByName: z.string().nullable(),
    visitors: z.array(portalVisitorSchema),
  })
  .openapi("PortalLink");

export const createdPortalLinkSchema = portalLinkSchema
  .extend({
    url: z.string().openapi({ description: "The secret link; shown only in this response" }),
  })
  .openapi("CreatedPortalLink");

type LinkRow = typeof portalLinks.$inferSelect;

export function linkStatus(link: Pick<LinkRow, "revokedAt" | "expiresAt">, now = new Date()) {
  if (link.revokedAt) return "revoked" as const;
  if (link.expiresAt.getTime() <= now.getTime()) return "expired" as const;
  return "active" as const;
}

/** The account's portal links, newest first, with the people who identified themselves on each. */
export async function listPortalLinks(tx: Queryable, workspaceId: string, accountId: string) {
  const rows = await tx
    .select({ link: portalLinks, createdByName: users.name })
    .from(portalLinks)
    .leftJoin(users, eq(users.id, portalLinks.createdBy))
    .where(and(eq(portalLinks.workspaceId, workspaceId), eq(portalLinks.accountId, accountId)))
    .orderBy(desc(portalLinks.createdAt), desc(portalLinks.id));
  const ids = rows.map((r) => r.link.id);
  const visitors = ids.length
    ? await tx
        .select()
        .from(portalVisitors)
        .where(and(eq(portalVisitors.workspaceId, workspaceId), inArray(portalVisitors.linkId, ids)))
        .orderBy(asc(portalVisitors.createdAt))
    : [];
  const now = new Date();
  return rows.map(({ link, createdByName }) => ({
    id: link.id,
    accountId: link.accountId,
    label: link.label,
    status: linkStatus(link, now),
    expiresAt: link.expiresAt,
    revokedAt: link.revokedAt,
    lastUsedAt: link.lastUsedAt,
    createdAt: link.createdAt,
    createdBy: link.createdBy,
    createdByName,
    visitors: visitors
      .filter((v) => v.linkId === link.id)
      .map((v) => ({
        id: v.id,
        name: v.name,
        email: v.email,
        contactId: v.contactId,
        lastSeenAt: v.lastSeenAt,
        createdAt: v.createdAt,
      })),
  }));
}

async function getPortalLink(tx: Queryable, workspaceId: string, accountId: string, linkId: string) {
  if (!z.uuid().safeParse(linkId).success) throw notFound("Portal link");
  const link = (await listPortalLinks(tx, workspaceId, accountId)).find((l) => l.id === linkId);
  if (!link) throw notFound("Portal link");
  return link;
}

/** Creates a link; the token is returned once (in the URL) and only its hash is kept. */
export async function createPortalLink(
  tx: Queryable,
  workspace: Workspace,
  accountId: string,
  input: PortalLinkInput,
  userId: string | null,
  publicUrl: string,
) {
  const token = newPortalToken();
  const days = input.expiresInDays ?? workspace.settings["portal.linkDays"];
  const [row] = await tx
    .insert(portalLinks)
    .values({
      workspaceId: workspace.id,
      accountId,
      tokenHash: hashPortalToken(token),
      label: input.label ?? null,
      expiresAt: new Date(Date.now() + days * DAY_MS),
      createdBy: userId,
    })
    .returning({ id: portalLinks.id });
  await recordTimeline(tx, {
    workspaceId: workspace.id,
    accountId,
    kind: "portal",
    actorUserId: userId,
    data: { action: "link_created", linkId: row!.id, label: input.label ?? null, expiresInDays: days },
  });
  const link = await getPortalLink(tx, workspace.id, accountId, row!.id);
  return { ...link, url: `${publicUrl}/portal/${token}` };
}

/** Revokes a link (again is harmless: the first revocation time is kept). */
export async function revokePortalLink(
  tx: Queryable,
  workspaceId: string,
  accountId: string,
  linkId: string,
  userId: string | null,
) {
  const link = await getPortalLink(tx, workspaceId, accountId, linkId);
  if (link.revokedAt) return link;
  await tx
    .update(portalLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(portalLinks.workspaceId, workspaceId), eq(portalLinks.id, linkId)));
  await recordTimeline(tx, {
    workspaceId,
    accountId,
    kind: "portal",
    actorUserId: userId,
    data: { action: "link_revoked", linkId, label: link.label },
  });
  return getPortalLink(tx, workspaceId, accountId, linkId);
}

/**
 * Finds the active link a token names, across workspaces (the token is the only credential):
 * null for an unknown, revoked or expired one, so callers answer all three alike.
 */
export async function findActivePortalLink(db: Db, token: string, now = new Date()) {
  if (!PORTAL_TOKEN.test(token)) return null;
  const [link] = await db
    .select()
    .from(portalLinks)
    .where(eq(portalLinks.tokenHash, hashPortalToken(token)));
  if (!link || linkStatus(link, now) !== "active") return null;
  return link;
}
export type PortalLink = LinkRow;
