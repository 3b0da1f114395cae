import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "../platform/db/client.ts";
import { AppError } from "../platform/http/errors.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { buildMonthlyReport } from "./build-monthly-report.ts";
import { parseReportFormat, renderReport, reportFileName } from "./render-report.ts";
import { type ReportLanguage, reportLanguages } from "./report-model.ts";
import { parseReportMonth } from "./report-month.ts";

export interface ReportCommandOptions {
  month?: string;
  format?: string;
  out?: string;
  lang?: string;
  asOf?: string;
}

/** Checks the options before the database is opened, so a typo fails at once. */
export function checkReportOptions(opts: ReportCommandOptions) {
  const month = parseReportMonth(opts.month);
  const format = parseReportFormat(opts.format);
  if (opts.lang !== undefined && !(reportLanguages as readonly string[]).includes(opts.lang))
    throw new AppError("validation_failed", `lang must be ja or en, not "${opts.lang.slice(0, 40)}"`);
  return { month, format };
}

/**
 * `embark report`: the text formats go to stdout unless `--out` names a file; xlsx is always a file
 * (`--out`, else embark-report-YYYY-MM.xlsx in the current directory), whose path is printed.
 */
export async function reportCommand(database: Database, workspace: Workspace, opts: ReportCommandOptions) {
  const { month, format } = checkReportOptions(opts);
  const report = await buildMonthlyReport(database.db, workspace, {
    month,
    lang: opts.lang as ReportLanguage | undefined,
    asOf: opts.asOf,
  });
  const body = await renderReport(report, format);
  const out = opts.out ?? (format === "xlsx" ? reportFileName(month, format) : undefined);
  if (out === undefined || out === "-") {
    process.stdout.write(body);
    return;
  }
  await writeFile(out, body);
  console.log(`wrote ${path.resolve(out)}`);
}
