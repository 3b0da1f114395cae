import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { accounts, onboardings, timelineEntries } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { CellError, Cells } from "../platform/imports/cells.ts";
import type { CsvTable } from "../platform/imports/csv-rows.ts";
import { chunk, emptyResult, type ImportResult, type Progress } from "../platform/imports/import-result.ts";
import { dateInZone } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { refreshRunningOnboardings } from "./refresh-onboarding.ts";

const columnsInFile = ["account_external_id", "started_at", "target_date", "completed_at"] as const;

interface Parsed {
  line: number;
  accountId: string;
  startedAt: Date;
  targetDate: string | null;
  completedAt: Date | null;
}

const keyOf = (accountId: string, startedAt: Date) => `${accountId}|${startedAt.toISOString()}`;

/**
 * Imports the onboardings CSV of CONTRACT.md (history): upsert by (account, started_at); only the
 * columns in the file are written; a row already as in the file is left untouched. An account has at
 * most one running (not completed) onboarding, so a second one is rejected.
 */
export async function importOnboardings(
  db: Db,
  workspace: Workspace,
  table: CsvTable,
  onProgress?: Progress,
): Promise<ImportResult> {
  const result = emptyResult("onboardings");
  const unknown = table.columns.filter((c) => !(columnsInFile as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new AppError(
      "validation_failed",
      `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}; onboardings take ${columnsInFile.join(", ")}`,
    );
  for (const col of ["account_external_id", "started_at"])
    if (!table.columns.includes(col))
      throw new AppError("validation_failed", `The file has no "${col}" column`);
  const hasTarget = table.columns.includes("target_date");
  const hasCompleted = table.columns.includes("completed_at");
  const tz = workspace.settings.timezone;

  const externalIds = [
    ...new Set(table.rows.map((r) => r.values.account_external_id).filter(Boolean)),
  ] as string[];
  const accountIds = new Map<string, string>();
  const running = new Map<string, string>(); // account id → key of its running onboarding
  for (const ids of chunk(externalIds, 5000)) {
    await inWorkspace(db, workspace.id, async (tx) => {
      const found = await tx
        .select({ id: accounts.id, externalId: accounts.externalId })
        .from(accounts)
        .where(and(eq(accounts.workspaceId, workspace.id), inArray(accounts.externalId, ids)));
      for (const a of found) accountIds.set(a.externalId, a.id);
      if (found.length === 0) return;
      const open = await tx
        .select({ accountId: onboardings.accountId, startedAt: onboardings.startedAt })
        .from(onboardings)
        .where(
          and(
            eq(onboardings.workspaceId, workspace.id),
            inArray(
              onboardings.accountId,
              found.map((a) => a.id),
            ),
            isNull(onboardings.completedAt),
            sql`${onboardings.status} <> 'churned'`,
          ),
        );
      for (const o of open) running.set(o.accountId, keyOf(o.accountId, o.startedAt));
    });
  }

  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  for (const { line, values, extraCells } of table.rows) {
    try {
      if (extraCells) throw new CellError("row", "has more cells than the header has columns");
      const cells = new Cells(values, tz);
      const externalId = cells.required("account_external_id");
      const accountId = accountIds.get(externalId);
      if (!accountId)
        throw new CellError("account_external_id", `no account has external_id "${externalId}"`);
      const startedAt = cells.instant("started_at");
      if (!startedAt) throw new CellError("started_at", "is required");
      const target = cells.instant("target_date");
      const targetDate = target ? dateInZone(target, tz) : null;
      if (targetDate && targetDate < dateInZone(startedAt, tz))
        throw new CellError("target_date", "is before started_at");
      const completedAt = cells.instant("completed_at");
      if (completedAt && completedAt < startedAt) throw new CellError("completed_at", "is before started_at");
      const key = keyOf(accountId, startedAt);
      const first = seen.get(key);
      if (first !== undefined)
        throw new CellError(
          "started_at",
          `this account's onboarding started then is already on line ${first}`,
        );
      // A row without a completion is (or stays) running; an account runs one onboarding at a time.
      if (!completedAt) {
        const open = running.get(accountId);
        if (open && open !== key)
          throw new CellError(
            "completed_at",
            "is empty, but the account already has a running onboarding (started on another date)",
          );
      }
      seen.set(key, line);
      if (!completedAt) running.set(accountId, key);
      parsed.push({ line, accountId, startedAt, targetDate, completedAt });
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      result.rejected.push({ line, reason: err.message });
    }
  }

  const set: Record<string, unknown> = { updatedAt: sql`now()` };
  const compared: ReturnType<typeof sql>[] = [];
  if (hasTarget) {
    set.targetDate = sql.raw(`excluded."target_date"`);
    compared.push(sql`${onboardings.targetDate} is distinct from excluded."target_date"`);
  }
  if (hasCompleted) {
    const same = sql`${onboardings.completedAt} is not distinct from excluded."completed_at"`;
    set.completedAt = sql.raw(`excluded."completed_at"`);
    set.completionSource = sql`case when excluded."completed_at" is null then null when ${same} then ${onboardings.completionSource} else 'import' end`;
    set.status = sql`case when excluded."completed_at" is not null then 'completed' when ${onboardings.completedAt} is not null then 'on_track' else ${onboardings.status} end`;
    set.statusReasons = sql`case when excluded."completed_at" is not null and not ${same} then excluded."status_reasons" when excluded."completed_at" is null then '[]'::jsonb else ${onboardings.statusReasons} end`;
    set.progress = sql`case when excluded."completed_at" is not null then 1 else ${onboardings.progress} end`;
    compared.push(sql`not ${same}`);
  }
  const changed = sql.join([...compared, sql`false`], sql` or `);

  let done = 0;
  for (const part of chunk(parsed, 1000)) {
    const written = await inWorkspace(db, workspace.id, async (tx) => {
      const owners = await tx
        .select({ id: accounts.id, ownerId: accounts.ownerId, touchModel: accounts.touchModel })
        .from(accounts)
        .where(
          and(
            eq(accounts.workspaceId, workspace.id),
            inArray(accounts.id, [...new Set(part.map((p) => p.accountId))]),
          ),
        );
      const accountOf = new Map(owners.map((o) => [o.id, o]));
      const rows = await tx
        .insert(onboardings)
        .values(
          part.map((p) => ({
            workspaceId: workspace.id,
            accountId: p.accountId,
            touchModel: accountOf.get(p.accountId)?.touchModel ?? null,
            ownerId: accountOf.get(p.accountId)?.ownerId ?? null,
            startedAt: p.startedAt,
            targetDate: p.targetDate,
            completedAt: p.completedAt,
            completionSource: p.completedAt ? ("import" as const) : null,
            source: "import" as const,
            progress: p.completedAt ? 1 : 0,
            status: p.completedAt ? "completed" : "on_track",
            statusReasons: p.completedAt ? [{ code: "completed", source: "import" }] : [],
            lastProgressAt: p.completedAt ?? p.startedAt,
          })),
        )
        .onConflictDoUpdate({
          target: [onboardings.workspaceId, onboardings.accountId, onboardings.startedAt],
          set,
          setWhere: changed,
        })
        .returning({
          id: onboardings.id,
          accountId: onboardings.accountId,
          startedAt: onboardings.startedAt,
          completedAt: onboardings.completedAt,
          inserted: sql<boolean>`(xmax = 0)`,
        });
      const created = rows.filter((r) => r.inserted);
      const entries = created.flatMap((r) => {
        const base = {
          workspaceId: workspace.id,
          accountId: r.accountId,
          kind: "onboarding",
          actorLabel: "import",
        };
        return [
          {
            ...base,
            occurredAt: r.startedAt,
            data: { action: "started", onboardingId: r.id, source: "import" },
          },
          ...(r.completedAt
            ? [
                {
                  ...base,
                  occurredAt: r.completedAt,
                  data: { action: "completed", onboardingId: r.id, source: "import" },
                },
              ]
            : []),
        ];
      });
      for (const c of chunk(entries, 1000)) await tx.insert(timelineEntries).values(c);
      return rows;
    });
    for (const w of written) w.inserted ? result.created++ : result.updated++;
    result.unchanged += part.length - written.length;
    done += part.length;
    onProgress?.(done + result.rejected.length, table.rows.length);
  }
  if (parsed.length > 0)
    await inWorkspace(db, workspace.id, (tx) => refreshRunningOnboardings(tx, workspace));
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
