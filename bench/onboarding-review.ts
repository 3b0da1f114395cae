/**
 * How fast the onboarding overview answers and how long the daily follow-up review takes on a
 * large workspace, on the embedded database and (with DATABASE_URL or TEST_DATABASE_URL) on a
 * PostgreSQL server. References measured in the same run: a bare page of onboardings for the
 * overview, and reading every running onboarding's tasks for the review (the least the review must do).
 *
 *   npx tsx bench/onboarding-review.ts [--accounts 10000] [--runs 30]
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { listDemoStaff } from "../src/demo/demo-data.ts";
import { generateOnboardings } from "../src/demo/generate-onboardings.ts";
import { generateAccounts } from "../src/demo/generate-workspace.ts";
import { reviewWorkspace } from "../src/follow-up/review-follow-ups.ts";
import { listOnboardings } from "../src/onboarding/list-onboardings.ts";
import { type OnboardingListQuery, onboardingListQuery } from "../src/onboarding/onboarding-schemas.ts";
import type { DatabaseTarget } from "../src/platform/config.ts";
import { inWorkspace, openDatabase, rowsOf } from "../src/platform/db/client.ts";
import { addStaffUser } from "../src/staff/staff-users.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";
import { machine, postgresServer, timeRuns, withFreshDatabase, withTempDataDir } from "./bench-support.ts";

const { values } = parseArgs({
  options: { accounts: { type: "string", default: "10000" }, runs: { type: "string", default: "30" } },
});
const accounts = Number(values.accounts);
const runs = Number(values.runs);

const scenarios: [string, Partial<OnboardingListQuery>][] = [
  ["overview: running, by status", {}],
  ["overview: overdue only", { status: "overdue" }],
  ["overview: all, search 'さくら'", { status: "all", q: "さくら" }],
  ["overview: running, page 20", { page: 20 }],
];

const line = (name: string, r: { p50: number; p95: number }, ref?: number) =>
  console.log(
    `  ${name.padEnd(36)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms${ref ? `  (${(r.p50 / ref).toFixed(1)}× reference)` : ""}`,
  );

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
    const t1 = performance.now();
    await inWorkspace(database.db, workspace.id, (tx) => generateOnboardings(tx, workspace, 7, new Date()));
    const [counts] = rowsOf<{ onboardings: number; open: number; tasks: number }>(
      await database.db.execute(
        sql`select count(*)::int as onboardings, count(*) filter (where completed_at is null)::int as open,
              (select count(*)::int from onboarding_tasks) as tasks from onboardings`,
      ),
    );
    console.log(
      `\n${label}: ${accounts} accounts in ${((t1 - t0) / 1000).toFixed(1)} s; ${counts!.onboardings} onboardings (${counts!.open} not completed, ${counts!.tasks} tasks) in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
    );
    await database.db.execute(sql`analyze`);

    const pageRef = await timeRuns(
      () =>
        inWorkspace(database.db, workspace.id, (tx) =>
          tx.execute(sql`select o.id, a.name from onboardings o join accounts a on a.id = o.account_id
          where o.workspace_id = ${workspace.id} and o.completed_at is null order by o.target_date limit 50`),
        ),
      runs,
    );
    line("reference: bare page of onboardings", pageRef);
    for (const [name, q] of scenarios) {
      const query = onboardingListQuery.parse(q);
      line(
        name,
        await timeRuns(
          () => inWorkspace(database.db, workspace.id, (tx) => listOnboardings(tx, workspace.id, query)),
          runs,
        ),
        pageRef.p50,
      );
    }

    const reviewRuns = Math.max(3, Math.round(runs / 6));
    const readRef = await timeRuns(
      () =>
        inWorkspace(database.db, workspace.id, (tx) =>
          tx.execute(sql`select t.onboarding_id, t.status, t.due_on from onboarding_tasks t
            join onboardings o on o.id = t.onboarding_id
            where o.workspace_id = ${workspace.id} and o.completed_at is null`),
        ),
      reviewRuns,
    );
    line("reference: read open plans' tasks", readRef);
    line(
      "daily review (refresh + follow-ups)",
      await timeRuns(
        () => inWorkspace(database.db, workspace.id, (tx) => reviewWorkspace(tx, workspace)),
        reviewRuns,
      ),
      readRef.p50,
    );
  } finally {
    await database.close();
  }
}

console.log(`onboarding benchmark — ${machine()}, ${runs} runs per query`);
await withTempDataDir("embark-bench-", (dir) =>
  benchOn({ kind: "pglite", dataDir: dir }, "embedded (PGlite)"),
);
const server = postgresServer();
if (server) await withFreshDatabase(server, (url) => benchOn({ kind: "postgres", url }, "PostgreSQL server"));
else console.log("\n(set DATABASE_URL to also measure a PostgreSQL server)");
