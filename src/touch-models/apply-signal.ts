import type { Queryable } from "../platform/db/client.ts";
import { notFound } from "../platform/http/errors.ts";
import { dateInZone } from "../platform/time.ts";
import type { Classification } from "../segmentation/classify-account.ts";
import { readClassifiableAccounts } from "../segmentation/read-classifiable-accounts.ts";
import { recordTouchModelChanges, writeClassifications } from "../segmentation/refresh-classifications.ts";
import { readRulesInForce } from "../segmentation/rule-versions.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import {
  describeSwitch,
  findSwitchingRule,
  type TouchModel,
  type TouchSignal,
  touchSignal,
} from "./touch-model-policy.ts";

export interface SignalOutcome {
  accountId: string;
  switched: boolean;
  from: TouchModel | null;
  to: TouchModel | null;
  /** Why it switched, or why not. */
  reason: string;
}

/**
 * Lets the touch-model policy's switching rules react to signals (a usage drop, a detractor
 * answer, a lifecycle change), set-based: one locked read and one write per batch of accounts.
 * An override always wins, so a signal does not switch an overridden account. Signals of one account
 * apply in the order given.
 */
export async function applySignals(
  tx: Queryable,
  workspace: Workspace,
  items: readonly { accountId: string; signal: TouchSignal }[],
): Promise<SignalOutcome[]> {
  if (items.length === 0) return [];
  const signals = items.map((i) => ({ accountId: i.accountId, signal: touchSignal.parse(i.signal) }));
  const policy = await readRulesInForce(tx, workspace.id, "touch_models");
  const outcomes: SignalOutcome[] = [];
  const ids = signals.map((s) => s.accountId);
  for await (const batch of readClassifiableAccounts(tx, workspace.id, ids, { lock: true })) {
    const byId = new Map(batch.map((a) => [a.id, a]));
    const updates = new Map<string, Classification & { id: string }>();
    const history: Parameters<typeof recordTouchModelChanges>[1] = [];
    for (const { accountId, signal } of signals) {
      const account = byId.get(accountId);
      if (!account) continue;
      const from = account.touchModel;
      const outcome = (switched: boolean, reason: string, to = from): SignalOutcome => ({
        accountId,
        switched,
        from,
        to,
        reason,
      });
      if (account.touchModelOverride) {
        outcomes.push(outcome(false, "an override is in force"));
        continue;
      }
      const found = findSwitchingRule(policy.definition, signal, from, account.facts);
      if (!found || found.rule.to === from) {
        outcomes.push(outcome(false, found ? `already ${from} touch` : "no switching rule applies"));
        continue;
      }
      const to = found.rule.to;
      const day = dateInZone(signal.at ?? new Date(), workspace.settings.timezone);
      const reason = describeSwitch(from, to, signal, day, found.number, policy.version);
      account.touchModel = to;
      account.touchModelSource = "signal";
      updates.set(account.id, {
        id: account.id,
        segment: account.segment,
        segmentRule: account.segmentRule,
        touchModel: to,
        touchModelSource: "signal",
      });
      history.push({
        workspaceId: workspace.id,
        accountId,
        fromModel: from,
        toModel: to,
        source: "signal",
        reason,
        actorUserId: null,
      });
      outcomes.push(outcome(true, reason, to));
    }
    await writeClassifications(tx, workspace.id, [...updates.values()]);
    await recordTouchModelChanges(tx, history);
  }
  return outcomes;
}

/** One signal for one account (for other capabilities: surveys, usage events, automation). */
export async function applySignal(
  tx: Queryable,
  workspace: Workspace,
  accountId: string,
  signal: TouchSignal,
): Promise<SignalOutcome> {
  const [outcome] = await applySignals(tx, workspace, [{ accountId, signal }]);
  if (!outcome) throw notFound("Account");
  return outcome;
}
