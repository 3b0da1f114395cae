/**
 * How fast the accounts list answers on a large workspace, on the embedded database and (with
 * DATABASE_URL or TEST_DATABASE_URL) on a PostgreSQL server. The reference is the floor: the
 * cheapest query that returns a page of account names, measured in the same run.
 *
 *   npx tsx bench/accounts-list.bench.ts [--accounts 10000] [--runs 40]
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type AccountListQuery, accountListQuery, listAccounts } from "../src/accounts/accounts.ts";
import { listDemoStaff } from "../src/demo/demo-data.ts";
import { generateAccounts } from "../src/demo/generate-workspace.ts";
import type { DatabaseTarget } from "../src/platform/config.ts";
import { inWorkspace, openDatabase } from "../src/platform/db/client.ts";
import { addStaffUser } from "../src/staff/staff-users.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";

const { values } = parseArgs({
  options: { accounts: { type: "string", default: "10000" }, runs: { type: "string", default: "40" } },
});
const accounts = Number(values.accounts);
const runs = Number(values.runs);

const scenarios: [string, Partial<AccountListQuery>][] = [
  ["first page, by name", {}],
  ["search 'さくら'", { q: "さくら" }],
  ["plan=premium, by employees desc", { plan: "premium", sort: "employees", order: "desc" }],
  ["page 100 of 50", { page: 100 }],
  ["owner filter, by updated", { sort: "updatedAt", order: "desc" }],
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function time(fn: () => Promise<unknown>) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function benchOn(target: DatabaseTarget, label: string) {
  const database = await openDatabase(target);
  try {
    await database.migrate();
    const workspace = await createWorkspace(database.db, { slug: `bench-${Date.now()}`, name: "bench" });
    const owners: string[] = [];
    for (const m of listDemoStaff(`${workspace.slug}.example`).filter((s) => s.role === "csm"))
      owners.push((await addStaffUser(database.db, workspace.id, m, { canSignIn: false })).userId);
    const t0 = performance.now();
    await generateAccounts(database.db, workspace.id, {
      accounts,
      ownerIds: owners,
      concurrency: target.kind === "postgres" ? 4 : 1,
    });
    console.log(
      `\n${label}: ${accounts} accounts generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    await database.db.execute(sql`analyze`);
    const reference = await time(() =>
      inWorkspace(database.db, workspace.id, (tx) =>
        tx.execute(
          sql`select id, name from accounts where workspace_id = ${workspace.id} order by name limit 50`,
        ),
      ),
    );
    console.log(
      `  ${"reference: bare page of names".padEnd(36)} p50 ${reference.p50.toFixed(1)} ms  p95 ${reference.p95.toFixed(1)} ms`,
    );
    for (const [name, q] of scenarios) {
      const query = accountListQuery.parse(name.startsWith("owner") ? { ...q, ownerId: owners[0] } : q);
      const r = await time(() =>
        inWorkspace(database.db, workspace.id, (tx) => listAccounts(tx, workspace.id, query)),
      );
      console.log(
        `  ${name.padEnd(36)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (${(r.p50 / reference.p50).toFixed(1)}× reference)`,
      );
    }
  } finally {
    await database.close();
  }
}

console.log(
  `accounts list benchmark — ${os.cpus().length}× ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${runs} runs per query`,
);
const dir = mkdtempSync(path.join(os.tmpdir(), "embark-bench-"));
try {
  await benchOn({ kind: "pglite", dataDir: dir }, "embedded (PGlite)");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const server = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (server) {
  const name = `embark_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    await benchOn({ kind: "postgres", url: url.toString() }, "PostgreSQL server");
  } finally {
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
} else console.log("\n(set DATABASE_URL to also measure a PostgreSQL server)");
