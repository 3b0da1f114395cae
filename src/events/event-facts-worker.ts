import { sql } from "drizzle-orm";
import { refreshOnboarding } from "../onboarding/refresh-onboarding.ts";
import { anyOf } from "../platform/db/any-of.ts";
import type { Tx } from "../platform/db/client.ts";
import { inWorkspace, type Queryable, rowsOf } from "../platform/db/client.ts";
import type { Services } from "../platform/http/context.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { refreshActivation } from "./activation.ts";
import { attachEventsOfGroups, attachEventsOfUsers } from "./attach-events.ts";
import { refreshUsageFrequency } from "./usage-frequency.ts";

/** Running onboardings of the accounts with an event or usage criterion not met yet. */
async function onboardingsAwaitingUsage(tx: Queryable, workspaceId: string, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return rowsOf<{ id: string }>(
    await tx.execute(sql`select distinct o.id from onboardings o
      join onboarding_criteria c on c.onboarding_id = o.id and c.workspace_id = o.workspace_id
      where o.workspace_id = ${workspaceId} and o.completed_at is null
        and o.account_id = ${anyOf(accountIds, "uuid")} and c.kind <> 'manual' and c.met_at is null`),
  ).map((r) => r.id);
}

/**
 * What follows from newly stored events, after they were acknowledged: events kept for groups and
 * users that now have an account are attached, and for the accounts concerned the usage frequency
 * and the event and usage criteria of running onboardings are brought up to date.
 */
export async function followUpStoredEvents(
  tx: Tx,
  workspace: Workspace,
  accountIds: readonly string[],
  /** Users whose events may still wait for their group (`"all"`: look at every user). */
  users: readonly string[] | "all",
  now = new Date(),
) {
  const attached = [
    ...(await attachEventsOfGroups(tx, workspace)),
    ...(users === "all"
      ? await attachEventsOfUsers(tx, workspace)
      : await attachEventsOfUsers(tx, workspace, users)),
  ];
  if (attached.length > 0) await refreshActivation(tx, workspace, attached);
  const ids = [...new Set([...accountIds, ...attached])];
  await refreshUsageFrequency(tx, workspace, ids, now);
  for (const id of await onboardingsAwaitingUsage(tx, workspace.id, ids))
    await refreshOnboarding(tx, workspace, id, now);
}

export interface EventFacts {
  notify(workspace: Workspace, accountIds: readonly string[], groupedUsers: readonly string[]): void;
}

/** Follows up stored events shortly after they arrive, a workspace at a time, in the background. */
export function createEventFacts(services: Services, delayMs = 2_000): EventFacts {
  const pending = new Map<string, { accounts: Set<string>; users: Set<string> }>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const run = async () => {
    timer = null;
    const work = [...pending];
    pending.clear();
    for (const [workspaceId, { accounts, users }] of work) {
      try {
        const workspace = await getWorkspaceById(services.database.db, workspaceId);
        if (!workspace) continue;
        await inWorkspace(services.database.db, workspaceId, (tx) =>
          followUpStoredEvents(tx, workspace, [...accounts], [...users]),
        );
      } catch (err) {
        services.log.error({ err, workspaceId }, "following up usage events failed");
      }
    }
  };

  return {
    notify(workspace, accountIds, groupedUsers) {
      const entry = pending.get(workspace.id) ?? { accounts: new Set<string>(), users: new Set<string>() };
      for (const id of accountIds) entry.accounts.add(id);
      for (const key of groupedUsers) entry.users.add(key);
      pending.set(workspace.id, entry);
      if (timer) return;
      timer = setTimeout(() => {
        running = running.then(run);
      }, delayMs);
      timer.unref();
    },
  };
}
