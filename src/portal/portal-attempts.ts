import { lt, sql } from "drizzle-orm";
import type { Db } from "../platform/db/client.ts";
import { portalAttempts } from "../platform/db/schema.ts";

/** Failed link lookups one client address may make per window before it is refused. */
export const PORTAL_MAX_FAILURES = 20;
export const PORTAL_WINDOW_MS = 10 * 60 * 1000;

/**
 * The key failures count under: the client address, IPv4-mapped IPv6 as IPv4, other IPv6 by its
 * /64 (one host usually owns a whole /64, so counting single addresses would not slow it down).
 */
export function attemptKey(address: string | undefined): string {
  const a = (address ?? "unknown").toLowerCase();
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) return `ip:${v4[1]}`;
  if (!a.includes(":")) return `ip:${a}`;
  return `ip6:${expandIpv6(a).slice(0, 4).join(":")}`;
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const zeros = Array(Math.max(0, 8 - left.length - right.length)).fill("0");
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((g) => g.replace(/^0+(?=.)/, ""));
}

/** Rows whose window started this long ago are of no use any more (the window is far shorter). */
const STALE_AFTER_MS = 60 * 60 * 1000;
/** The share of failures that also sweep stale rows (keeps the table small without a delete per failure). */
const CLEANUP_SHARE = 0.01;

/**
 * Counts one failed lookup and returns the count in the key's current window (a fixed window per
 * key, started by its first failure; a window that has passed starts again at 1). One atomic upsert,
 * so concurrent failures are all counted; the caller compares the count with PORTAL_MAX_FAILURES.
 */
export async function recordFailure(
  db: Db,
  key: string,
  now = new Date(),
  random: () => number = Math.random,
): Promise<number> {
  const windowFrom = sql`${new Date(now.getTime() - PORTAL_WINDOW_MS).toISOString()}::timestamptz`;
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(portalAttempts)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: portalAttempts.key,
      set: {
        count: sql`case when ${portalAttempts.windowStart} < ${windowFrom} then 1 else ${portalAttempts.count} + 1 end`,
        windowStart: sql`case when ${portalAttempts.windowStart} < ${windowFrom} then ${at} else ${portalAttempts.windowStart} end`,
      },
    })
    .returning({ count: portalAttempts.count });
  // Now and then, forget keys that have not failed for a long while.
  if (random() < CLEANUP_SHARE) await deleteStaleAttempts(db, now);
  return row!.count;
}

/** True when a failure count is over the limit (the failure that reached it was still answered 404). */
export const isOverLimit = (count: number) => count > PORTAL_MAX_FAILURES;

/** Deletes the rows of keys whose window started over an hour ago. */
export async function deleteStaleAttempts(db: Db, now = new Date()): Promise<void> {
  await db
    .delete(portalAttempts)
    .where(lt(portalAttempts.windowStart, new Date(now.getTime() - STALE_AFTER_MS)));
}
