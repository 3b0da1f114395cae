import { eq } from "drizzle-orm";
import type { Db } from "../platform/db/client.ts";
import { surveySends } from "../platform/db/schema.ts";
import { hashPortalToken, PORTAL_TOKEN } from "../portal/portal-links.ts";

// Survey links are secrets of the same kind as portal links: random, URL-safe, stored only as a hash.
export {
  hashPortalToken as hashSurveyToken,
  newPortalToken as newSurveyToken,
} from "../portal/portal-links.ts";

export const surveyUrl = (publicUrl: string, token: string) => `${publicUrl}/survey/${token}`;

export type SurveySend = typeof surveySends.$inferSelect;

/**
 * The send a token names, across workspaces (the token is the only credential), or null. Whether it
 * is still open is the caller's to check (a closed link answers like an unknown one).
 */
export async function findSendByToken(db: Db, token: string): Promise<SurveySend | null> {
  if (!PORTAL_TOKEN.test(token)) return null;
  const [send] = await db
    .select()
    .from(surveySends)
    .where(eq(surveySends.tokenHash, hashPortalToken(token)));
  return send ?? null;
}

export const isOpen = (send: Pick<SurveySend, "closesAt">, now = new Date()) =>
  send.closesAt.getTime() > now.getTime();
