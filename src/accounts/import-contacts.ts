import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { accounts, contacts } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { CellError, Cells } from "../platform/imports/cells.ts";
import type { CsvTable } from "../platform/imports/csv-rows.ts";
import { chunk, emptyResult, type ImportResult, type Progress } from "../platform/imports/import-result.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { contactRoles, literacyLevels, normalizeChoice } from "./account-fields.ts";

const contactColumnsInFile = ["account_external_id", "email", "name", "role", "literacy"] as const;
const optional = { name: "name", role: "role", literacy: "literacy" } as const;

/** Imports the contacts CSV of CONTRACT.md: upsert by e-mail within the workspace. */
export async function importContacts(
  db: Db,
  workspace: Workspace,
  table: CsvTable,
  onProgress?: Progress,
): Promise<ImportResult> {
  const result = emptyResult("contacts");
  const unknown = table.columns.filter((c) => !(contactColumnsInFile as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new AppError(
      "validation_failed",
      `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}; contacts take ${contactColumnsInFile.join(", ")}`,
    );
  for (const col of ["account_external_id", "email"])
    if (!table.columns.includes(col))
      throw new AppError("validation_failed", `The file has no "${col}" column`);

  const externalIds = [
    ...new Set(table.rows.map((r) => r.values.account_external_id).filter(Boolean)),
  ] as string[];
  const accountIds = new Map<string, string>();
  for (const ids of chunk(externalIds, 5000)) {
    const found = await inWorkspace(db, workspace.id, (tx) =>
      tx
        .select({ id: accounts.id, externalId: accounts.externalId })
        .from(accounts)
        .where(and(eq(accounts.workspaceId, workspace.id), inArray(accounts.externalId, ids))),
    );
    for (const a of found) accountIds.set(a.externalId, a.id);
  }

  const rows: (typeof contacts.$inferInsert)[] = [];
  const seen = new Map<string, number>();
  for (const { line, values, extraCells } of table.rows) {
    try {
      if (extraCells) throw new CellError("row", "has more cells than the header has columns");
      const cells = new Cells(values, workspace.settings.timezone);
      const externalId = cells.required("account_external_id");
      const accountId = accountIds.get(externalId);
      if (!accountId)
        throw new CellError("account_external_id", `no account has external_id "${externalId}"`);
      const email = cells.email("email");
      if (!email) throw new CellError("email", "is required");
      const first = seen.get(email);
      if (first !== undefined) throw new CellError("email", `${email} is already on line ${first}`);
      seen.set(email, line);
      rows.push({
        workspaceId: workspace.id,
        accountId,
        email,
        name: cells.text("name", 200),
        role: cells.choice("role", contactRoles, normalizeChoice),
        literacy: cells.choice("literacy", literacyLevels, normalizeChoice),
      });
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      result.rejected.push({ line, reason: err.message });
    }
  }

  const present = Object.entries(optional).filter(([c]) => table.columns.includes(c));
  const set: Record<string, unknown> = { accountId: sql.raw(`excluded."account_id"`), updatedAt: sql`now()` };
  for (const [column, property] of present) set[property] = sql.raw(`excluded."${column}"`);
  const changed = sql.join(
    [
      sql`${contacts.accountId} is distinct from excluded."account_id"`,
      ...present.map(([c]) => sql.raw(`contacts."${c}" is distinct from excluded."${c}"`)),
    ],
    sql` or `,
  );
  let done = 0;
  for (const part of chunk(rows, 1000)) {
    const written = await inWorkspace(db, workspace.id, (tx) =>
      tx
        .insert(contacts)
        .values(part)
        .onConflictDoUpdate({ target: [contacts.workspaceId, contacts.email], set, setWhere: changed })
        .returning({ inserted: sql<boolean>`(xmax = 0)` }),
    );
    for (const w of written) w.inserted ? result.created++ : result.updated++;
    result.unchanged += part.length - written.length;
    done += part.length;
    onProgress?.(done + result.rejected.length, table.rows.length);
  }
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
