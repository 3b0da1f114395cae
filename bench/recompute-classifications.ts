/**
 * Measures reclassifying a workspace (not a test; prints figures):
 *
 *   npx tsx src/segmentation/measure-recompute.ts [--accounts 10000] [--postgres postgres://…/db]
 *
 * Builds a fresh workspace of generated accounts (in-memory PGlite, or a new database on the server
 * given), then times: the first classification (every account written, with its history entry), a
 * preview of changed rules, saving them, and a recompute that changes nothing.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { listDemoStaff } from "../src/demo/demo-data.ts";
import { generateAccounts } from "../src/demo/generate-workspace.ts";
import { inWorkspace, openDatabase } from "../src/platform/db/client.ts";
import { previewSegmentRules } from "../src/segmentation/preview-segment-rules.ts";
import { refreshClassifications } from "../src/segmentation/refresh-classifications.ts";
import { saveSegmentRules } from "../src/segmentation/save-segment-rules.ts";
import type { SegmentRuleSet } from "../src/segmentation/segment-rules.ts";
import { addStaffUser } from "../src/staff/staff-users.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";

const { values } = parseArgs({
  options: { accounts: { type: "string", default: "10000" }, postgres: { type: "string" } },
});
const count = Number(values.accounts);

async function targetDatabase() {
  if (!values.postgres)
    return { target: { kind: "pglite" as const, dataDir: "memory://" }, drop: async () => {} };
  const name = `embark_measure_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(values.postgres);
  url.pathname = `/${name}`;
  return {
    target: { kind: "postgres" as const, url: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: values.postgres });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const changed: SegmentRuleSet = {
  rules: [
    { segment: "enterprise", conditions: [{ field: "contractValue", op: "gte", value: 5_000_000 }] },
    { segment: "enterprise", conditions: [{ field: "employees", op: "gte", value: 2000 }] },
    { segment: "mid_market", conditions: [{ field: "plan", op: "in", value: ["premium", "middle"] }] },
    { segment: "mid_market", conditions: [{ field: "custom.region", op: "eq", value: "関西" }] },
  ],
  fallback: "small",
};

async function main() {
  const { target, drop } = await targetDatabase();
  const database = await openDatabase(target);
  try {
    await database.migrate();
    const db = database.db;
    const workspace = await createWorkspace(db, { slug: "measure", name: "Measure" });
    const ownerIds: string[] = [];
    for (const member of listDemoStaff().filter((m) => m.role === "csm"))
      ownerIds.push((await addStaffUser(db, workspace.id, member, { canSignIn: false })).userId);
    await generateAccounts(db, workspace.id, { accounts: count, ownerIds, seed: 7 });
    const time = async <T>(label: string, fn: () => Promise<T>) => {
      const started = performance.now();
      const result = await fn();
      console.log(
        `${target.kind} ${count} accounts — ${label}: ${Math.round(performance.now() - started)} ms`,
      );
      return result;
    };
    const first = await time("first classification (all written + history)", () =>
      inWorkspace(db, workspace.id, (tx) => refreshClassifications(tx, workspace, "all")),
    );
    const preview = await time("preview of changed rules", () =>
      inWorkspace(db, workspace.id, (tx) => previewSegmentRules(tx, workspace, changed)),
    );
    const saved = await time("save changed rules (recompute)", () =>
      inWorkspace(db, workspace.id, (tx) => saveSegmentRules(tx, workspace, changed, null)),
    );
    await time("recompute, nothing changes", () =>
      inWorkspace(db, workspace.id, (tx) => refreshClassifications(tx, workspace, "all")),
    );
    console.log(
      `classified ${first.total}; the change moved ${saved.summary.segmentChanges} accounts (preview said ${preview.segmentChanges}), ${saved.summary.touchModelChanges} touch models`,
    );
  } finally {
    await database.close();
    await drop();
  }
}

await main();
