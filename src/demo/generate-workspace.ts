import { randomUUID } from "node:crypto";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { accounts, contacts } from "../platform/db/schema.ts";
import { chooseOwner, type DemoAccount, generateDemoAccounts } from "./demo-data.ts";
import { insertRows } from "./insert-rows.ts";

export interface GenerateAccountsOptions {
  /** How many accounts to write. */
  accounts: number;
  seed?: number;
  /** The moment the data is "as of": no date lies after it. */
  now?: Date;
  /** The CSMs to own the accounts (unevenly: the first one carries the most). */
  ownerIds: string[];
  /** Number of the first account (ACC-000001 by default); lets a second run add more accounts. */
  firstNumber?: number;
  onProgress?: (done: number, total: number) => void;
  /** Batches written at the same time (default 1). Only for a pooled `db`, not a transaction. */
  concurrency?: number;
}

export interface GeneratedCounts {
  accounts: number;
  contacts: number;
}

type AccountRow = typeof accounts.$inferInsert;
type ContactRow = typeof contacts.$inferInsert;

/** Accounts per batch: one statement for them and one for their contacts (one bind parameter each). */
const ACCOUNTS_PER_STATEMENT = 1_000;

/**
 * Writes `options.accounts` generated accounts with their contacts into a workspace, in set-based
 * inserts of 1,000 accounts (see insertRows); each batch (accounts and their contacts) is one transaction.
 * With `concurrency` > 1, that many batches are written at once (on a connection pool; never on a
 * transaction passed as `db`, whose statements must run one after another).
 */
export async function generateAccounts(
  db: Db,
  workspaceId: string,
  options: GenerateAccountsOptions,
): Promise<GeneratedCounts> {
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  const first = options.firstNumber ?? 1;
  const offsets = Array.from(
    { length: Math.ceil(options.accounts / ACCOUNTS_PER_STATEMENT) },
    (_, i) => i * ACCOUNTS_PER_STATEMENT,
  );
  const written: GeneratedCounts = { accounts: 0, contacts: 0 };
  let failed = false;
  const writeNextBatches = async () => {
    for (let offset = offsets.shift(); offset !== undefined && !failed; offset = offsets.shift()) {
      const count = Math.min(ACCOUNTS_PER_STATEMENT, options.accounts - offset);
      const batch = generateDemoAccounts({ count, seed, now, firstNumber: first + offset });
      const rows = buildRows(batch, workspaceId, options.ownerIds);
      await writeBatch(db, workspaceId, rows).catch((err: unknown) => {
        failed = true;
        throw err;
      });
      written.accounts += rows.accounts.length;
      written.contacts += rows.contacts.length;
      options.onProgress?.(written.accounts, options.accounts);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, writeNextBatches));
  return written;
}

function buildRows(batch: DemoAccount[], workspaceId: string, ownerIds: readonly string[]) {
  const accountRows: AccountRow[] = [];
  const contactRows: ContactRow[] = [];
  for (const demo of batch) {
    const accountId = randomUUID();
    accountRows.push(buildAccountRow(demo, accountId, workspaceId, chooseOwner(demo, ownerIds)));
    for (const c of demo.contacts) contactRows.push({ id: randomUUID(), workspaceId, accountId, ...c });
  }
  return { accounts: accountRows, contacts: contactRows };
}

function buildAccountRow(
  demo: DemoAccount,
  id: string,
  workspaceId: string,
  ownerId: string | null,
): AccountRow {
  return {
    id,
    workspaceId,
    externalId: demo.externalId,
    name: demo.name,
    groupId: demo.groupId,
    industry: demo.industry,
    employees: demo.employees,
    annualRevenue: demo.annualRevenue,
    plan: demo.plan,
    contractStart: demo.contractStart,
    contractValue: demo.contractValue,
    ownerId,
    lifecyclePhase: demo.lifecyclePhase,
    churnedAt: demo.churnedAt,
    churnReason: demo.churnReason,
    custom: demo.custom,
  };
}

async function writeBatch(
  db: Db,
  workspaceId: string,
  rows: { accounts: AccountRow[]; contacts: ContactRow[] },
) {
  await inWorkspace(db, workspaceId, async (tx) => {
    await insertRows(tx, accounts, rows.accounts);
    await insertRows(tx, contacts, rows.contacts);
  });
}
