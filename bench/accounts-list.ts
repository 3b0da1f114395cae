/**
 * How fast the accounts list answers on a large workspace, on the embedded database and (with
 * DATABASE_URL or TEST_DATABASE_URL) on a PostgreSQL server. The reference is the floor: the
 * cheapest query that returns a page of account names, measured in the same run.
 *
 *   npm run bench:accounts -- [--accounts 10000] [--runs 40]
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { type AccountListQuery, accountListQuery, listAccounts } from "../src/accounts/accounts.ts";
import { listDemoStaff } from "../src/demo/demo-data.ts";
import { generateAccounts } from "../src/demo/generate-workspace.ts";
import type { DatabaseTarget } from "../src/platform/config.ts";
import { inWorkspace, openDatabase } from "../src/platform/db/client.ts";
import { addStaffUser } from "../src/staff/staff-users.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";
import { machine, postgresServer, timeRuns, withFreshDatabase, withTempDataDir } from "./bench-support.ts";

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
    const reference = await timeRuns(
      () =>
        inWorkspace(database.db, workspace.id, (tx) =>
          tx.execute(
            sql`select id, name from accounts where workspace_id = ${workspace.id} order by name limit 50`,
          ),
        ),
      runs,
    );
    console.log(
      `  ${"reference: bare page of names".padEnd(36)} p50 ${reference.p50.toFixed(1)} ms  p95 ${reference.p95.toFixed(1)} ms`,
    );
    for (const [name, q] of scenarios) {
      const query = accountListQuery.parse(name.startsWith("owner") ? { ...q, ownerId: owners[0] } : q);
      const r = await timeRuns(
        () => inWorkspace(database.db, workspace.id, (tx) => listAccounts(tx, workspace.id, query)),
        runs,
      );
      console.log(
        `  ${name.padEnd(36)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (${(r.p50 / reference.p50).toFixed(1)}× reference)`,
      );
    }
  } finally {
    await database.close();
  }
}

console.log(`accounts list benchmark — ${machine()}, ${runs} runs per query`);
await withTempDataDir("embark-bench-", (dir) =>
  benchOn({ kind: "pglite", dataDir: dir }, "embedded (PGlite)"),
);
const server = postgresServer();
if (server) await withFreshDatabase(server, (url) => benchOn({ kind: "postgres", url }, "PostgreSQL server"));
else console.log("\n(set DATABASE_URL to also measure a PostgreSQL server)");
