import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { apiTokens, memberships, type Role } from "../db/schema.ts";
import { notFound } from "../http/errors.ts";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A new API token for the REST API. Only its SHA-256 is stored: the token is 256 random bits,
 * so a fast hash is enough to make a stolen table useless. The token acts with the role of the
 * user who made it (or `admin` when made from the CLI by the installation's operator).
 */
export async function createApiToken(
  db: Db,
  input: { workspaceId: string; name: string; userId?: string | null; role: Role },
) {
  const token = `emb_${randomBytes(32).toString("base64url")}`;
  const [item] = await db
    .insert(apiTokens)
    .values({
      workspaceId: input.workspaceId,
      userId: input.userId ?? null,
      name: input.name,
      role: input.role,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
    })
    .returning();
  return { token, item: publicToken(item!) };
}

export function publicToken(row: typeof apiTokens.$inferSelect) {
  const { tokenHash: _hash, workspaceId: _ws, userId: _user, ...rest } = row;
  return rest;
}

/** The workspace and role a bearer token acts for, or null when unknown or revoked. */
export async function verifyApiToken(db: Db, token: string) {
  const [row] = await db
    .select({
      id: apiTokens.id,
      workspaceId: apiTokens.workspaceId,
      userId: apiTokens.userId,
      role: apiTokens.role,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  let role = row.role;
  if (row.userId) {
    // A token never outranks its maker's current role; a maker who left the workspace ends it.
    const [member] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, row.userId), eq(memberships.workspaceId, row.workspaceId)));
    if (!member) return null;
    role = member.role;
  }
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  return { workspaceId: row.workspaceId, userId: row.userId, role };
}

export async function listApiTokens(db: Db, workspaceId: string) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.workspaceId, workspaceId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(publicToken);
}

export async function revokeApiToken(db: Db, workspaceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Token");
  const updated = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.workspaceId, workspaceId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (updated.length === 0) throw notFound("Token");
}
