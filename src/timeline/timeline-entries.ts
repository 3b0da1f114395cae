import { z } from "@hono/zod-openapi";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getAccount } from "../accounts/accounts.ts";
import type { Queryable } from "../platform/db/client.ts";
import { type Role, timelineEntries, users } from "../platform/db/schema.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { parseDateOrInstant } from "../platform/time.ts";
import { roleRank } from "../staff/staff-users.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { encodeTimelineCursor, readTimelineBefore } from "./timeline-cursor.ts";

/** Entries people write; every other kind is recorded by the system and cannot be changed. */
export const writtenKinds = ["note", "meeting"] as const;
/** Kinds recorded by capabilities when something changes (more are added as capabilities arrive). */
export const systemKinds = [
  "handoff",
  "hearing",
  "segment",
  "touch_model",
  "lifecycle",
  "onboarding",
  "follow_up",
  "portal",
  "activation",
  "seminar",
] as const;
export const meetingTypes = ["kickoff", "progress_check", "completion", "interview", "other"] as const;
export type MeetingType = (typeof meetingTypes)[number];

const KIND = /^[a-z][a-z0-9_]{0,39}$/;

/** What a capability records on an account's timeline when something changes. */
export interface TimelineRecord {
  workspaceId: string;
  accountId: string;
  kind: string;
  title?: string | null;
  body?: string | null;
  meetingType?: MeetingType | null;
  /** Defaults to now. */
  occurredAt?: Date;
  /** The staff user who did it; null for the system or an API token without a user. */
  actorUserId?: string | null;
  /** Who did it when it is not a staff user, e.g. "rule 2" or a customer contact's name. */
  actorLabel?: string | null;
  /** Machine-readable facts for the UI (codes it translates, ids, changed fields). */
  data?: Record<string, unknown>;
}

function timelineRow(entry: TimelineRecord) {
  if (!KIND.test(entry.kind)) throw new Error(`Timeline kind "${entry.kind}" is not a valid kind`);
  return {
    workspaceId: entry.workspaceId,
    accountId: entry.accountId,
    kind: entry.kind,
    title: entry.title ?? null,
    body: entry.body ?? null,
    meetingType: entry.meetingType ?? null,
    occurredAt: entry.occurredAt ?? new Date(),
    actorUserId: entry.actorUserId ?? null,
    actorLabel: entry.actorLabel ?? null,
    data: entry.data ?? {},
  };
}

/** Adds an entry to an account's timeline inside the caller's transaction. */
export async function recordTimeline(tx: Queryable, entry: TimelineRecord): Promise<{ id: string }> {
  const [row] = await tx
    .insert(timelineEntries)
    .values(timelineRow(entry))
    .returning({ id: timelineEntries.id });
  return { id: row!.id };
}

/** Adds many entries at once (a review that touches many accounts). */
export async function recordTimelines(tx: Queryable, entries: TimelineRecord[]): Promise<void> {
  if (entries.length > 0) await tx.insert(timelineEntries).values(entries.map(timelineRow));
}

// ---- Requests ----

const dateOrInstant = z.iso.datetime({ offset: true }).or(z.iso.date());
const attendees = z.array(z.string().trim().min(1).max(200)).max(100);
const title = z.string().trim().min(1).max(300);
const body = z.string().trim().min(1).max(20_000);

export const timelineNoteInput = z.object({
  kind: z.literal("note"),
  title: title.nullish(),
  body,
  occurredAt: dateOrInstant
    .optional()
    .openapi({ description: "Defaults to now; YYYY-MM-DD = midnight in the workspace time zone" }),
});
export const timelineMeetingInput = z.object({
  kind: z.literal("meeting"),
  meetingType: z.enum(meetingTypes),
  title,
  body: body.nullish(),
  occurredAt: dateOrInstant
    .optional()
    .openapi({ description: "Defaults to now; YYYY-MM-DD = midnight in the workspace time zone" }),
  attendees: attendees.optional(),
});
/** A note or meeting a person writes on an account's timeline. */
export const timelineEntryInput = z.discriminatedUnion("kind", [timelineNoteInput, timelineMeetingInput]);
export type TimelineEntryInput = z.infer<typeof timelineEntryInput>;

export const timelineEntryPatch = z.object({
  title: title.nullish(),
  body: body.nullish(),
  occurredAt: dateOrInstant.optional(),
  meetingType: z.enum(meetingTypes).optional(),
  attendees: attendees.optional(),
});
export type TimelineEntryPatch = z.infer<typeof timelineEntryPatch>;

export const timelineQuery = z.object({
  kind: z
    .string()
    .optional()
    .openapi({ description: "One kind or several, comma-separated (e.g. `note,meeting`)" }),
  before: z
    .string()
    .optional()
    .openapi({ description: "`nextCursor` of the previous page, or an ISO-8601 instant" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

// ---- Reading ----

const entryColumns = {
  id: timelineEntries.id,
  accountId: timelineEntries.accountId,
  kind: timelineEntries.kind,
  meetingType: timelineEntries.meetingType,
  title: timelineEntries.title,
  body: timelineEntries.body,
  occurredAt: timelineEntries.occurredAt,
  actorUserId: timelineEntries.actorUserId,
  actorLabel: timelineEntries.actorLabel,
  actorName: sql<string | null>`coalesce(${users.name}, ${timelineEntries.actorLabel})`,
  data: timelineEntries.data,
  createdAt: timelineEntries.createdAt,
  position: sql<string>`to_char(${timelineEntries.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
};

type EntryRow = Awaited<ReturnType<typeof selectEntries>>[number];
function selectEntries(tx: Queryable) {
  return tx
    .select(entryColumns)
    .from(timelineEntries)
    .leftJoin(users, eq(users.id, timelineEntries.actorUserId));
}

/** Who may change an entry: only notes and meetings, by their author or a manager and above. */
export function canChangeTimelineEntry(
  entry: { kind: string; actorUserId: string | null },
  caller: { userId: string | null; role: Role },
): boolean {
  if (!(writtenKinds as readonly string[]).includes(entry.kind)) return false;
  if (roleRank[caller.role] >= roleRank.manager) return true;
  return (
    roleRank[caller.role] >= roleRank.csm && caller.userId !== null && caller.userId === entry.actorUserId
  );
}

export interface TimelineCaller {
  userId: string | null;
  role: Role;
}

function toView(row: EntryRow, caller: TimelineCaller) {
  const { position: _position, ...entry } = row;
  return { ...entry, editable: canChangeTimelineEntry(entry, caller) };
}
export type TimelineEntryView = ReturnType<typeof toView>;

function parseKinds(kind: string | undefined): string[] {
  if (!kind) return [];
  const kinds = [
    ...new Set(
      kind
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
  const bad = kinds.filter((k) => !KIND.test(k));
  if (bad.length > 0)
    throw new AppError("validation_failed", "The kind filter is not valid", [
      { path: "kind", message: `not a timeline kind: ${bad.join(", ")}` },
    ]);
  return kinds;
}

/** An account's timeline, newest first, one page at a time. */
export async function listTimeline(
  tx: Queryable,
  workspaceId: string,
  accountId: string,
  query: TimelineQuery,
  caller: TimelineCaller,
) {
  await getAccount(tx, workspaceId, accountId);
  const where = [eq(timelineEntries.workspaceId, workspaceId), eq(timelineEntries.accountId, accountId)];
  const kinds = parseKinds(query.kind);
  if (kinds.length > 0) where.push(inArray(timelineEntries.kind, kinds));
  if (query.before) {
    const before = readTimelineBefore(query.before);
    if (!before)
      throw new AppError("validation_failed", "The paging cursor is not valid", [
        { path: "before", message: "not a cursor from a previous page or an ISO-8601 instant" },
      ]);
    where.push(
      before.kind === "instant"
        ? sql`${timelineEntries.occurredAt} < ${before.instant.toISOString()}::timestamptz`
        : sql`(${timelineEntries.occurredAt}, ${timelineEntries.id}) < ((${before.position.at}::timestamp at time zone 'UTC'), ${before.position.id}::uuid)`,
    );
  }
  const rows = await selectEntries(tx)
    .where(and(...where))
    .orderBy(desc(timelineEntries.occurredAt), desc(timelineEntries.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => toView(row, caller)),
    nextCursor:
      rows.length > query.limit && last ? encodeTimelineCursor({ at: last.position, id: last.id }) : null,
  };
}

async function findEntry(tx: Queryable, workspaceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Timeline entry");
  const [row] = await selectEntries(tx).where(
    and(eq(timelineEntries.workspaceId, workspaceId), eq(timelineEntries.id, id)),
  );
  if (!row) throw notFound("Timeline entry");
  return row;
}

export async function getTimelineEntry(
  tx: Queryable,
  workspaceId: string,
  id: string,
  caller: TimelineCaller,
) {
  return toView(await findEntry(tx, workspaceId, id), caller);
}

// ---- Writing ----

function instantOf(value: string | undefined, workspace: Workspace, path: string): Date | undefined {
  if (value === undefined) return undefined;
  const instant = parseDateOrInstant(value, workspace.settings.timezone);
  if (!instant)
    throw new AppError("validation_failed", "A date is not valid", [{ path, message: "not a date" }]);
  return instant;
}

/** A CSM writes a note or the record of a meeting on the account's timeline. */
export async function addTimelineEntry(
  tx: Queryable,
  workspace: Workspace,
  accountId: string,
  input: TimelineEntryInput,
  caller: TimelineCaller,
) {
  await getAccount(tx, workspace.id, accountId);
  const { id } = await recordTimeline(tx, {
    workspaceId: workspace.id,
    accountId,
    kind: input.kind,
    title: input.title ?? null,
    body: input.body ?? null,
    meetingType: input.kind === "meeting" ? input.meetingType : null,
    occurredAt: instantOf(input.occurredAt, workspace, "occurredAt"),
    actorUserId: caller.userId,
    data: input.kind === "meeting" && input.attendees ? { attendees: input.attendees } : {},
  });
  return getTimelineEntry(tx, workspace.id, id, caller);
}

function assertChangeable(entry: EntryRow, caller: TimelineCaller) {
  if (!(writtenKinds as readonly string[]).includes(entry.kind))
    throw new AppError("conflict", "Entries recorded by the system cannot be changed or deleted", [
      { path: "kind", message: `a ${entry.kind} entry is kept as history` },
    ]);
  if (!canChangeTimelineEntry(entry, caller))
    throw forbidden("Only the author or a manager can change or delete this entry");
}

/** The author (or a manager) corrects a note or meeting record. */
export async function updateTimelineEntry(
  tx: Queryable,
  workspace: Workspace,
  id: string,
  patch: TimelineEntryPatch,
  caller: TimelineCaller,
) {
  const entry = await findEntry(tx, workspace.id, id);
  assertChangeable(entry, caller);
  const invalid: { path: string; message: string }[] = [];
  if (entry.kind === "note") {
    if (patch.meetingType !== undefined)
      invalid.push({ path: "meetingType", message: "notes have no meeting type" });
    if (patch.attendees !== undefined)
      invalid.push({ path: "attendees", message: "notes have no attendees" });
    if (patch.body === null) invalid.push({ path: "body", message: "a note needs a body" });
  } else if (patch.title === null) invalid.push({ path: "title", message: "a meeting needs a title" });
  if (invalid.length > 0) throw new AppError("validation_failed", "The change is not valid", invalid);

  const data: Record<string, unknown> = { ...entry.data };
  if (patch.attendees !== undefined) data.attendees = patch.attendees;
  data.editedAt = new Date().toISOString();
  data.editedBy = caller.userId;
  await tx
    .update(timelineEntries)
    .set({
      title: patch.title,
      body: patch.body,
      meetingType: patch.meetingType,
      occurredAt: instantOf(patch.occurredAt, workspace, "occurredAt"),
      data,
    })
    .where(and(eq(timelineEntries.workspaceId, workspace.id), eq(timelineEntries.id, id)));
  return getTimelineEntry(tx, workspace.id, id, caller);
}

/** The author (or a manager) deletes a note or meeting record. */
export async function removeTimelineEntry(
  tx: Queryable,
  workspaceId: string,
  id: string,
  caller: TimelineCaller,
) {
  const entry = await findEntry(tx, workspaceId, id);
  assertChangeable(entry, caller);
  await tx
    .delete(timelineEntries)
    .where(and(eq(timelineEntries.workspaceId, workspaceId), eq(timelineEntries.id, id)));
}
