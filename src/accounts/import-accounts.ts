import { getTableColumns, sql } from "drizzle-orm";
import { attachEarlierEvents } from "../events/attach-earlier-events.ts";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { accounts } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { CellError, Cells } from "../platform/imports/cells.ts";
import type { CsvTable } from "../platform/imports/csv-rows.ts";
import { chunk, emptyResult, type ImportResult, type Progress } from "../platform/imports/import-result.ts";
import {
  classifyWrittenAccounts,
  readPhasesBeforeImport,
} from "../segmentation/classify-written-accounts.ts";
import { ensureStaffByEmail, listStaff } from "../staff/staff-users.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { lifecyclePhases, normalizeChoice, touchModels } from "./account-fields.ts";

export const accountColumnsInFile = [
  "external_id",
  "name",
  "group_id",
  "industry",
  "employees",
  "annual_revenue",
  "plan",
  "contract_start",
  "contract_value",
  "owner_email",
  "touch_model",
  "lifecycle_phase",
  "churned_at",
  "churn_reason",
] as const;

/** File column → table property, for the columns a re-import overwrites. */
const propertyOf = {
  name: "name",
  group_id: "groupId",
  industry: "industry",
  employees: "employees",
  annual_revenue: "annualRevenue",
  plan: "plan",
  contract_start: "contractStart",
  contract_value: "contractValue",
  owner_email: "ownerId",
  touch_model: "touchModelOverride",
  lifecycle_phase: "lifecyclePhase",
  churned_at: "churnedAt",
  churn_reason: "churnReason",
} as const;

type AccountRow = typeof accounts.$inferInsert;

interface ParsedAccount {
  line: number;
  row: AccountRow;
  ownerEmail: string | null;
}

const nameKey = (name: string) => name.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

/** CRM exports name the owner ("田中 一郎"); CONTRACT.md's owner_email holds an e-mail. Both are accepted. */
function readOwner(cells: Cells, staffByName: Map<string, string>): string | null {
  const raw = cells.text("owner_email", 320);
  if (raw === null) return null;
  if (raw.includes("@")) return cells.email("owner_email");
  const email = staffByName.get(nameKey(raw));
  if (!email)
    throw new CellError("owner_email", `"${raw}" is neither an e-mail address nor the name of a staff user`);
  return email;
}

function readAccount(
  cells: Cells,
  customColumns: string[],
  workspaceId: string,
  staffByName: Map<string, string>,
): Omit<ParsedAccount, "line"> {
  const externalId = cells.required("external_id", 200);
  const churnedAt = cells.instant("churned_at");
  // fromEntries makes own properties, so a column named __proto__ is kept like any other.
  const custom: Record<string, string> = Object.fromEntries(
    customColumns.flatMap((c) => {
      const v = cells.text(c);
      return v === null ? [] : [[c, v]];
    }),
  );
  return {
    ownerEmail: readOwner(cells, staffByName),
    row: {
      workspaceId,
      externalId,
      name: cells.required("name", 300),
      groupId: cells.text("group_id", 200) ?? externalId,
      industry: cells.text("industry", 200),
      employees: cells.number("employees", { integer: true, min: 0, max: 100_000_000 }),
      annualRevenue: cells.number("annual_revenue", { min: 0 }),
      plan: cells.text("plan", 100),
      contractStart: cells.instant("contract_start"),
      contractValue: cells.number("contract_value", { min: 0 }),
      touchModelOverride: cells.choice("touch_model", touchModels, normalizeChoice),
      lifecyclePhase:
        cells.choice("lifecycle_phase", lifecyclePhases, normalizeChoice) ??
        (churnedAt ? "churned" : "onboarding"),
      churnedAt,
      churnReason: cells.text("churn_reason"),
      custom,
    },
  };
}

/**
 * Imports the accounts CSV of CONTRACT.md: upsert by external_id; only the columns in the file are
 * written; unknown columns become custom attributes; a row that is already as in the file is left
 * untouched, so re-importing the same file changes nothing.
 */
export async function importAccounts(
  db: Db,
  workspace: Workspace,
  table: CsvTable,
  onProgress?: Progress,
): Promise<ImportResult> {
  const result = emptyResult("accounts");
  for (const col of ["external_id", "name"])
    if (!table.columns.includes(col))
      throw new AppError("validation_failed", `The file has no "${col}" column`);
  const known = new Set<string>(accountColumnsInFile);
  const customColumns = table.columns.filter((c) => !known.has(c));
  const present = accountColumnsInFile.filter((c) => c !== "external_id" && table.columns.includes(c));

  const staffByName = new Map<string, string>();
  if (table.columns.includes("owner_email"))
    for (const s of await inWorkspace(db, workspace.id, (tx) => listStaff(tx, workspace.id)))
      staffByName.set(nameKey(s.name), s.email);

  const parsed: ParsedAccount[] = [];
  const seen = new Map<string, number>();
  for (const { line, values, extraCells } of table.rows) {
    try {
      if (extraCells) throw new CellError("row", "has more cells than the header has columns");
      const account = readAccount(
        new Cells(values, workspace.settings.timezone),
        customColumns,
        workspace.id,
        staffByName,
      );
      const first = seen.get(account.row.externalId);
      if (first !== undefined)
        throw new CellError("external_id", `"${account.row.externalId}" is already on line ${first}`);
      seen.set(account.row.externalId, line);
      parsed.push({ line, ...account });
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      result.rejected.push({ line, reason: err.message });
    }
  }

  const ownerIds = new Map<string, string | null>();
  for (const email of new Set(parsed.flatMap((p) => (p.ownerEmail ? [p.ownerEmail] : []))))
    ownerIds.set(email, await ensureStaffByEmail(db, workspace.id, email));
  const accepted: ParsedAccount[] = [];
  for (const p of parsed) {
    const ownerId = p.ownerEmail ? ownerIds.get(p.ownerEmail) : null;
    if (ownerId === null && p.ownerEmail) {
      result.rejected.push({
        line: p.line,
        reason: `owner_email: ${p.ownerEmail} is not a staff user of this workspace; an admin adds them first (embark users add)`,
      });
      continue;
    }
    p.row.ownerId = ownerId ?? null;
    accepted.push(p);
  }

  const columns = getTableColumns(accounts);
  const excluded = (name: string) => sql.raw(`excluded."${name}"`);
  const set: Record<string, unknown> = { updatedAt: sql`now()` };
  const compared = present.map((c) => {
    const property = propertyOf[c as keyof typeof propertyOf];
    set[property] = excluded(columns[property].name);
    return columns[property];
  });
  const customList = sql`${`{${customColumns.map((c) => `"${c.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[]`;
  const mergedCustom = sql`((${accounts.custom} - ${customList}) || excluded."custom")`;
  if (customColumns.length > 0) set.custom = mergedCustom;
  const changed = sql.join(
    [
      ...compared.map((col) => sql`${col} is distinct from ${excluded(col.name)}`),
      ...(customColumns.length > 0 ? [sql`${accounts.custom} is distinct from ${mergedCustom}`] : []),
      sql`false`,
    ],
    sql` or `,
  );

  let done = 0;
  for (const part of chunk(accepted, 500)) {
    const written = await inWorkspace(db, workspace.id, async (tx) => {
      const phasesBefore = await readPhasesBeforeImport(
        tx,
        workspace.id,
        part.map((p) => p.row.externalId),
      );
      const rows = await tx
        .insert(accounts)
        .values(part.map((p) => p.row))
        .onConflictDoUpdate({ target: [accounts.workspaceId, accounts.externalId], set, setWhere: changed })
        .returning({ id: accounts.id, inserted: sql<boolean>`(xmax = 0)` });
      await classifyWrittenAccounts(
        tx,
        workspace,
        rows.map((r) => ({ id: r.id, previousPhase: phasesBefore.get(r.id) ?? null })),
        { source: "import", overrideReason: "override from the import" },
      );
      if (rows.length > 0)
        await attachEarlierEvents(tx, workspace, [...new Set(part.map((p) => p.row.groupId!))]);
      return rows;
    });
    for (const w of written) w.inserted ? result.created++ : result.updated++;
    result.unchanged += part.length - written.length;
    done += part.length;
    onProgress?.(done + result.rejected.length, table.rows.length);
  }
  onProgress?.(table.rows.length, table.rows.length);
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
