import { and, eq, gte, lt, sql } from "drizzle-orm";
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

/** True when the key has used up its failures in the current window (shared by every instance). */
export async function isRateLimited(db: Db, key: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ count: portalAttempts.count })
    .from(portalAttempts)
    .where(
      and(
        eq(portalAttempts.key, key),
        gte(portalAttempts.windowStart, new Date(now.getTime() - PORTAL_WINDOW_MS)),
      ),
    );
  return (row?.count ?? 0) >= PORTAL_MAX_FAILURES;
}

/** Counts one failed lookup (a fixed window per key, started by its first failure); returns the count. */
export async function recordFailure(db: Db, key: string, now = new Date()): Promise<number> {
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
  // Windows long past say nothing any more.
  await db
    .delete(portalAttempts)
    .where(lt(portalAttempts.windowStart, new Date(now.getTime() - 6 * PORTAL_WINDOW_MS)));
  return row!.count;
}
