import { Command, InvalidArgumentError, Option } from "commander";
import { progressBar } from "./cli/progress.ts";
import { describeError, fail, type GlobalOptions, withWorkspace } from "./cli/run-command.ts";
import type { KpiFilterQuery } from "./kpis/kpi-filters.ts";
import { loadConfig } from "./platform/config.ts";
import { openMigratedDatabase } from "./platform/db/client.ts";
import { roles } from "./platform/db/schema.ts";
import { validationFailed } from "./platform/http/errors.ts";
import { changeSettings, formatSetting, settingKeys } from "./workspaces/workspace-settings.ts";
import { countWorkspace, formatStats } from "./workspaces/workspace-stats.ts";
import { getWriteKey, rotateWriteKey, updateSettings } from "./workspaces/workspaces.ts";

const program = new Command("embark")
  .description("Embark: customer onboarding for Customer Success teams")
  .option("--data-dir <dir>", "embedded database directory (default $EMBARK_DATA_DIR or ./embark-data)")
  .option("--workspace <slug>", "the workspace to act on (default: the only one, or 'default')")
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(`embark: ${str.replace(/^error: /, "").trim()}\n`) })
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 1));

const globals = (): GlobalOptions => program.opts<GlobalOptions>();
const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("must be a port number");
  return n;
};

program
  .command("start")
  .description("serve the web app and API (what `npm start` runs)")
  .option("--port <n>", "port (default $PORT or 8080)", port)
  .option("--demo", "create the demo workspace if it does not exist")
  .option("--no-demo", "never create the demo workspace")
  .action(async (opts: { port?: number; demo?: boolean }) => {
    const { startCommand } = await import("./cli/start-command.ts");
    await startCommand({ ...globals(), ...opts });
  });

program
  .command("migrate")
  .description("apply database migrations")
  .action(async () => {
    try {
      const database = await openMigratedDatabase(loadConfig({ dataDir: globals().dataDir }));
      await database.close();
      console.log(`migrations applied (${database.kind})`);
    } catch (err) {
      fail(describeError(err));
    }
  });

program
  .command("import")
  .description(
    "import a CSV file: accounts, contacts, onboardings, seminar-invitations, survey-responses, inquiries",
  )
  .argument("<kind>", "what the file holds")
  .argument("<file>", "the file")
  .action((kind: string, file: string) =>
    withWorkspace(globals(), async (database, workspace) => {
      const { formatImportResult, importFile } = await import("./platform/imports/import-file.ts");
      const bar = progressBar(`importing ${kind}`);
      const result = await importFile(database.db, workspace, kind, file, bar.update).finally(bar.stop);
      for (const line of formatImportResult(result)) console.log(line);
      if (result.rejected.length > 0) process.exitCode = 1;
    }),
  );

const config = program.command("config").description("workspace settings");
config
  .command("set")
  .argument("<key>", `one of ${settingKeys.join(", ")}`)
  .argument("<value>")
  .action((key: string, value: string) =>
    withWorkspace(globals(), async (database, workspace) => {
      if (!settingKeys.includes(key as (typeof settingKeys)[number]))
        fail(`unknown setting "${key}"; settings are ${settingKeys.join(", ")}`);
      const result = changeSettings(workspace.settings, { [key]: value });
      if (!result.success) throw validationFailed(result.error, `The value of ${key}`);
      await updateSettings(database.db, workspace, result.data);
      console.log(`${key}=${formatSetting(result.data[key as (typeof settingKeys)[number]])}`);
    }),
  );
config
  .command("get")
  .argument("[key]")
  .action((key: string | undefined) =>
    withWorkspace(globals(), async (_database, workspace) => {
      if (key && !settingKeys.includes(key as (typeof settingKeys)[number]))
        fail(`unknown setting "${key}"; settings are ${settingKeys.join(", ")}`);
      for (const k of key ? [key as (typeof settingKeys)[number]] : settingKeys)
        console.log(
          key ? formatSetting(workspace.settings[k]) : `${k}=${formatSetting(workspace.settings[k])}`,
        );
    }),
  );

program
  .command("kpi")
  .description("the onboarding KPIs of a period (default: the current month)")
  .option("--from <date>", "first day, YYYY-MM-DD in the workspace time zone")
  .option("--to <date>", "day after the last, YYYY-MM-DD (exclusive)")
  .option("--as-of <instant>", "evaluate as at this ISO-8601 instant (default now)")
  .option("--by <dim>", "break down by segment, touch_model, plan, industry, owner or cohort_month")
  .option("--segment <keys>", "only accounts in these segments (comma-separated; none: without one)")
  .option("--touch-model <models>", "only accounts with these touch models (comma-separated; none)")
  .option("--owner <emails>", "only accounts these CSMs own, by e-mail (comma-separated; none)")
  .option("--plan <plans>", "only accounts on these plans (comma-separated; none)")
  .option("--json", "the KPI JSON")
  .action(
    (opts: { from?: string; to?: string; asOf?: string; by?: string; json?: boolean } & KpiFilterQuery) =>
      withWorkspace(globals(), async (database, workspace) => {
        const { computeKpis } = await import("./kpis/compute-kpis.ts");
        const { formatKpiTable } = await import("./kpis/kpi-table.ts");
        const result = await computeKpis(database.db, workspace, opts);
        console.log(opts.json ? JSON.stringify(result, null, 2) : formatKpiTable(result));
      }),
  );

program
  .command("report")
  .description(
    "the monthly KPI report to share: KPIs, targets, trends, breakdowns, notable changes, comments",
  )
  .requiredOption("--month <YYYY-MM>", "the month, in the workspace time zone")
  .option("--format <format>", "html, md, csv or xlsx", "html")
  .option("--out <file>", "write to this file (default: stdout; xlsx: embark-report-YYYY-MM.xlsx)")
  .option("--lang <lang>", "ja or en (default: the workspace's mail.language)")
  .option("--as-of <instant>", "evaluate as at this ISO-8601 instant (default now)")
  .action(async (opts: { month: string; format: string; out?: string; lang?: string; asOf?: string }) => {
    const { checkReportOptions, reportCommand } = await import("./reports/report-command.ts");
    try {
      checkReportOptions(opts);
    } catch (err) {
      fail(describeError(err));
    }
    await withWorkspace(globals(), (database, workspace) => reportCommand(database, workspace, opts));
  });

program
  .command("users")
  .description("staff users")
  .command("add")
  .argument("<email>")
  .option("--name <name>")
  .addOption(new Option("--role <role>").choices(roles).default("csm"))
  .option("--password <password>", "at least 8 characters; generated and printed when omitted")
  .action((email: string, opts: { name?: string; role: (typeof roles)[number]; password?: string }) =>
    withWorkspace(globals(), async (database, workspace) => {
      const { addStaffUser } = await import("./staff/staff-users.ts");
      const added = await addStaffUser(database.db, workspace.id, { email, ...opts });
      console.log(
        `${added.created ? "added" : "updated"} ${added.email} as ${opts.role} in workspace ${workspace.slug}` +
          (opts.password ? "" : `; password: ${added.password}`),
      );
    }),
  );

program
  .command("token")
  .description("API tokens")
  .command("create")
  .option("--name <name>", "what the token is for", "cli")
  .action((opts: { name: string }) =>
    withWorkspace(globals(), async (database, workspace) => {
      const { createApiToken } = await import("./platform/auth/api-tokens.ts");
      const { token } = await createApiToken(database.db, {
        workspaceId: workspace.id,
        name: opts.name,
        role: "admin",
      });
      console.log(token);
    }),
  );

program
  .command("write-key")
  .description("print the workspace's ingestion write key")
  .option("--rotate", "replace it with a new one (the old one stops working)")
  .action((opts: { rotate?: boolean }) =>
    withWorkspace(globals(), async (database, workspace) => {
      console.log(
        opts.rotate
          ? await rotateWriteKey(database.db, workspace.id)
          : await getWriteKey(database.db, workspace.id),
      );
    }),
  );

program
  .command("stats")
  .description("how much the workspace holds")
  .option("--json", "as JSON")
  .action((opts: { json?: boolean }) =>
    withWorkspace(globals(), async (database, workspace) => {
      const stats = await countWorkspace(database.db, workspace.id);
      console.log(opts.json ? JSON.stringify(stats) : formatStats(workspace.slug, stats));
    }),
  );

await program.parseAsync(process.argv);
