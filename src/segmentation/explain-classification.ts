import type { Queryable } from "../platform/db/client.ts";
import { notFound } from "../platform/http/errors.ts";
import { dateInZone } from "../platform/time.ts";
import { findLatestChange, listTouchModelHistory } from "../touch-models/touch-model-history.ts";
import { mapTouchModel } from "../touch-models/touch-model-policy.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { ClassifiableAccount } from "./classify-account.ts";
import { readClassifiableAccounts } from "./read-classifiable-accounts.ts";
import { readRulesInForce } from "./rule-versions.ts";
import { assignSegment, describeMatch } from "./segment-rules.ts";

async function readAccount(tx: Queryable, workspaceId: string, accountId: string) {
  for await (const [account] of readClassifiableAccounts(tx, workspaceId, [accountId], { lock: false }))
    if (account) return account;
  throw notFound("Account");
}

async function explainTouchModel(
  tx: Queryable,
  workspace: Workspace,
  account: ClassifiableAccount,
  policyReason: string,
): Promise<string> {
  switch (account.touchModelSource) {
    case "override": {
      const set = await findLatestChange(tx, workspace.id, account.id, ["override", "import"]);
      if (!set) return `override to ${account.touchModel} touch`;
      const day = dateInZone(set.changedAt, workspace.settings.timezone);
      if (set.source === "import") return `override from an import on ${day}`;
      return `override by ${set.actor?.name ?? "an API token"} on ${day}: ${set.reason}`;
    }
    case "signal":
      return (
        (await findLatestChange(tx, workspace.id, account.id, ["signal"]))?.reason ?? "switched by a signal"
      );
    case "rule":
      return policyReason;
    default:
      return "not classified yet";
  }
}

/**
 * Why the account is in its segment and touch model: the matching rule of the segment rules in
 * force, the source of the touch model (policy, signal switch or override) and its history.
 */
export async function explainClassification(tx: Queryable, workspace: Workspace, accountId: string) {
  const account = await readAccount(tx, workspace.id, accountId);
  const [rules, policy] = await Promise.all([
    readRulesInForce(tx, workspace.id, "segments"),
    readRulesInForce(tx, workspace.id, "touch_models"),
  ]);
  const assignment = assignSegment(rules.definition, account.facts);
  const byPolicy = mapTouchModel(policy, assignment.segment);
  const label = rules.definition.segments?.find((s) => s.key === assignment.segment)?.label ?? null;
  return {
    accountId: account.id,
    segment: {
      key: assignment.segment,
      label,
      rule: assignment.rule,
      explanation: describeMatch(rules.definition, assignment),
      rulesVersion: rules.version,
    },
    touchModel: {
      effective: account.touchModel,
      source: account.touchModelSource,
      override: account.touchModelOverride,
      explanation: await explainTouchModel(tx, workspace, account, byPolicy.reason),
      policyModel: byPolicy.model,
      policyVersion: policy.version,
    },
    history: await listTouchModelHistory(tx, workspace.id, account.id),
  };
}
