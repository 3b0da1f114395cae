import { sql } from "drizzle-orm";
import { anyOf } from "../platform/db/any-of.ts";
import { type Queryable, rowsOf } from "../platform/db/client.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { rollUp } from "./event-rollups.ts";

const returned = sql`returning e.account_id, e.group_id, e.type, e.event, e.timestamp as ts,
  coalesce(e.user_id, e.anonymous_id) as user_key, null::text as name`;

const idFilter = (column: string, ids: readonly string[] | undefined) =>
  ids ? sql` and ${sql.raw(column)} = ${anyOf(ids)}` : sql``;

/**
 * Attaches the kept events of groups that now match an account (all such groups, or those named)
 * and adds them to the account's rollups. The group's `unmatched_groups` row is taken first: a
 * writer still storing events of that group holds it, so its events are either seen here or put the
 * row back for the next pass. Returns the accounts that gained events.
 */
export async function attachEventsOfGroups(
  tx: Queryable,
  workspace: Workspace,
  groupIds?: readonly string[],
): Promise<string[]> {
  if (groupIds?.length === 0) return [];
  const ws = workspace.id;
  const matched = rowsOf<{ group_id: string; account_id: string }>(
    await tx.execute(sql`delete from unmatched_groups u
      using (select distinct on (group_id) group_id, id from accounts
             where workspace_id = ${ws}${idFilter("group_id", groupIds)} order by group_id, created_at) a
      where u.workspace_id = ${ws} and u.group_id = a.group_id
      returning u.group_id, a.id as account_id`),
  );
  if (matched.length === 0) return [];
  await tx.execute(
    rollUp(
      ws,
      workspace.settings.timezone,
      sql`update events e set account_id = t.account_id
        from jsonb_to_recordset(${JSON.stringify(matched)}::jsonb) as t(group_id text, account_id uuid)
        where e.workspace_id = ${ws} and e.account_id is null and e.group_id = t.group_id ${returned}`,
    ),
  );
  return [...new Set(matched.map((m) => m.account_id))];
}

/**
 * Attaches the events of users who had no group when they were sent and have one now (by a `group`
 * call, or through an `alias` of a grouped user) — all such users, or those named. Returns the
 * accounts that gained events.
 */
export async function attachEventsOfUsers(
  tx: Queryable,
  workspace: Workspace,
  userKeys?: readonly string[],
): Promise<string[]> {
  if (userKeys?.length === 0) return [];
  const ws = workspace.id;
  const grouped = rowsOf<{ user_key: string; group_id: string; account_id: string | null }>(
    await tx.execute(sql`with taken as (
        delete from ungrouped_users p
        using (select u.user_key, coalesce(u.group_id, target.group_id) as group_id
               from event_users u
               left join event_users target on target.workspace_id = u.workspace_id and target.user_key = u.alias_of
               where u.workspace_id = ${ws}${idFilter("u.user_key", userKeys)}) g
        where p.workspace_id = ${ws} and p.user_key = g.user_key and g.group_id is not null
        returning p.user_key, g.group_id)
      select t.user_key, t.group_id,
        (select a.id from accounts a where a.workspace_id = ${ws} and a.group_id = t.group_id
         order by a.created_at limit 1) as account_id
      from taken t`),
  );
  if (grouped.length === 0) return [];
  await tx.execute(
    rollUp(
      ws,
      workspace.settings.timezone,
      sql`update events e set group_id = t.group_id, account_id = t.account_id
        from jsonb_to_recordset(${JSON.stringify(grouped)}::jsonb) as t(user_key text, group_id text, account_id uuid)
        where e.workspace_id = ${ws} and e.group_id is null
          and coalesce(e.user_id, e.anonymous_id) = t.user_key ${returned}`,
    ),
  );
  return [...new Set(grouped.flatMap((g) => (g.account_id ? [g.account_id] : [])))];
}
