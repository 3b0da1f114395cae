import { sql } from "drizzle-orm";
import { anyOf } from "../platform/db/any-of.ts";
import { type Queryable, rowsOf } from "../platform/db/client.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

/**
 * Sets `activated_at` of the accounts (all of the workspace, or those named) from the event rollups
 * and the workspace's activation definition (shared/KPIS.md): with `any`, the first occurrence of any
 * activation event; with `all`, the latest of the first occurrences of each. An account that became
 * activated gets a timeline entry naming the events. Returns how many accounts changed.
 */
export async function refreshActivation(
  tx: Queryable,
  workspace: Workspace,
  accountIds?: readonly string[],
): Promise<number> {
  if (accountIds?.length === 0) return 0;
  const ws = workspace.id;
  const names = [...new Set(workspace.settings["activation.events"])];
  const mode = workspace.settings["activation.mode"];
  const only = (column: string) =>
    accountIds ? sql` and ${sql.raw(column)} = ${anyOf(accountIds, "uuid")}` : sql``;
  const changed = rowsOf<{
    id: string;
    before: Date | string | null;
    at: Date | string | null;
    events: string[];
  }>(
    await tx.execute(sql`with defined as (
        select s.account_id,
          case when ${mode} = 'any' then min(s.first_seen_at)
               when count(*) = ${names.length} then max(s.first_seen_at) end as at,
          array_agg(s.event order by s.first_seen_at) as events
        from account_event_stats s
        where s.workspace_id = ${ws} and s.event = ${anyOf(names)}${only("s.account_id")}
        group by s.account_id),
      target as (
        select a.id, a.activated_at as before, d.at, d.events from accounts a
        left join defined d on d.account_id = a.id
        where a.workspace_id = ${ws}${only("a.id")} and a.activated_at is distinct from d.at)
      update accounts a set activated_at = t.at from target t where a.id = t.id
      returning a.id, t.before, t.at, t.events`),
  );
  for (const c of changed)
    if (c.before === null && c.at !== null)
      await recordTimeline(tx, {
        workspaceId: ws,
        accountId: c.id,
        kind: "activation",
        title: `Activated: ${(c.events ?? []).join(", ")}`,
        actorLabel: "Embark",
        occurredAt: new Date(c.at),
        data: { events: c.events, mode },
      });
  return changed.length;
}
