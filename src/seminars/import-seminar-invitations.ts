import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import {
  accounts,
  contacts,
  seminarInvitations,
  seminarSessions,
  seminars,
  timelineEntries,
} from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { CellError, Cells } from "../platform/imports/cells.ts";
import type { CsvTable } from "../platform/imports/csv-rows.ts";
import { chunk, emptyResult, type ImportResult, type Progress } from "../platform/imports/import-result.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { type SeminarKind, seminarKinds } from "./seminar-schemas.ts";

export const seminarInvitationColumns = [
  "account_external_id",
  "contact_email",
  "seminar",
  "session_at",
  "invited_at",
  "kind",
  "attended",
] as const;
const required = ["account_external_id", "contact_email", "seminar", "session_at", "invited_at"];

const TRUE = ["true", "1", "yes"];
const FALSE = ["false", "0", "no"];

interface Parsed {
  line: number;
  accountId: string;
  email: string;
  seminar: string;
  kind: SeminarKind | null;
  sessionAt: Date;
  invitedAt: Date;
  attended: boolean | null;
}

/**
 * Imports the seminar-invitations CSV of CONTRACT.md (history from another tool): upsert by
 * (seminar, session_at, contact_email). A seminar is named by its title (created with `kind` when
 * none has it); the session at `session_at` is created when missing. No mail is sent.
 */
export async function importSeminarInvitations(
  db: Db,
  workspace: Workspace,
  table: CsvTable,
  onProgress?: Progress,
): Promise<ImportResult> {
  const result = emptyResult("seminar-invitations");
  const unknown = table.columns.filter((c) => !(seminarInvitationColumns as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new AppError(
      "validation_failed",
      `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}; seminar-invitations take ${seminarInvitationColumns.join(", ")}`,
    );
  for (const col of required)
    if (!table.columns.includes(col))
      throw new AppError("validation_failed", `The file has no "${col}" column`);
  const hasAttended = table.columns.includes("attended");
  const tz = workspace.settings.timezone;

  const externalIds = [
    ...new Set(table.rows.map((r) => r.values.account_external_id).filter(Boolean)),
  ] as string[];
  const accountIds = new Map<string, string>();
  const seminarByTitle = new Map<string, { id: string; kind: SeminarKind }>();
  await inWorkspace(db, workspace.id, async (tx) => {
    for (const ids of chunk(externalIds, 5000)) {
      const found = await tx
        .select({ id: accounts.id, externalId: accounts.externalId })
        .from(accounts)
        .where(and(eq(accounts.workspaceId, workspace.id), inArray(accounts.externalId, ids)));
      for (const a of found) accountIds.set(a.externalId, a.id);
    }
    const existing = await tx
      .select({
        id: seminars.id,
        kind: seminars.kind,
        title: seminars.title,
        archivedAt: seminars.archivedAt,
      })
      .from(seminars)
      .where(eq(seminars.workspaceId, workspace.id))
      .orderBy(sql`${seminars.archivedAt} is not null`, seminars.createdAt);
    for (const s of existing)
      for (const t of [s.title.ja, s.title.en])
        if (t && !seminarByTitle.has(t)) seminarByTitle.set(t, { id: s.id, kind: s.kind });
  });

  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  const kindInFile = new Map<string, SeminarKind>();
  for (const { line, values, extraCells } of table.rows) {
    try {
      if (extraCells) throw new CellError("row", "has more cells than the header has columns");
      const cells = new Cells(values, tz);
      const externalId = cells.required("account_external_id");
      const accountId = accountIds.get(externalId);
      if (!accountId)
        throw new CellError("account_external_id", `no account has external_id "${externalId}"`);
      const email = cells.email("contact_email");
      if (!email) throw new CellError("contact_email", "is required");
      const seminar = cells.required("seminar", 200).trim();
      const sessionAt = cells.instant("session_at");
      if (!sessionAt) throw new CellError("session_at", "is required");
      const invitedAt = cells.instant("invited_at");
      if (!invitedAt) throw new CellError("invited_at", "is required");
      const kind = cells.choice("kind", seminarKinds, (v) => v.trim().toLowerCase());
      const known = seminarByTitle.get(seminar)?.kind ?? kindInFile.get(seminar);
      if (kind && known && kind !== known)
        throw new CellError("kind", `"${kind}" differs from the seminar's kind "${known}"`);
      if (kind && !known) kindInFile.set(seminar, kind);
      const attendedRaw = cells.text("attended")?.trim().toLowerCase() ?? null;
      let attended: boolean | null = null;
      if (attendedRaw !== null) {
        if (TRUE.includes(attendedRaw)) attended = true;
        else if (FALSE.includes(attendedRaw)) attended = false;
        else throw new CellError("attended", `"${attendedRaw}" must be one of true, false, 1, 0, yes, no`);
      }
      const key = `${seminar}|${sessionAt.toISOString()}|${email}`;
      const first = seen.get(key);
      if (first !== undefined)
        throw new CellError("contact_email", `is already invited to this seminar session on line ${first}`);
      seen.set(key, line);
      parsed.push({ line, accountId, email, seminar, kind, sessionAt, invitedAt, attended });
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      result.rejected.push({ line, reason: err.message });
    }
  }

  let done = 0;
  for (const part of chunk(parsed, 1000)) {
    const counts = await inWorkspace(db, workspace.id, async (tx) => {
      // Seminars and sessions the rows name, created when missing.
      for (const p of part)
        if (!seminarByTitle.has(p.seminar)) {
          const kind = kindInFile.get(p.seminar) ?? "other";
          const [row] = await tx
            .insert(seminars)
            .values({ workspaceId: workspace.id, kind, title: { ja: p.seminar, en: p.seminar } })
            .returning({ id: seminars.id });
          seminarByTitle.set(p.seminar, { id: row!.id, kind });
        }
      const slots = [
        ...new Map(
          part.map((p) => [`${seminarByTitle.get(p.seminar)!.id}|${p.sessionAt.toISOString()}`, p]),
        ).values(),
      ];
      await tx
        .insert(seminarSessions)
        .values(
          slots.map((p) => ({
            workspaceId: workspace.id,
            seminarId: seminarByTitle.get(p.seminar)!.id,
            startsAt: p.sessionAt,
          })),
        )
        .onConflictDoNothing({ target: [seminarSessions.seminarId, seminarSessions.startsAt] });
      const sessions = await tx
        .select({
          id: seminarSessions.id,
          seminarId: seminarSessions.seminarId,
          startsAt: seminarSessions.startsAt,
        })
        .from(seminarSessions)
        .where(
          and(
            eq(seminarSessions.workspaceId, workspace.id),
            inArray(seminarSessions.seminarId, [
              ...new Set(slots.map((p) => seminarByTitle.get(p.seminar)!.id)),
            ]),
          ),
        );
      const sessionOf = new Map(sessions.map((s) => [`${s.seminarId}|${s.startsAt.toISOString()}`, s.id]));
      const people = await tx
        .select({ id: contacts.id, email: contacts.email, accountId: contacts.accountId })
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, workspace.id),
            inArray(
              sql`lower(${contacts.email})`,
              part.map((p) => p.email),
            ),
          ),
        );
      const contactOf = new Map(people.map((c) => [`${c.accountId}|${c.email.toLowerCase()}`, c.id]));
      const set: Record<string, unknown> = {
        accountId: sql.raw(`excluded."account_id"`),
        contactId: sql.raw(`excluded."contact_id"`),
        invitedAt: sql.raw(`excluded."invited_at"`),
        updatedAt: sql`now()`,
      };
      const changed = [
        sql`${seminarInvitations.accountId} is distinct from excluded."account_id"`,
        sql`${seminarInvitations.contactId} is distinct from excluded."contact_id"`,
        sql`${seminarInvitations.invitedAt} is distinct from excluded."invited_at"`,
      ];
      if (hasAttended) {
        set.attended = sql.raw(`excluded."attended"`);
        changed.push(sql`${seminarInvitations.attended} is distinct from excluded."attended"`);
      }
      const rows = await tx
        .insert(seminarInvitations)
        .values(
          part.map((p) => {
            const seminarId = seminarByTitle.get(p.seminar)!.id;
            return {
              workspaceId: workspace.id,
              seminarId,
              sessionId: sessionOf.get(`${seminarId}|${p.sessionAt.toISOString()}`)!,
              accountId: p.accountId,
              contactId: contactOf.get(`${p.accountId}|${p.email}`) ?? null,
              contactEmail: p.email,
              invitedAt: p.invitedAt,
              status: p.attended ? ("registered" as const) : ("invited" as const),
              attended: p.attended,
              source: "import" as const,
            };
          }),
        )
        .onConflictDoUpdate({
          target: [seminarInvitations.sessionId, seminarInvitations.contactEmail],
          set,
          setWhere: sql.join(changed, sql` or `),
        })
        .returning({
          accountId: seminarInvitations.accountId,
          seminarId: seminarInvitations.seminarId,
          sessionId: seminarInvitations.sessionId,
          email: seminarInvitations.contactEmail,
          attended: seminarInvitations.attended,
          inserted: sql<boolean>`(xmax = 0)`,
        });
      // Attendance of newly imported invitations lands on the account timelines.
      const sessionAt = new Map(sessions.map((s) => [s.id, s.startsAt]));
      const entries = rows
        .filter((r) => r.inserted && r.attended !== null)
        .map((r) => ({
          workspaceId: workspace.id,
          accountId: r.accountId,
          kind: "seminar",
          actorLabel: "import",
          occurredAt: sessionAt.get(r.sessionId)!,
          data: {
            action: r.attended ? "attended" : "absent",
            seminarId: r.seminarId,
            sessionId: r.sessionId,
            startsAt: sessionAt.get(r.sessionId)!.toISOString(),
            email: r.email,
            source: "import",
          },
        }));
      for (const c of chunk(entries, 1000)) await tx.insert(timelineEntries).values(c);
      return {
        created: rows.filter((r) => r.inserted).length,
        updated: rows.filter((r) => !r.inserted).length,
      };
    });
    result.created += counts.created;
    result.updated += counts.updated;
    result.unchanged += part.length - counts.created - counts.updated;
    done += part.length;
    onProgress?.(done + result.rejected.length, table.rows.length);
  }
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
