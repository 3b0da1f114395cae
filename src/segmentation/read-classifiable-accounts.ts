import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { accounts, memberships, users } from "../platform/db/schema.ts";
import type { TouchModel } from "../touch-models/touch-model-policy.ts";
import type { ClassifiableAccount, TouchModelSource } from "./classify-account.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accounts per read and per set-based write. */
export const BATCH_SIZE = 2_000;

const selection = {
  id: accounts.id,
  ownerId: accounts.ownerId,
  employees: accounts.employees,
  annualRevenue: accounts.annualRevenue,
  contractValue: accounts.contractValue,
  industry: accounts.industry,
  plan: accounts.plan,
  lifecyclePhase: accounts.lifecyclePhase,
  usageFrequency: accounts.usageFrequency,
  custom: accounts.custom,
  segment: accounts.segment,
  segmentRule: accounts.segmentRule,
  touchModel: accounts.touchModel,
  touchModelSource: accounts.touchModelSource,
  touchModelOverride: accounts.touchModelOverride,
};

type Row = { [K in keyof typeof selection]: (typeof selection)[K]["_"]["data"] | null };

function toClassifiable(r: Row): ClassifiableAccount {
  return {
    id: r.id!,
    ownerId: r.ownerId,
    facts: {
      employees: r.employees,
      annualRevenue: r.annualRevenue,
      contractValue: r.contractValue,
      industry: r.industry,
      plan: r.plan,
      lifecyclePhase: r.lifecyclePhase,
      usageFrequency: r.usageFrequency,
      custom: r.custom ?? {},
    },
    segment: r.segment,
    segmentRule: r.segmentRule,
    touchModel: r.touchModel as TouchModel | null,
    touchModelSource: r.touchModelSource as TouchModelSource | null,
    touchModelOverride: r.touchModelOverride as TouchModel | null,
  };
}

/**
 * Reads the accounts (all of the workspace, or the ids given) in batches ordered by id, locking
 * them for update when `lock` is set so a concurrent edit cannot slip between read and write.
 */
export async function* readClassifiableAccounts(
  tx: Queryable,
  workspaceId: string,
  scope: "all" | readonly string[],
  options: { lock: boolean },
): AsyncGenerator<ClassifiableAccount[]> {
  const read = (where: SQL) => {
    const q = tx.select(selection).from(accounts).where(where).orderBy(asc(accounts.id)).limit(BATCH_SIZE);
    return options.lock ? q.for("update") : q;
  };
  const inWorkspace = eq(accounts.workspaceId, workspaceId);
  if (scope === "all") {
    let after: string | null = null;
    for (;;) {
      const rows: Row[] = await read(after ? and(inWorkspace, gt(accounts.id, after))! : inWorkspace);
      if (rows.length === 0) return;
      yield rows.map(toClassifiable);
      if (rows.length < BATCH_SIZE) return;
      after = rows[rows.length - 1]!.id;
    }
  }
  const ids = [...new Set(scope)].filter((id) => uuid.test(id)).sort();
  for (let i = 0; i < ids.length; i += BATCH_SIZE) {
    const rows: Row[] = await read(and(inWorkspace, inArray(accounts.id, ids.slice(i, i + BATCH_SIZE)))!);
    if (rows.length > 0) yield rows.map(toClassifiable);
  }
}

/** Staff names by user id, for the per-CSM load. */
export async function readOwnerNames(tx: Queryable, workspaceId: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId));
  const names = new Map(rows.map((r) => [r.id, r.name]));
  // Owners who left the workspace keep their accounts until reassigned; name them too.
  const missing = await tx
    .selectDistinct({ id: users.id, name: users.name })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.ownerId))
    .where(and(eq(accounts.workspaceId, workspaceId), sql`${accounts.ownerId} is not null`));
  for (const r of missing) if (!names.has(r.id)) names.set(r.id, r.name);
  return names;
}
