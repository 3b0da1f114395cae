import { type SQL, sql } from "drizzle-orm";

/**
 * The rollups the product reads instead of raw events, as statements (CTEs) that add the rows of
 * `source` to them. `source` is a CTE with the columns account_id, group_id, type, event, ts,
 * user_key and name (a group call's traits.name) — the events just stored, or just attached to an
 * account. Events of an unknown group count in `unmatched_groups`, events of a user without a group
 * mark the user in `ungrouped_users`: those rows are what attaching them later starts from. Rows are added in key order so concurrent writers lock rows in the same order.
 *
 * The statement ends with a select of how many source rows there were.
 */
export function rollUp(workspaceId: string, timeZone: string, source: SQL): SQL {
  const ws = sql`${workspaceId}::uuid`;
  const day = sql`(ts at time zone ${timeZone})::date`;
  return sql`with source as (${source}),
    stats as (
      insert into account_event_stats as s (workspace_id, account_id, event, first_seen_at, last_seen_at, count)
      select ${ws}, account_id, event, min(ts), max(ts), count(*) from source
      where type = 'track' and account_id is not null
      group by account_id, event order by account_id, event
      on conflict (workspace_id, account_id, event) do update set
        first_seen_at = least(s.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at),
        count = s.count + excluded.count
      returning 1),
    user_days as (
      insert into account_user_days (workspace_id, account_id, day, user_key)
      select distinct ${ws}, account_id, ${day}, user_key from source
      where type in ('track', 'page', 'screen') and account_id is not null
      order by 2, 3, 4
      on conflict do nothing
      returning account_id, day),
    usage as (
      insert into account_usage_days as u (workspace_id, account_id, day, events, active_users)
      select ${ws}, account_id, day, sum(events), sum(users) from (
        select account_id, ${day} as day, count(*) as events, 0 as users from source
        where type in ('track', 'page', 'screen') and account_id is not null group by 1, 2
        union all
        select account_id, day, 0, count(*) from user_days group by 1, 2) d
      group by account_id, day order by account_id, day
      on conflict (workspace_id, account_id, day) do update set
        events = u.events + excluded.events, active_users = u.active_users + excluded.active_users
      returning 1),
    unmatched as (
      insert into unmatched_groups as g (workspace_id, group_id, name, events, first_seen_at, last_seen_at)
      select ${ws}, group_id, max(name), count(*), min(ts), max(ts) from source
      where account_id is null and group_id is not null
      group by group_id order by group_id
      on conflict (workspace_id, group_id) do update set
        name = coalesce(excluded.name, g.name),
        events = g.events + excluded.events,
        first_seen_at = least(g.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(g.last_seen_at, excluded.last_seen_at)
      returning 1),
    ungrouped as (
      insert into ungrouped_users (workspace_id, user_key)
      select distinct ${ws}, user_key from source where group_id is null order by 2
      on conflict do nothing
      returning 1)
    select (select count(*) from source)::int as n,
      ((select count(*) from stats) + (select count(*) from usage) + (select count(*) from unmatched)
        + (select count(*) from ungrouped))::int as touched`;
}
