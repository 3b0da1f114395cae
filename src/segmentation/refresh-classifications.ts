import { sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import type { touchModelChanges } from "../platform/db/schema.ts";
import type { InForce, TouchModelPolicy } from "../touch-models/touch-model-policy.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import {
  type ClassifiableAccount,
  type Classification,
  type ClassifyOptions,
  classifyAccount,
  sameClassification,
  type TouchModelChange,
} from "./classify-account.ts";
import { readClassifiableAccounts, readOwnerNames } from "./read-classifiable-accounts.ts";
import { readRulesInForce } from "./rule-versions.ts";
import type { SegmentRuleSet } from "./segment-rules.ts";
import { type ChangeSummary, createChangeTally } from "./summarize-changes.ts";

export interface RefreshOptions extends ClassifyOptions {
  /** Who caused the change (null: a rule or an import). */
  actorUserId?: string | null;
  /** The history source of what an import causes; otherwise rule / override. */
  source?: "import";
  /** Rules to apply instead of the ones in force (a save passes the version it just wrote). */
  rules?: SegmentRuleSet;
  policy?: InForce<TouchModelPolicy>;
}

type HistoryRow = typeof touchModelChanges.$inferInsert;

/**
 * Recomputes segment and touch model of the accounts in scope and writes what changed:
 * accounts are read in batches (locked), classified in TypeScript, and written back with one
 * set-based UPDATE per batch; every change of the effective touch model goes to the history.
 * Returns what changed (the same summary the preview computes).
 */
export async function refreshClassifications(
  tx: Queryable,
  workspace: Workspace,
  scope: "all" | readonly string[],
  options: RefreshOptions = {},
): Promise<ChangeSummary> {
  const rules = options.rules ?? (await readRulesInForce(tx, workspace.id, "segments")).definition;
  const policy = options.policy ?? (await readRulesInForce(tx, workspace.id, "touch_models"));
  const tally = createChangeTally();
  for await (const batch of readClassifiableAccounts(tx, workspace.id, scope, { lock: true })) {
    const updates: (Classification & { id: string })[] = [];
    const history: HistoryRow[] = [];
    for (const account of batch) {
      const { next, change } = classifyAccount(account, rules, policy, options);
      tally.add(account.ownerId, account, next);
      if (!sameClassification(account, next)) updates.push({ id: account.id, ...next });
      if (change) history.push(historyRow(workspace.id, account, change, options));
    }
    await writeClassifications(tx, workspace.id, updates);
    await recordTouchModelChanges(tx, history);
  }
  return tally.summary(scope === "all" ? await readOwnerNames(tx, workspace.id) : new Map());
}

function historyRow(
  workspaceId: string,
  account: ClassifiableAccount,
  change: TouchModelChange,
  options: RefreshOptions,
): HistoryRow {
  return {
    workspaceId,
    accountId: account.id,
    fromModel: change.from,
    toModel: change.to,
    source: options.source ?? change.kind,
    reason: change.reason,
    actorUserId: change.kind === "override" ? (options.actorUserId ?? null) : null,
  };
}

/** One UPDATE … FROM jsonb_to_recordset for the whole batch. */
export async function writeClassifications(
  tx: Queryable,
  workspaceId: string,
  rows: (Classification & { id: string })[],
) {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      segment: r.segment,
      segment_rule: r.segmentRule,
      touch_model: r.touchModel,
      touch_model_source: r.touchModelSource,
    })),
  );
  await tx.execute(sql`
    update accounts as a set
      segment = r.segment,
      segment_rule = r.segment_rule,
      touch_model = r.touch_model,
      touch_model_source = r.touch_model_source
    from jsonb_to_recordset(${json}::jsonb)
      as r(id uuid, segment text, segment_rule integer, touch_model text, touch_model_source text)
    where a.workspace_id = ${workspaceId} and a.id = r.id`);
}

/**
 * Appends to the touch-model history in one statement; clock time, so changes in one transaction
 * keep their order.
 */
export async function recordTouchModelChanges(tx: Queryable, rows: HistoryRow[]) {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      workspace_id: r.workspaceId,
      account_id: r.accountId,
      from_model: r.fromModel ?? null,
      to_model: r.toModel,
      source: r.source,
      reason: r.reason,
      actor_user_id: r.actorUserId ?? null,
    })),
  );
  await tx.execute(sql`
    insert into touch_model_changes
      (workspace_id, account_id, from_model, to_model, source, reason, actor_user_id, changed_at)
    select r.workspace_id, r.account_id, r.from_model, r.to_model, r.source, r.reason, r.actor_user_id,
      clock_timestamp()
    from jsonb_to_recordset(${json}::jsonb) as r(workspace_id uuid, account_id uuid, from_model text,
      to_model text, source text, reason text, actor_user_id text)`);
  // A switch (not the first assignment) also goes on the account's timeline, next to the notes.
  await tx.execute(sql`
    insert into timeline_entries (workspace_id, account_id, kind, title, body, actor_user_id, data, occurred_at)
    select r.workspace_id, r.account_id, 'touch_model', 'Touch model ' || r.from_model || ' → ' || r.to_model, r.reason,
      r.actor_user_id, jsonb_build_object('from', r.from_model, 'to', r.to_model, 'source', r.source), clock_timestamp()
    from jsonb_to_recordset(${json}::jsonb) as r(workspace_id uuid, account_id uuid, from_model text,
      to_model text, source text, reason text, actor_user_id text)
    where r.from_model is not null`);
}
