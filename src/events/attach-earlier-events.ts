import type { Queryable } from "../platform/db/client.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { refreshActivation } from "./activation.ts";
import { attachEventsOfGroups } from "./attach-events.ts";
import { refreshUsageFrequency } from "./usage-frequency.ts";

/**
 * When accounts appear (or take a new group id): the events their product sent before are attached
 * to them, with activation and usage frequency worked out, in the same transaction.
 */
export async function attachEarlierEvents(tx: Queryable, workspace: Workspace, groupIds: readonly string[]) {
  const attached = await attachEventsOfGroups(tx, workspace, groupIds);
  if (attached.length === 0) return;
  await refreshActivation(tx, workspace, attached);
  await refreshUsageFrequency(tx, workspace, attached);
}
