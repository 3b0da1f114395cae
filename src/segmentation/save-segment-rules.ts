import type { Queryable } from "../platform/db/client.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { refreshClassifications } from "./refresh-classifications.ts";
import { lockRuleChanges, saveRuleVersion } from "./rule-versions.ts";
import type { SegmentRuleSet } from "./segment-rules.ts";

/** Saves a new version of the segment rules and reclassifies every account by it, in one transaction. */
export async function saveSegmentRules(
  tx: Queryable,
  workspace: Workspace,
  definition: SegmentRuleSet,
  userId: string | null,
) {
  await lockRuleChanges(tx, workspace.id);
  const ruleVersion = await saveRuleVersion(tx, workspace.id, "segments", definition, userId);
  const summary = await refreshClassifications(tx, workspace, "all", { rules: definition });
  return { ruleVersion, summary };
}
