import { sql } from "drizzle-orm";
import { getAccount } from "../accounts/accounts.ts";
import { addDays } from "../onboarding/onboarding-schedule.ts";
import { isoInstant, type Queryable, rowsOf } from "../platform/db/client.ts";
import { dateInZone } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

/**
 * What an account's product use looks like, read from the rollups only (so it costs the same at
 * 1M and 100M raw events): activation, usage frequency, events and active users per day over the
 * last `days` days, the most frequent events, and who was active.
 */
export async function readAccountUsage(tx: Queryable, workspace: Workspace, accountId: string, days: number) {
  const account = await getAccount(tx, workspace.id, accountId);
  const ws = workspace.id;
  const to = dateInZone(new Date(), workspace.settings.timezone);
  const from = addDays(to, -(days - 1));
  const of = sql`workspace_id = ${ws} and account_id = ${accountId}`;
  const inRange = sql`day between ${from}::date and ${to}::date`;

  const stats = rowsOf<{ event: string; count: number; first: Date | string; last: Date | string }>(
    await tx.execute(sql`select event, count::float8 as count, first_seen_at as first, last_seen_at as last
      from account_event_stats where ${of} order by count desc, event`),
  );
  const usageDays = rowsOf<{ day: string; events: number; activeUsers: number }>(
    await tx.execute(sql`select to_char(day, 'YYYY-MM-DD') as day, events, active_users as "activeUsers"
      from account_usage_days where ${of} and ${inRange} order by day`),
  );
  const users = rowsOf<{ userId: string; lastActiveOn: string; activeDays: number }>(
    await tx.execute(sql`select user_key as "userId", to_char(max(day), 'YYYY-MM-DD') as "lastActiveOn",
        count(*)::int as "activeDays"
      from account_user_days where ${of} and ${inRange}
      group by user_key order by max(day) desc, count(*) desc, user_key limit 20`),
  );
  const [all] = rowsOf<{ events: number }>(
    await tx.execute(
      sql`select coalesce(sum(events), 0)::float8 as events from account_usage_days where ${of}`,
    ),
  );
  const [active] = rowsOf<{ last7: number; last28: number }>(
    await tx.execute(sql`select count(distinct user_key) filter (where day > ${to}::date - 7)::int as last7,
        count(distinct user_key)::int as last28
      from account_user_days where ${of} and day > ${to}::date - 28 and day <= ${to}::date`),
  );

  const activationEvents = workspace.settings["activation.events"];
  const times = (pick: (s: (typeof stats)[number]) => Date | string) =>
    stats.map((s) => new Date(pick(s)).getTime());
  return {
    activatedAt: account.activatedAt && isoInstant(account.activatedAt),
    activation: {
      events: activationEvents,
      mode: workspace.settings["activation.mode"],
      seen: stats
        .filter((s) => activationEvents.includes(s.event))
        .map((s) => ({ event: s.event, firstSeenAt: isoInstant(s.first) })),
    },
    usageFrequency: account.usageFrequency,
    firstSeenAt: stats.length ? new Date(Math.min(...times((s) => s.first))).toISOString() : null,
    lastSeenAt: stats.length ? new Date(Math.max(...times((s) => s.last))).toISOString() : null,
    totalEvents: all?.events ?? 0,
    from,
    to,
    days: usageDays,
    topEvents: stats.slice(0, 10).map((s) => ({
      event: s.event,
      count: s.count,
      firstSeenAt: isoInstant(s.first),
      lastSeenAt: isoInstant(s.last),
    })),
    users,
    activeUsers: active ?? { last7: 0, last28: 0 },
  };
}
