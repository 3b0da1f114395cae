import { createHmac } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { portalLinks } from "../platform/db/schema.ts";
import { hashPortalToken, linkStatus } from "../portal/portal-links.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

const DAY_MS = 86_400_000;
export const INFORMATION_LINK_LABEL = "インフォメーションメール / Information e-mails";

/** True when the account has a portal link that is neither revoked nor expired. */
export async function hasActivePortalLink(
  tx: Queryable,
  workspaceId: string,
  accountId: string,
  now = new Date(),
) {
  const [row] = await tx
    .select({ id: portalLinks.id })
    .from(portalLinks)
    .where(
      and(
        eq(portalLinks.workspaceId, workspaceId),
        eq(portalLinks.accountId, accountId),
        isNull(portalLinks.revokedAt),
        gt(portalLinks.expiresAt, now),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * The portal link the e-mails of one enrolment carry, or null when the account has no active
 * portal link (the CSM has not opened the portal to the customer). Portal links keep only a hash of
 * their secret, so the enrolment's own link is derived from the instance secret: every step finds
 * the same link again, it is listed (and revocable) on the account like any other, and once revoked
 * or expired the e-mails leave it out.
 */
export async function informationPortalLink(
  tx: Queryable,
  workspace: Workspace,
  enrolment: { id: string; accountId: string },
  now: Date,
  options: { secret: string; publicUrl: string },
): Promise<string | null> {
  const token = createHmac("sha256", options.secret)
    .update(`information-portal:${enrolment.id}`)
    .digest("base64url");
  const url = `${options.publicUrl}/portal/${token}`;
  const tokenHash = hashPortalToken(token);
  const [own] = await tx.select().from(portalLinks).where(eq(portalLinks.tokenHash, tokenHash));
  if (own) return linkStatus(own, now) === "active" ? url : null;
  if (!(await hasActivePortalLink(tx, workspace.id, enrolment.accountId, now))) return null;
  await tx
    .insert(portalLinks)
    .values({
      workspaceId: workspace.id,
      accountId: enrolment.accountId,
      tokenHash,
      label: INFORMATION_LINK_LABEL,
      expiresAt: new Date(now.getTime() + workspace.settings["portal.linkDays"] * DAY_MS),
    })
    .onConflictDoNothing();
  return url;
}
