import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { accounts, inquiries } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { CellError, Cells } from "../platform/imports/cells.ts";
import type { CsvTable } from "../platform/imports/csv-rows.ts";
import { chunk, emptyResult, type ImportResult, type Progress } from "../platform/imports/import-result.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

export const inquiryColumns = [
  "account_external_id",
  "opened_at",
  "external_id",
  "channel",
  "subject",
  "body",
  "first_response_at",
  "resolved_at",
] as const;
const required = ["account_external_id", "opened_at"] as const;

interface Parsed {
  line: number;
  dedupeKey: string;
  values: {
    accountId: string;
    externalId: string | null;
    channel: string | null;
    subject: string | null;
    body: string | null;
    openedAt: Date;
    firstResponseAt: Date | null;
    resolvedAt: Date | null;
  };
}

const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** The import key: the inquiry's own id when the file has one, else every value of the row. */
function dedupeKeyOf(v: Parsed["values"]): string {
  if (v.externalId) return `ext:${v.externalId}`;
  const whole = JSON.stringify([
    v.accountId,
    v.openedAt.toISOString(),
    v.channel,
    v.subject,
    v.body,
    v.firstResponseAt?.toISOString() ?? null,
    v.resolvedAt?.toISOString() ?? null,
  ]);
  return `row:${createHash("sha256").update(whole).digest("hex")}`;
}

function parseRow(cells: Cells, accountIds: Map<string, string>): Parsed["values"] {
  const externalId = cells.required("account_external_id");
  const accountId = accountIds.get(externalId);
  if (!accountId) throw new CellError("account_external_id", `no account has external_id "${externalId}"`);
  const openedAt = cells.instant("opened_at");
  if (!openedAt) throw new CellError("opened_at", "is required");
  const firstResponseAt = cells.instant("first_response_at");
  if (firstResponseAt && firstResponseAt < openedAt)
    throw new CellError("first_response_at", "is before opened_at");
  const resolvedAt = cells.instant("resolved_at");
  if (resolvedAt && resolvedAt < openedAt) throw new CellError("resolved_at", "is before opened_at");
  return {
    accountId,
    externalId: cells.text("external_id", 200)?.trim() || null,
    channel: cells.text("channel", 100)?.trim() || null,
    subject: cells.text("subject", 1000)?.trim() || null,
    body: cells.text("body", 20_000) || null,
    openedAt,
    firstResponseAt,
    resolvedAt,
  };
}

/**
 * Imports the inquiries CSV of CONTRACT.md (from a help desk): keyed by `external_id`, else by the
 * whole row. A row already stored as in the file changes nothing; a known external_id with other
 * values is updated (only the columns the file has). Rows are rejected with their line and why (unknown account, missing or bad
 * dates, a response or resolution before the inquiry was opened, the same key twice in the file).
 */
export async function importInquiries(
  db: Db,
  workspace: Workspace,
  table: CsvTable,
  onProgress?: Progress,
): Promise<ImportResult> {
  const result = emptyResult("inquiries");
  const unknown = table.columns.filter((c) => !(inquiryColumns as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new AppError(
      "validation_failed",
      `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}; inquiries take ${inquiryColumns.join(", ")}`,
    );
  for (const col of required)
    if (!table.columns.includes(col))
      throw new AppError("validation_failed", `The file has no "${col}" column`);

  const externalIds = [
    ...new Set(table.rows.map((r) => r.values.account_external_id).filter(Boolean)),
  ] as string[];
  const accountIds = new Map<string, string>();
  for (const ids of chunk(externalIds, 5000))
    await inWorkspace(db, workspace.id, async (tx) => {
      const found = await tx
        .select({ id: accounts.id, externalId: accounts.externalId })
        .from(accounts)
        .where(and(eq(accounts.workspaceId, workspace.id), inArray(accounts.externalId, ids)));
      for (const a of found) accountIds.set(a.externalId, a.id);
    });

  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  for (const { line, values, extraCells } of table.rows) {
    try {
      if (extraCells) throw new CellError("row", "has more cells than the header has columns");
      const row = parseRow(new Cells(values, workspace.settings.timezone), accountIds);
      const dedupeKey = dedupeKeyOf(row);
      const first = seen.get(dedupeKey);
      if (first !== undefined)
        throw new CellError(
          row.externalId ? "external_id" : "row",
          `the same inquiry is already on line ${first}`,
        );
      seen.set(dedupeKey, line);
      parsed.push({ line, dedupeKey, values: row });
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      result.rejected.push({ line, reason: err.message });
    }
  }

  const fieldOf: Record<(typeof inquiryColumns)[number], keyof Parsed["values"]> = {
    account_external_id: "accountId",
    opened_at: "openedAt",
    external_id: "externalId",
    channel: "channel",
    subject: "subject",
    body: "body",
    first_response_at: "firstResponseAt",
    resolved_at: "resolvedAt",
  };
  const written = new Set<string>(table.columns.map((c) => fieldOf[c as (typeof inquiryColumns)[number]]));
  let done = 0;
  for (const part of chunk(parsed, 1000)) {
    await inWorkspace(db, workspace.id, async (tx) => {
      const existing = new Map(
        (
          await tx
            .select()
            .from(inquiries)
            .where(
              and(
                eq(inquiries.workspaceId, workspace.id),
                inArray(
                  inquiries.dedupeKey,
                  part.map((p) => p.dedupeKey),
                ),
              ),
            )
        ).map((row) => [row.dedupeKey, row]),
      );
      const fresh: (Parsed["values"] & { workspaceId: string; dedupeKey: string })[] = [];
      for (const p of part) {
        const old = existing.get(p.dedupeKey);
        if (!old) {
          fresh.push({ ...p.values, workspaceId: workspace.id, dedupeKey: p.dedupeKey });
          continue;
        }
        // Only the columns in the file are compared and written; the others keep their values.
        const change = Object.fromEntries(
          Object.entries(p.values).filter(([field]) => written.has(field)),
        ) as Partial<Parsed["values"]>;
        const unchanged = Object.entries(change).every(([field, value]) => {
          const before = old[field as keyof typeof old];
          return value instanceof Date || before instanceof Date
            ? same(before as Date | null, value as Date | null)
            : before === value;
        });
        if (unchanged) {
          result.unchanged++;
          continue;
        }
        await tx
          .update(inquiries)
          .set({ ...change, updatedAt: new Date() })
          .where(eq(inquiries.id, old.id));
        result.updated++;
      }
      if (fresh.length > 0) {
        const inserted = await tx
          .insert(inquiries)
          .values(fresh)
          .onConflictDoNothing({ target: [inquiries.workspaceId, inquiries.dedupeKey] })
          .returning({ id: inquiries.id });
        result.created += inserted.length;
        result.unchanged += fresh.length - inserted.length;
      }
    });
    done += part.length;
    onProgress?.(done + result.rejected.length, table.rows.length);
  }
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
