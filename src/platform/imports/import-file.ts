import { readFile } from "node:fs/promises";
import { importAccounts } from "../../accounts/import-accounts.ts";
import { importContacts } from "../../accounts/import-contacts.ts";
import { importEventsFile } from "../../events/import-events.ts";
import { importOnboardings } from "../../onboarding/import-onboardings.ts";
import { importSeminarInvitations } from "../../seminars/import-seminar-invitations.ts";
import { importInquiries } from "../../support/import-inquiries.ts";
import { importSurveyResponses } from "../../surveys/import-survey-responses.ts";
import type { Workspace } from "../../workspaces/workspaces.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../http/errors.ts";
import type { CsvTable } from "./csv-rows.ts";
import type { ImportResult, Progress } from "./import-result.ts";
import { readTable } from "./read-table.ts";

type Importer = (
  db: Db,
  workspace: Workspace,
  table: CsvTable,
  onProgress?: Progress,
) => Promise<ImportResult>;

const importers: Record<string, Importer> = {
  accounts: importAccounts,
  contacts: importContacts,
  onboardings: importOnboardings,
  "seminar-invitations": importSeminarInvitations,
  "survey-responses": importSurveyResponses,
  inquiries: importInquiries,
};

export const importKinds = Object.keys(importers);
/** Kinds only the command line imports: usage events are a stream of NDJSON lines, not a table. */
const fileOnlyKinds = ["events"];

export function assertImportKind(kind: string, allowed = importKinds) {
  if (!allowed.includes(kind))
    throw new AppError(
      "validation_failed",
      `Unknown import kind "${kind}"; use one of ${allowed.join(", ")}`,
    );
}

export function importTable(
  db: Db,
  workspace: Workspace,
  kind: string,
  table: CsvTable,
  onProgress?: Progress,
) {
  assertImportKind(kind);
  return importers[kind]!(db, workspace, table, onProgress);
}

/** Imports a local CSV or .xlsx file (what `embark import KIND FILE` does). */
export async function importFile(
  db: Db,
  workspace: Workspace,
  kind: string,
  file: string,
  onProgress?: Progress,
): Promise<ImportResult> {
  assertImportKind(kind, [...importKinds, ...fileOnlyKinds]);
  if (kind === "events") return importEventsFile(db, workspace, file, onProgress);
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    throw new AppError("not_found", `Cannot read ${file}`);
  }
  return importTable(db, workspace, kind, await readTable(data, file), onProgress);
}

export function formatImportResult(result: ImportResult): string[] {
  return [
    `${result.kind}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected.length} rejected`,
    ...result.rejected.map((r) => `line ${r.line}: ${r.reason}`),
  ];
}
