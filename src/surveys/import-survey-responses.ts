import { and, eq, inArray, sql } from "drizzle-orm";
import { loadConfig } from "../platform/config.ts";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { accounts, contacts, surveyResponses } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { CellError, Cells } from "../platform/imports/cells.ts";
import type { CsvTable } from "../platform/imports/csv-rows.ts";
import { chunk, emptyResult, type ImportResult, type Progress } from "../platform/imports/import-result.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { recordResponseOnTimeline } from "./answer-survey.ts";
import { actOnLowScore } from "./detractor-follow-up.ts";
import { isLowScore, scoreRange } from "./survey-schemas.ts";

const columnsInFile = [
  "account_external_id",
  "survey",
  "score",
  "answered_at",
  "contact_email",
  "comment",
] as const;
const required = ["account_external_id", "survey", "score", "answered_at"] as const;

/**
 * Imported low scores are acted on (task, notifications, signal) only when answered this recently;
 * older ones are history: they count in the KPIs and show on the timeline, but nobody is called now.
 */
export const IMPORT_FOLLOW_UP_DAYS = 7;
const DAY_MS = 86_400_000;

interface Parsed {
  line: number;
  kind: "nps" | "csat";
  accountId: string;
  score: number;
  answeredAt: Date;
  email: string | null;
  comment: string | null;
}

/**
 * Imports the survey-responses CSV of CONTRACT.md: keyed by (survey, account_external_id,
 * contact_email, answered_at); a row already as in the file changes nothing; a changed score or
 * comment updates the response. Each row is stored whole (response and timeline entry) or not at all.
 */
export async function importSurveyResponses(
  db: Db,
  workspace: Workspace,
  table: CsvTable,
  onProgress?: Progress,
  now = new Date(),
): Promise<ImportResult> {
  const result = emptyResult("survey-responses");
  const unknown = table.columns.filter((c) => !(columnsInFile as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new AppError(
      "validation_failed",
      `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}; survey-responses take ${columnsInFile.join(", ")}`,
    );
  for (const col of required)
    if (!table.columns.includes(col))
      throw new AppError("validation_failed", `The file has no "${col}" column`);
  const tz = workspace.settings.timezone;

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
      const cells = new Cells(values, tz);
      const externalId = cells.required("account_external_id");
      const accountId = accountIds.get(externalId);
      if (!accountId)
        throw new CellError("account_external_id", `no account has external_id "${externalId}"`);
      const kind = cells.choice("survey", ["nps", "csat"] as const, (v) => v.trim().toLowerCase());
      if (!kind) throw new CellError("survey", "is required");
      const { min, max } = scoreRange[kind];
      const score = cells.number("score", { integer: true, min, max });
      if (score === null) throw new CellError("score", "is required");
      const answeredAt = cells.instant("answered_at");
      if (!answeredAt) throw new CellError("answered_at", "is required");
      if (answeredAt.getTime() > now.getTime() + DAY_MS)
        throw new CellError("answered_at", "is in the future");
      const email = cells.email("contact_email");
      const comment = cells.text("comment", 4000)?.trim() || null;
      const key = `${kind}|${accountId}|${email ?? ""}|${answeredAt.toISOString()}`;
      const first = seen.get(key);
      if (first !== undefined)
        throw new CellError("answered_at", `the same answer is already on line ${first}`);
      seen.set(key, line);
      parsed.push({ line, kind, accountId, score, answeredAt, email, comment });
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      result.rejected.push({ line, reason: err.message });
    }
  }

  let publicUrl = "";
  try {
    publicUrl = loadConfig().publicUrl;
  } catch {}
  let done = 0;
  for (const part of chunk(parsed, 500)) {
    await inWorkspace(db, workspace.id, async (tx) => {
      const emails = [...new Set(part.map((p) => p.email).filter((e): e is string => Boolean(e)))];
      const people = emails.length
        ? await tx
            .select({
              id: contacts.id,
              email: contacts.email,
              accountId: contacts.accountId,
              name: contacts.name,
            })
            .from(contacts)
            .where(
              and(eq(contacts.workspaceId, workspace.id), inArray(sql`lower(${contacts.email})`, emails)),
            )
        : [];
      for (const p of part) {
        const contact = people.find((c) => c.email.toLowerCase() === p.email && c.accountId === p.accountId);
        const [existing] = await tx
          .select({ id: surveyResponses.id, score: surveyResponses.score, comment: surveyResponses.comment })
          .from(surveyResponses)
          .where(
            and(
              eq(surveyResponses.workspaceId, workspace.id),
              eq(surveyResponses.source, "import"),
              eq(surveyResponses.kind, p.kind),
              eq(surveyResponses.accountId, p.accountId),
              sql`coalesce(${surveyResponses.contactEmail}, '') = ${p.email ?? ""}`,
              eq(surveyResponses.answeredAt, p.answeredAt),
            ),
          );
        if (existing && existing.score === p.score && existing.comment === p.comment) {
          result.unchanged++;
          continue;
        }
        let id: string;
        if (existing) {
          await tx
            .update(surveyResponses)
            .set({ score: p.score, comment: p.comment, updatedAt: now })
            .where(eq(surveyResponses.id, existing.id));
          id = existing.id;
          result.updated++;
        } else {
          const [row] = await tx
            .insert(surveyResponses)
            .values({
              workspaceId: workspace.id,
              kind: p.kind,
              score: p.score,
              comment: p.comment,
              accountId: p.accountId,
              contactId: contact?.id ?? null,
              contactEmail: p.email,
              source: "import",
              answeredAt: p.answeredAt,
              updatedAt: now,
            })
            .returning({ id: surveyResponses.id });
          id = row!.id;
          result.created++;
        }
        const who = contact ? contact.name || contact.email : p.email;
        await recordResponseOnTimeline(tx, workspace.id, {
          responseId: id,
          accountId: p.accountId,
          kind: p.kind,
          score: p.score,
          comment: p.comment,
          surveyId: null,
          surveyTitle: null,
          source: "import",
          who,
          changed: Boolean(existing),
          occurredAt: existing ? now : p.answeredAt,
        });
        if (
          isLowScore(p.kind, p.score) &&
          now.getTime() - p.answeredAt.getTime() <= IMPORT_FOLLOW_UP_DAYS * DAY_MS
        )
          await actOnLowScore(
            tx,
            workspace,
            {
              responseId: id,
              accountId: p.accountId,
              kind: p.kind,
              score: p.score,
              comment: p.comment,
              who,
              surveyTitle: null,
            },
            publicUrl,
            now,
          );
      }
    });
    done += part.length;
    onProgress?.(done + result.rejected.length, table.rows.length);
  }
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
