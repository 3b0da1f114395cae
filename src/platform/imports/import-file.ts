import { readFile } from "node:fs/promises";
import { importAccounts } from "../../accounts/import-accounts.ts";
import { importContacts } from "../../accounts/import-contacts.ts";
import type { Workspace } from "../../workspaces/workspaces.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../http/errors.ts";
import { type CsvTable, parseCsv } from "./csv-rows.ts";
import type { ImportResult, Progress } from "./import-result.ts";

type Importer = (
  db: Db,
  workspace: Workspace,
  table: CsvTable,
  onProgress?: Progress,
) => Promise<ImportResult>;

const importers: Record<string, Importer> = {
  accounts: importAccounts,
  contacts: importContacts,
};

export const importKinds = Object.keys(importers);

export async function importFile(
  db: Db,
  workspace: Workspace,
  kind: string,
  file: string,
  onProgress?: Progress,
): Promise<ImportResult> {
  const importer = importers[kind];
  if (!importer)
    throw new AppError(
      "validation_failed",
      `Unknown import kind "${kind}"; use one of ${importKinds.join(", ")}`,
    );
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new AppError("not_found", `Cannot read ${file}`);
  }
  return importer(db, workspace, parseCsv(text), onProgress);
}

export function formatImportResult(result: ImportResult): string[] {
  return [
    `${result.kind}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected.length} rejected`,
    ...result.rejected.map((r) => `line ${r.line}: ${r.reason}`),
  ];
}
