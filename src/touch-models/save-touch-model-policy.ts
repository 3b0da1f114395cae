import type { Queryable } from "../platform/db/client.ts";
import { refreshClassifications } from "../segmentation/refresh-classifications.ts";
import { lockRuleChanges, saveRuleVersion } from "../segmentation/rule-versions.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { TouchModelPolicy } from "./touch-model-policy.ts";

/**
 * Saves a new touch-model policy version and recomputes the touch model of every account without an
 * override. Signal switches stay in force (the customer's data has not changed) unless
 * `resetSignalSwitches` is set.
 */
export async function saveTouchModelPolicy(
  tx: Queryable,
  workspace: Workspace,
  definition: TouchModelPolicy,
  userId: string | null,
  options: { resetSignalSwitches?: boolean } = {},
) {
  await lockRuleChanges(tx, workspace.id);
  const policy = await saveRuleVersion(tx, workspace.id, "touch_models", definition, userId);
  const summary = await refreshClassifications(tx, workspace, "all", {
    policy,
    resetSignalSwitches: options.resetSignalSwitches,
  });
  return { policy, summary };
}
