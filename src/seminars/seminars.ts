import { and, asc, desc, eq, gt, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { seminarInvitations, seminarSessions, seminars } from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import type { SeminarInput, SeminarPatch, SessionInput, SessionPatch } from "./seminar-schemas.ts";

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

export type SeminarRow = typeof seminars.$inferSelect;
export type SessionRow = typeof seminarSessions.$inferSelect;

export interface Counts {
  invited: number;
  registered: number;
  declined: number;
  attended: number;
  absent: number;
}
const noCounts = (): Counts => ({ invited: 0, registered: 0, declined: 0, attended: 0, absent: 0 });

const countColumns = {
  invited: sql<number>`count(*)::int`,
  registered: sql<number>`count(*) filter (where ${seminarInvitations.status} = 'registered')::int`,
  declined: sql<number>`count(*) filter (where ${seminarInvitations.status} = 'declined')::int`,
  attended: sql<number>`count(*) filter (where ${seminarInvitations.attended} = true)::int`,
  absent: sql<number>`count(*) filter (where ${seminarInvitations.attended} = false)::int`,
};

/** Invitation counts per session of the given sessions. */
async function sessionCounts(tx: Queryable, workspaceId: string, sessionIds: string[]) {
  if (sessionIds.length === 0) return new Map<string, Counts>();
  const rows = await tx
    .select({ sessionId: seminarInvitations.sessionId, ...countColumns })
    .from(seminarInvitations)
    .where(
      and(eq(seminarInvitations.workspaceId, workspaceId), inArray(seminarInvitations.sessionId, sessionIds)),
    )
    .groupBy(seminarInvitations.sessionId);
  return new Map(rows.map(({ sessionId, ...c }) => [sessionId, c]));
}

export interface ParticipationPeriod {
  from?: Date;
  to?: Date;
}

/**
 * Seminar participation as KPIS.md defines it: the accounts invited (invited_at in the period), and of
 * those the accounts where at least one invited contact attended. Per seminar, or over a kind.
 */
export async function participation(
  tx: Queryable,
  workspaceId: string,
  filter: { seminarIds?: string[]; kind?: string } & ParticipationPeriod,
) {
  const where: SQL[] = [eq(seminarInvitations.workspaceId, workspaceId)];
  if (filter.seminarIds) {
    if (filter.seminarIds.length === 0) return new Map<string, Participation>();
    where.push(inArray(seminarInvitations.seminarId, filter.seminarIds));
  }
  if (filter.kind) where.push(eq(seminars.kind, filter.kind as SeminarRow["kind"]));
  if (filter.from)
    where.push(sql`${seminarInvitations.invitedAt} >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) where.push(sql`${seminarInvitations.invitedAt} < ${filter.to.toISOString()}::timestamptz`);
  const perAccount = tx
    .select({
      seminarId: filter.kind ? sql<string>`'all'`.as("seminar_id") : seminarInvitations.seminarId,
      accountId: seminarInvitations.accountId,
      attended: sql<boolean>`bool_or(coalesce(${seminarInvitations.attended}, false))`.as("attended"),
    })
    .from(seminarInvitations)
    .innerJoin(seminars, eq(seminars.id, seminarInvitations.seminarId))
    .where(and(...where))
    .groupBy(...(filter.kind ? [] : [seminarInvitations.seminarId]), seminarInvitations.accountId)
    .as("per_account");
  const rows = await tx
    .select({
      seminarId: perAccount.seminarId,
      denominator: sql<number>`count(*)::int`,
      numerator: sql<number>`count(*) filter (where ${perAccount.attended})::int`,
    })
    .from(perAccount)
    .groupBy(perAccount.seminarId);
  return new Map(
    rows.map((r) => [
      r.seminarId,
      {
        numerator: r.numerator,
        denominator: r.denominator,
        value: r.denominator ? r.numerator / r.denominator : null,
      },
    ]),
  );
}
export interface Participation {
  numerator: number;
  denominator: number;
  value: number | null;
}
const noParticipation = (): Participation => ({ numerator: 0, denominator: 0, value: null });

const toSession = (s: SessionRow, counts: Map<string, Counts>) => ({
  id: s.id,
  seminarId: s.seminarId,
  startsAt: s.startsAt,
  durationMinutes: s.durationMinutes,
  onlineUrl: s.onlineUrl,
  capacity: s.capacity,
  cancelledAt: s.cancelledAt,
  counts: counts.get(s.id) ?? noCounts(),
});
export type SessionItem = ReturnType<typeof toSession>;

function sumCounts(items: Counts[]): Counts {
  const total = noCounts();
  for (const c of items) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
  return total;
}

/** Seminars (not archived unless asked) with their next sessions and participation. */
export async function listSeminars(
  tx: Queryable,
  workspaceId: string,
  options: { includeArchived?: boolean } & ParticipationPeriod = {},
  now = new Date(),
) {
  const where: SQL[] = [eq(seminars.workspaceId, workspaceId)];
  if (!options.includeArchived) where.push(isNull(seminars.archivedAt));
  const rows = await tx
    .select()
    .from(seminars)
    .where(and(...where))
    .orderBy(asc(seminars.kind), desc(seminars.createdAt));
  const ids = rows.map((r) => r.id);
  const sessions = ids.length
    ? await tx
        .select()
        .from(seminarSessions)
        .where(and(eq(seminarSessions.workspaceId, workspaceId), inArray(seminarSessions.seminarId, ids)))
        .orderBy(asc(seminarSessions.startsAt))
    : [];
  const counts = await sessionCounts(
    tx,
    workspaceId,
    sessions.map((s) => s.id),
  );
  const rates = await participation(tx, workspaceId, { seminarIds: ids, ...options });
  return rows.map((r) => {
    const own = sessions.filter((s) => s.seminarId === r.id);
    return {
      ...seminarFields(r),
      counts: sumCounts(own.map((s) => counts.get(s.id) ?? noCounts())),
      participation: rates.get(r.id) ?? noParticipation(),
      nextSessions: own
        .filter((s) => !s.cancelledAt && s.startsAt.getTime() > now.getTime())
        .slice(0, 3)
        .map((s) => toSession(s, counts)),
      sessions: own.map((s) => toSession(s, counts)),
    };
  });
}

const seminarFields = (r: SeminarRow) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  description: r.description,
  autoInviteTouchModels: r.autoInviteTouchModels,
  autoInviteSince: r.autoInviteSince,
  reminderHours: r.reminderHours,
  archivedAt: r.archivedAt,
  createdAt: r.createdAt,
});

export async function requireSeminar(tx: Queryable, workspaceId: string, id: string) {
  if (!isUuid(id)) throw notFound("Seminar");
  const [row] = await tx
    .select()
    .from(seminars)
    .where(and(eq(seminars.workspaceId, workspaceId), eq(seminars.id, id)));
  if (!row) throw notFound("Seminar");
  return row;
}

export async function requireSession(tx: Queryable, workspaceId: string, id: string) {
  if (!isUuid(id)) throw notFound("Seminar session");
  const [row] = await tx
    .select()
    .from(seminarSessions)
    .where(and(eq(seminarSessions.workspaceId, workspaceId), eq(seminarSessions.id, id)));
  if (!row) throw notFound("Seminar session");
  return row;
}

/** One seminar with all its sessions (oldest first) and participation. */
export async function getSeminar(tx: Queryable, workspaceId: string, id: string, now = new Date()) {
  const row = await requireSeminar(tx, workspaceId, id);
  const sessions = await tx
    .select()
    .from(seminarSessions)
    .where(and(eq(seminarSessions.workspaceId, workspaceId), eq(seminarSessions.seminarId, id)))
    .orderBy(asc(seminarSessions.startsAt));
  const counts = await sessionCounts(
    tx,
    workspaceId,
    sessions.map((s) => s.id),
  );
  const rates = await participation(tx, workspaceId, { seminarIds: [id] });
  const items = sessions.map((s) => toSession(s, counts));
  return {
    ...seminarFields(row),
    counts: sumCounts(items.map((s) => s.counts)),
    participation: rates.get(id) ?? noParticipation(),
    nextSessions: items.filter((s) => !s.cancelledAt && s.startsAt.getTime() > now.getTime()).slice(0, 3),
    sessions: items,
  };
}

const autoSince = (touchModels: string[] | undefined, current: SeminarRow | null, now: Date) => {
  if (touchModels === undefined) return current?.autoInviteSince ?? null;
  if (touchModels.length === 0) return null;
  // Switching on (from none) starts the clock; widening the list keeps it.
  return current?.autoInviteSince ?? now;
};

export async function createSeminar(
  tx: Queryable,
  workspaceId: string,
  input: SeminarInput,
  now = new Date(),
) {
  const [row] = await tx
    .insert(seminars)
    .values({
      workspaceId,
      kind: input.kind,
      title: input.title,
      description: input.description ?? null,
      autoInviteTouchModels: input.autoInviteTouchModels ?? [],
      autoInviteSince: autoSince(input.autoInviteTouchModels, null, now),
      reminderHours: input.reminderHours ?? 24,
    })
    .returning({ id: seminars.id });
  return getSeminar(tx, workspaceId, row!.id, now);
}

export async function updateSeminar(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: SeminarPatch,
  now = new Date(),
) {
  const current = await requireSeminar(tx, workspaceId, id);
  const set: Partial<typeof seminars.$inferInsert> = { updatedAt: now };
  if (patch.kind) set.kind = patch.kind;
  if (patch.title) set.title = patch.title;
  if (patch.description !== undefined) set.description = patch.description ?? null;
  if (patch.autoInviteTouchModels !== undefined) {
    set.autoInviteTouchModels = patch.autoInviteTouchModels;
    set.autoInviteSince = autoSince(patch.autoInviteTouchModels, current, now);
  }
  if (patch.reminderHours !== undefined) set.reminderHours = patch.reminderHours;
  if (patch.archived !== undefined) set.archivedAt = patch.archived ? (current.archivedAt ?? now) : null;
  await tx
    .update(seminars)
    .set(set)
    .where(and(eq(seminars.workspaceId, workspaceId), eq(seminars.id, id)));
  return getSeminar(tx, workspaceId, id, now);
}

async function assertFreeSlot(tx: Queryable, seminarId: string, startsAt: Date, exceptId?: string) {
  const [clash] = await tx
    .select({ id: seminarSessions.id })
    .from(seminarSessions)
    .where(and(eq(seminarSessions.seminarId, seminarId), eq(seminarSessions.startsAt, startsAt)));
  if (clash && clash.id !== exceptId)
    throw new AppError("conflict", "This seminar already has a session at that time", [
      { path: "startsAt", message: "taken" },
    ]);
}

export async function createSession(
  tx: Queryable,
  workspaceId: string,
  seminarId: string,
  input: SessionInput,
) {
  await requireSeminar(tx, workspaceId, seminarId);
  const startsAt = new Date(input.startsAt);
  await assertFreeSlot(tx, seminarId, startsAt);
  const [row] = await tx
    .insert(seminarSessions)
    .values({
      workspaceId,
      seminarId,
      startsAt,
      durationMinutes: input.durationMinutes ?? 60,
      onlineUrl: input.onlineUrl || null,
      capacity: input.capacity ?? null,
    })
    .returning();
  return toSession(row!, new Map());
}

export async function updateSession(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: SessionPatch,
  now = new Date(),
) {
  const current = await requireSession(tx, workspaceId, id);
  const set: Partial<typeof seminarSessions.$inferInsert> = { updatedAt: now };
  if (patch.startsAt !== undefined) {
    const startsAt = new Date(patch.startsAt);
    await assertFreeSlot(tx, current.seminarId, startsAt, id);
    set.startsAt = startsAt;
  }
  if (patch.durationMinutes !== undefined) set.durationMinutes = patch.durationMinutes;
  if (patch.onlineUrl !== undefined) set.onlineUrl = patch.onlineUrl || null;
  if (patch.capacity !== undefined) set.capacity = patch.capacity ?? null;
  if (patch.cancelled !== undefined) set.cancelledAt = patch.cancelled ? (current.cancelledAt ?? now) : null;
  await tx
    .update(seminarSessions)
    .set(set)
    .where(and(eq(seminarSessions.workspaceId, workspaceId), eq(seminarSessions.id, id)));
  // A moved session is reminded of again at its new time.
  if (set.startsAt && set.startsAt.getTime() !== current.startsAt.getTime())
    await tx
      .update(seminarInvitations)
      .set({ reminderQueuedAt: null })
      .where(and(eq(seminarInvitations.workspaceId, workspaceId), eq(seminarInvitations.sessionId, id)));
  const row = await requireSession(tx, workspaceId, id);
  return toSession(row, await sessionCounts(tx, workspaceId, [id]));
}

/** The next session of a seminar that has not started and is not cancelled (null when none is planned). */
export async function nextUpcomingSession(
  tx: Queryable,
  workspaceId: string,
  seminarId: string,
  now = new Date(),
) {
  const [row] = await tx
    .select()
    .from(seminarSessions)
    .where(
      and(
        eq(seminarSessions.workspaceId, workspaceId),
        eq(seminarSessions.seminarId, seminarId),
        isNull(seminarSessions.cancelledAt),
        gt(seminarSessions.startsAt, now),
      ),
    )
    .orderBy(asc(seminarSessions.startsAt))
    .limit(1);
  return row ?? null;
}

/** Upcoming, not cancelled sessions of one seminar, soonest first. */
export async function upcomingSessions(
  tx: Queryable,
  workspaceId: string,
  seminarId: string,
  now = new Date(),
) {
  return tx
    .select()
    .from(seminarSessions)
    .where(
      and(
        eq(seminarSessions.workspaceId, workspaceId),
        eq(seminarSessions.seminarId, seminarId),
        isNull(seminarSessions.cancelledAt),
        gt(seminarSessions.startsAt, now),
      ),
    )
    .orderBy(asc(seminarSessions.startsAt))
    .limit(20);
}
