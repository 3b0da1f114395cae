/**
 * Fills a new workspace with generated customer accounts, to try Embark at scale.
 *
 *   npx tsx bench/generate-large-workspace.ts --accounts 100000 [--workspace big] [--seed 1] [--concurrency 4]
 *
 * Uses the configured database (DATABASE_URL, else the embedded one in EMBARK_DATA_DIR) and
 * prints progress, the elapsed time and accounts per second. On PostgreSQL, `--concurrency` batches
 * are written at once over the connection pool (the embedded database writes one at a time).
 */
import { parseArgs } from "node:util";
import { listDemoStaff } from "../src/demo/demo-data.ts";
import { generateAccounts } from "../src/demo/generate-workspace.ts";
import { loadConfig } from "../src/platform/config.ts";
import { openDatabase } from "../src/platform/db/client.ts";
import { refreshClassifications } from "../src/segmentation/refresh-classifications.ts";
import { addStaffUser } from "../src/staff/staff-users.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";

function readOptions() {
  const { values } = parseArgs({
    options: {
      accounts: { type: "string", default: "100000" },
      workspace: { type: "string" },
      seed: { type: "string", default: "1" },
      concurrency: { type: "string", default: "4" },
    },
  });
  const accounts = Number(values.accounts);
  const seed = Number(values.seed);
  if (!Number.isInteger(accounts) || accounts < 1) throw new Error(`--accounts must be a positive integer`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`--concurrency must be a positive integer`);
  return { accounts, seed, concurrency, slug: values.workspace ?? `big-${accounts}` };
}

async function main() {
  const options = readOptions();
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    const workspace = await createWorkspace(database.db, {
      slug: options.slug,
      name: `Large workspace ${options.slug}`,
    });
    const ownerIds: string[] = [];
    for (const member of listDemoStaff(`${options.slug}.embark.example`).filter((m) => m.role === "csm")) {
      const added = await addStaffUser(database.db, workspace.id, member, { canSignIn: false });
      ownerIds.push(added.userId);
    }
    console.log(`${config.database.kind}: generating ${options.accounts} accounts into "${options.slug}"…`);
    const started = performance.now();
    let lastPrinted = 0;
    const written = await generateAccounts(database.db, workspace.id, {
      accounts: options.accounts,
      seed: options.seed,
      ownerIds,
      concurrency: config.database.kind === "postgres" ? options.concurrency : 1,
      onProgress: (done, total) => {
        if (done - lastPrinted < total / 10 && done !== total) return;
        lastPrinted = done;
        const seconds = (performance.now() - started) / 1000;
        console.log(`  ${done}/${total} accounts (${seconds.toFixed(1)} s)`);
      },
    });
    const classifying = performance.now();
    await refreshClassifications(database.db, workspace, "all");
    console.log(
      `  segments and touch models computed in ${((performance.now() - classifying) / 1000).toFixed(1)} s`,
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${written.accounts} accounts and ${written.contacts} contacts in ${seconds.toFixed(1)} s: ` +
        `${Math.round(written.accounts / seconds)} accounts/s, ${Math.round(written.contacts / seconds)} contacts/s`,
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
