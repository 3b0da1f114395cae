import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * An unsubscribe link names one contact: `<contact id as 32 hex digits><32 hex digits of an HMAC of it>`.
 * The HMAC key is derived from the instance secret, so nothing is stored: every marketing mail to the
 * contact carries the same working link without a token table, a copy of the database alone cannot
 * forge links, and the link reveals nothing but an opaque id. (Changing the instance secret retires
 * the links of mail sent before, which is acceptable for an opt-out: the next mail carries a new one.)
 */
const TOKEN = /^[0-9a-f]{64}$/;

export function unsubscribeKey(instanceSecret: string) {
  return createHmac("sha256", instanceSecret).update("embark unsubscribe link").digest();
}

const sign = (key: Buffer, id: string) => createHmac("sha256", key).update(id).digest("hex").slice(0, 32);

export function unsubscribeToken(key: Buffer, contactId: string): string {
  const id = contactId.replaceAll("-", "").toLowerCase();
  return `${id}${sign(key, id)}`;
}

/** The contact id a token names, or null when the token is not one this instance made. */
export function contactOfUnsubscribeToken(key: Buffer, token: string): string | null {
  if (!TOKEN.test(token)) return null;
  const id = token.slice(0, 32);
  const expected = Buffer.from(sign(key, id));
  if (!timingSafeEqual(expected, Buffer.from(token.slice(32)))) return null;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}
