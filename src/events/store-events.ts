import { sql } from "drizzle-orm";
import { anyOf } from "../platform/db/any-of.ts";
import { type Queryable, rowsOf } from "../platform/db/client.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { refreshActivation } from "./activation.ts";
import { attachEventsOfUsers } from "./attach-events.ts";
import { recordRejections } from "./event-rejections.ts";
import { rollUp } from "./event-rollups.ts";
import { applyGroupTraits } from "./group-traits.ts";
import type { UsageMessage } from "./segment-message.ts";

export interface StoredEvents {
  /** Messages stored now (a messageId seen before is not stored again). */
  stored: number;
  duplicates: number;
  /** Accounts whose rollups changed. */
  accountIds: string[];
}

const userKey = (m: UsageMessage) => (m.userId ?? m.anonymousId)!;

/** The users whose group a batch may have settled: those of `group` calls, both sides of `alias` calls. */
export const groupedUserKeys = (messages: readonly UsageMessage[]) => [
  ...new Set(
    messages.flatMap((m) =>
      m.type === "group" ? [userKey(m)] : m.type === "alias" ? [m.previousId!, m.userId!] : [],
    ),
  ),
];

/** Who belongs to which group: the latest `group` call per user, and `alias` calls. */
async function recordMemberships(tx: Queryable, workspaceId: string, messages: readonly UsageMessage[]) {
  const latest = new Map<string, UsageMessage>();
  for (const m of messages) {
    if (m.type !== "group") continue;
    const current = latest.get(userKey(m));
    if (!current || current.timestamp <= m.timestamp) latest.set(userKey(m), m);
  }
  if (latest.size > 0) {
    const rows = [...latest].map(([key, m]) => ({ key, group: m.groupId, at: m.timestamp.toISOString() }));
    await tx.execute(sql`insert into event_users as u (workspace_id, user_key, group_id, grouped_at)
      select ${workspaceId}::uuid, r.key, r.group, r.at
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(key text, "group" text, at timestamptz)
      order by r.key
      on conflict (workspace_id, user_key) do update set group_id = excluded.group_id, grouped_at = excluded.grouped_at
      where u.grouped_at is null or u.grouped_at <= excluded.grouped_at`);
  }
  const aliases = messages.filter((m) => m.type === "alias" && m.previousId !== m.userId);
  if (aliases.length > 0) {
    const rows = [
      ...new Map(aliases.map((m) => [m.previousId!, { key: m.previousId, of: m.userId }])).values(),
    ];
    await tx.execute(sql`insert into event_users (workspace_id, user_key, alias_of)
      select ${workspaceId}::uuid, r.key, r.of from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(key text, "of" text)
      order by r.key
      on conflict (workspace_id, user_key) do update set alias_of = excluded.alias_of`);
  }
  return [...latest.values()];
}

/** The group of each user named (their own, or that of the user they are an alias of). */
async function groupsOfUsers(tx: Queryable, workspaceId: string, keys: readonly string[]) {
  if (keys.length === 0) return new Map<string, string>();
  const rows = rowsOf<{ user_key: string; group_id: string | null }>(
    await tx.execute(sql`select u.user_key, coalesce(u.group_id, t.group_id) as group_id
      from event_users u
      left join event_users t on t.workspace_id = u.workspace_id and t.user_key = u.alias_of
      where u.workspace_id = ${workspaceId} and u.user_key = ${anyOf(keys)}`),
  );
  return new Map(rows.flatMap((r) => (r.group_id ? [[r.user_key, r.group_id] as const] : [])));
}

async function accountsOfGroups(tx: Queryable, workspaceId: string, groupIds: readonly string[]) {
  if (groupIds.length === 0) return new Map<string, string>();
  const rows = rowsOf<{ group_id: string; id: string }>(
    // One index probe per group; a filter on `= any(…)` would compare every account with every group.
    await tx.execute(sql`select g.group_id, a.id
      from jsonb_array_elements_text(${JSON.stringify(groupIds)}::jsonb) as g(group_id)
      join lateral (select id from accounts
        where workspace_id = ${workspaceId} and group_id = g.group_id order by created_at limit 1) a on true`),
  );
  return new Map(rows.map((r) => [r.group_id, r.id]));
}

/**
 * Stores checked messages of one workspace and brings the rollups, the attribution of earlier
 * events and the accounts' activation up to date, in the caller's transaction. A message is
 * attributed to the group it names, else to its user's group; a message id already stored is left
 * as it is.
 */
export async function storeMessages(
  tx: Queryable,
  workspace: Workspace,
  messages: readonly UsageMessage[],
): Promise<StoredEvents> {
  if (messages.length === 0) return { stored: 0, duplicates: 0, accountIds: [] };
  const ws = workspace.id;
  const grouped = await recordMemberships(tx, ws, messages);
  const traitProblems = await applyGroupTraits(tx, workspace, grouped);
  if (traitProblems.length > 0)
    await recordRejections(
      tx,
      ws,
      traitProblems.map((p) => ({ reason: p.reason, messageId: null, type: "group" })),
    );

  const userGroups = await groupsOfUsers(tx, ws, [
    ...new Set(messages.filter((m) => !m.groupId).map(userKey)),
  ]);
  const groupOf = (m: UsageMessage) => m.groupId ?? userGroups.get(userKey(m)) ?? null;
  const accountOf = await accountsOfGroups(tx, ws, [...new Set(messages.flatMap((m) => groupOf(m) ?? []))]);

  const rows = messages.map((m) => {
    const group = groupOf(m);
    return {
      message_id: m.messageId,
      type: m.type,
      event: m.event,
      user_id: m.userId,
      anonymous_id: m.anonymousId,
      group_id: group,
      account_id: group ? (accountOf.get(group) ?? null) : null,
      timestamp: m.timestamp.toISOString(),
      received_at: m.receivedAt.toISOString(),
      message: m.message,
    };
  });
  const [result] = rowsOf<{ n: number }>(
    await tx.execute(
      rollUp(
        ws,
        workspace.settings.timezone,
        sql`insert into events (workspace_id, message_id, type, event, user_id, anonymous_id, group_id,
            account_id, timestamp, received_at, message)
          select ${ws}::uuid, r.message_id, r.type, r.event, r.user_id, r.anonymous_id, r.group_id,
            r.account_id, r.timestamp, r.received_at, r.message
          from json_to_recordset(${JSON.stringify(rows)}::json) as r(message_id text, type text, event text,
            user_id text, anonymous_id text, group_id text, account_id uuid, timestamp timestamptz,
            received_at timestamptz, message jsonb)
          order by r.message_id
          on conflict (workspace_id, message_id) do nothing
          returning account_id, group_id, type, event, timestamp as ts,
            coalesce(user_id, anonymous_id) as user_key,
            case when type = 'group' then message->'traits'->>'name' end as name`,
      ),
    ),
  );
  const stored = result?.n ?? 0;

  const attached = await attachEventsOfUsers(tx, workspace, groupedUserKeys(messages));
  const activation = new Set(workspace.settings["activation.events"]);
  const activating = rows.flatMap((r) =>
    r.account_id && r.event && activation.has(r.event) ? [r.account_id] : [],
  );
  if (activation.size > 0 && activating.length + attached.length > 0)
    await refreshActivation(tx, workspace, [...new Set([...activating, ...attached])]);

  return {
    stored,
    duplicates: messages.length - stored,
    accountIds: [...new Set([...rows.flatMap((r) => r.account_id ?? []), ...attached])],
  };
}
