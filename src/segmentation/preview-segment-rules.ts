import type { Queryable } from "../platform/db/client.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { classifyAccount } from "./classify-account.ts";
import { readClassifiableAccounts, readOwnerNames } from "./read-classifiable-accounts.ts";
import { readRulesInForce } from "./rule-versions.ts";
import { listSegmentKeys, type SegmentRuleSet } from "./segment-rules.ts";
import { type ChangeSummary, createChangeTally } from "./summarize-changes.ts";

export interface SegmentRulesPreview extends ChangeSummary {
  /** Things a manager should know before saving, e.g. a segment the touch-model policy does not map. */
  warnings: string[];
}

/**
 * What saving `candidate` would do, without writing anything: the same classification the save
 * runs (classifyAccount over the same accounts and the policy in force), only tallied.
 */
export async function previewSegmentRules(
  tx: Queryable,
  workspace: Workspace,
  candidate: SegmentRuleSet,
): Promise<SegmentRulesPreview> {
  const policy = await readRulesInForce(tx, workspace.id, "touch_models");
  const tally = createChangeTally();
  for await (const batch of readClassifiableAccounts(tx, workspace.id, "all", { lock: false }))
    for (const account of batch)
      tally.add(account.ownerId, account, classifyAccount(account, candidate, policy).next);
  return {
    ...tally.summary(await readOwnerNames(tx, workspace.id)),
    warnings: listSegmentKeys(candidate)
      .filter((key) => !Object.hasOwn(policy.definition.mapping, key))
      .map(
        (key) =>
          `Segment "${key}" has no touch model in the policy; it gets the fallback ${policy.definition.fallback}`,
      ),
  };
}
