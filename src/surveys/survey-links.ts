import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../platform/db/client.ts";
import { surveySends } from "../platform/db/schema.ts";

/** A new survey link secret: 32 random bytes (256 bits), URL-safe. Only its hash is stored. */
export const newSurveyToken = () => randomBytes(32).toString("base64url");
export const hashSurveyToken = (token: string) => createHash("sha256").update(token).digest("hex");
/** What a token looks like; anything else is not looked up at all. */
export const SURVEY_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const surveyUrl = (publicUrl: string, token: string) => `${publicUrl}/survey/${token}`;

export type SurveySend = typeof surveySends.$inferSelect;

/**
 * The send a token names, across workspaces (the token is the only credential), or null. Whether it
 * is still open is the caller's to check (a closed link answers like an unknown one).
 */
export async function findSendByToken(db: Db, token: string): Promise<SurveySend | null> {
  if (!SURVEY_TOKEN.test(token)) return null;
  const [send] = await db
    .select()
    .from(surveySends)
    .where(eq(surveySends.tokenHash, hashSurveyToken(token)));
  return send ?? null;
}

export const isOpen = (send: Pick<SurveySend, "closesAt">, now = new Date()) =>
  send.closesAt.getTime() > now.getTime();
