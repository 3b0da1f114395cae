import { and, asc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { accounts, contacts, seminarInvitations, seminarSessions, seminars } from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { isMailAddress } from "../platform/mail/outbox.ts";
import { hashPortalToken, newPortalToken } from "../portal/portal-links.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { contactLocale, queueInvitationMail } from "./seminar-mail.ts";
import type { InvitationPatch, InvitationSource, InviteInput } from "./seminar-schemas.ts";
import { requireSeminar, requireSession, type SessionRow } from "./seminars.ts";

/** The registration link's secret: as strong as a portal link's, only its hash is stored. */
export const newSeminarToken = newPortalToken;
export const hashSeminarToken = hashPortalToken;
export const registrationUrl = (publicUrl: string, token: string) => `${publicUrl}/seminar/${token}`;

export interface InviteTarget {
  accountId: string;
  contactId: string | null;
  email: string;
  name: string | null;
  locale: string | null;
}

export interface InviteOptions {
  source: InvitationSource;
  userId?: string | null;
  publicUrl: string;
  now?: Date;
  /** Imports bring history: no mail, the given invitation time and attendance. */
  sendMail?: boolean;
}

/**
 * Invites people to a session: one invitation per (session, e-mail) — inviting again does nothing —
 * each with its own registration link, mailed in the contact's language in the same transaction.
 * Returns the invitations created.
 */
export async function createInvitations(
  tx: Queryable,
  workspace: Workspace,
  session: SessionRow,
  targets: InviteTarget[],
  options: InviteOptions,
) {
  const now = options.now ?? new Date();
  const seen = new Set<string>();
  const unique = targets.filter((t) => {
    const email = t.email.trim().toLowerCase();
    if (!isMailAddress(email) || seen.has(email)) return false;
    seen.add(email);
    return true;
  });
  if (unique.length === 0) return [];
  const seminar = await requireSeminar(tx, workspace.id, session.seminarId);
  const tokens = new Map(unique.map((t) => [t.email.trim().toLowerCase(), newSeminarToken()]));
  const created = await tx
    .insert(seminarInvitations)
    .values(
      unique.map((t) => {
        const email = t.email.trim().toLowerCase();
        return {
          workspaceId: workspace.id,
          seminarId: session.seminarId,
          sessionId: session.id,
          accountId: t.accountId,
          contactId: t.contactId,
          contactEmail: email,
          invitedAt: now,
          tokenHash: hashSeminarToken(tokens.get(email)!),
          source: options.source,
          invitedBy: options.userId ?? null,
        };
      }),
    )
    .onConflictDoNothing({ target: [seminarInvitations.sessionId, seminarInvitations.contactEmail] })
    .returning();
  const byEmail = new Map(unique.map((t) => [t.email.trim().toLowerCase(), t]));
  if (options.sendMail !== false)
    for (const inv of created) {
      const target = byEmail.get(inv.contactEmail)!;
      await queueInvitationMail(tx, workspace, {
        invitationId: inv.id,
        to: inv.contactEmail,
        name: target.name,
        contactId: inv.contactId,
        accountId: inv.accountId,
        locale: contactLocale(target.locale, workspace),
        seminar,
        session,
        url: registrationUrl(options.publicUrl, tokens.get(inv.contactEmail)!),
      });
    }
  const perAccount = new Map<string, string[]>();
  for (const inv of created)
    perAccount.set(inv.accountId, [...(perAccount.get(inv.accountId) ?? []), inv.contactEmail]);
  for (const [accountId, emails] of perAccount)
    await recordTimeline(tx, {
      workspaceId: workspace.id,
      accountId,
      kind: "seminar",
      occurredAt: now,
      actorUserId: options.userId ?? null,
      actorLabel: options.userId ? null : options.source,
      data: {
        action: "invited",
        seminarId: seminar.id,
        sessionId: session.id,
        seminarTitle: seminar.title,
        seminarKind: seminar.kind,
        startsAt: session.startsAt.toISOString(),
        emails,
        source: options.source,
      },
    });
  return created;
}

/** The contacts an invitation by hand, by segment or by touch model reaches (accounts not churned). */
export async function resolveTargets(tx: Queryable, workspaceId: string, input: InviteInput) {
  const where: SQL[] = [eq(contacts.workspaceId, workspaceId)];
  if (input.contactIds?.length) where.push(inArray(contacts.id, input.contactIds));
  else {
    where.push(ne(accounts.lifecyclePhase, "churned"), isNull(accounts.churnedAt));
    if (input.segment) where.push(eq(accounts.segment, input.segment));
    if (input.touchModel) where.push(eq(accounts.touchModel, input.touchModel));
  }
  const rows = await tx
    .select({
      accountId: contacts.accountId,
      contactId: contacts.id,
      email: contacts.email,
      name: contacts.name,
      locale: contacts.locale,
    })
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(and(...where))
    .orderBy(asc(contacts.email))
    .limit(20_000);
  if (input.contactIds?.length && rows.length < new Set(input.contactIds).size)
    throw new AppError("validation_failed", "Some of the contacts are not in this workspace", [
      { path: "contactIds", message: "unknown contact" },
    ]);
  return rows;
}

/** Staff invite to an upcoming session: chosen contacts, a segment or a touch model. */
export async function inviteToSession(
  tx: Queryable,
  workspace: Workspace,
  sessionId: string,
  input: InviteInput,
  options: { userId: string | null; publicUrl: string; now?: Date },
) {
  const now = options.now ?? new Date();
  const session = await requireSession(tx, workspace.id, sessionId);
  if (session.cancelledAt) throw new AppError("conflict", "The session is cancelled");
  if (session.startsAt.getTime() <= now.getTime())
    throw new AppError("conflict", "The session has already started");
  const targets = await resolveTargets(tx, workspace.id, input);
  const withEmail = targets.filter((t) => isMailAddress(t.email.trim().toLowerCase()));
  const created = await createInvitations(tx, workspace, session, withEmail, {
    source: input.contactIds?.length ? "manual" : "segment",
    userId: options.userId,
    publicUrl: options.publicUrl,
    now,
  });
  return {
    invited: created.length,
    alreadyInvited: withEmail.length - created.length,
    withoutEmail: targets.length - withEmail.length,
  };
}

const invitationColumns = {
  id: seminarInvitations.id,
  sessionId: seminarInvitations.sessionId,
  seminarId: seminarInvitations.seminarId,
  accountId: seminarInvitations.accountId,
  accountName: accounts.name,
  contactId: seminarInvitations.contactId,
  contactName: contacts.name,
  contactEmail: seminarInvitations.contactEmail,
  invitedAt: seminarInvitations.invitedAt,
  status: seminarInvitations.status,
  respondedAt: seminarInvitations.respondedAt,
  attended: seminarInvitations.attended,
  source: seminarInvitations.source,
  reminderQueuedAt: seminarInvitations.reminderQueuedAt,
};

/** A session's invitations, by account and e-mail. */
export async function listInvitations(tx: Queryable, workspaceId: string, sessionId: string) {
  await requireSession(tx, workspaceId, sessionId);
  return tx
    .select(invitationColumns)
    .from(seminarInvitations)
    .innerJoin(accounts, eq(accounts.id, seminarInvitations.accountId))
    .leftJoin(contacts, eq(contacts.id, seminarInvitations.contactId))
    .where(and(eq(seminarInvitations.workspaceId, workspaceId), eq(seminarInvitations.sessionId, sessionId)))
    .orderBy(asc(accounts.name), asc(seminarInvitations.contactEmail));
}

/** An account's seminar invitations, newest session first (for the account page). */
export async function accountInvitations(tx: Queryable, workspaceId: string, accountId: string) {
  return tx
    .select({
      ...invitationColumns,
      seminarTitle: seminars.title,
      seminarKind: seminars.kind,
      startsAt: seminarSessions.startsAt,
    })
    .from(seminarInvitations)
    .innerJoin(accounts, eq(accounts.id, seminarInvitations.accountId))
    .innerJoin(seminars, eq(seminars.id, seminarInvitations.seminarId))
    .innerJoin(seminarSessions, eq(seminarSessions.id, seminarInvitations.sessionId))
    .leftJoin(contacts, eq(contacts.id, seminarInvitations.contactId))
    .where(and(eq(seminarInvitations.workspaceId, workspaceId), eq(seminarInvitations.accountId, accountId)))
    .orderBy(sql`${seminarSessions.startsAt} desc`);
}

async function requireInvitation(tx: Queryable, workspaceId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("Invitation");
  const [row] = await tx
    .select()
    .from(seminarInvitations)
    .where(and(eq(seminarInvitations.workspaceId, workspaceId), eq(seminarInvitations.id, id)));
  if (!row) throw notFound("Invitation");
  return row;
}

export type InvitationRow = typeof seminarInvitations.$inferSelect;

/** Records attendance (or a registration/decline on the contact's behalf) and notes it on the timeline. */
export async function updateInvitation(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: InvitationPatch,
  actor: { userId?: string | null; label?: string | null },
  now = new Date(),
) {
  const current = await requireInvitation(tx, workspaceId, id);
  if (patch.attended !== undefined && patch.attended !== current.attended)
    await setAttendance(tx, workspaceId, [current], patch.attended, actor, now);
  if (patch.status && patch.status !== current.status)
    await setStatus(tx, workspaceId, current, patch.status, actor, now);
  const [row] = await tx
    .select(invitationColumns)
    .from(seminarInvitations)
    .innerJoin(accounts, eq(accounts.id, seminarInvitations.accountId))
    .leftJoin(contacts, eq(contacts.id, seminarInvitations.contactId))
    .where(and(eq(seminarInvitations.workspaceId, workspaceId), eq(seminarInvitations.id, id)));
  return row!;
}

async function seminarFacts(tx: Queryable, workspaceId: string, sessionId: string) {
  const [row] = await tx
    .select({
      seminarId: seminars.id,
      title: seminars.title,
      kind: seminars.kind,
      startsAt: seminarSessions.startsAt,
    })
    .from(seminarSessions)
    .innerJoin(seminars, eq(seminars.id, seminarSessions.seminarId))
    .where(and(eq(seminarSessions.workspaceId, workspaceId), eq(seminarSessions.id, sessionId)));
  return {
    seminarId: row!.seminarId,
    sessionId,
    seminarTitle: row!.title,
    seminarKind: row!.kind,
    startsAt: row!.startsAt.toISOString(),
  };
}

/** Sets attendance on invitations (all of one session) and records each change on its account's timeline. */
export async function setAttendance(
  tx: Queryable,
  workspaceId: string,
  invitations: InvitationRow[],
  attended: boolean | null,
  actor: { userId?: string | null; label?: string | null },
  now = new Date(),
) {
  const changed = invitations.filter((i) => i.attended !== attended);
  if (changed.length === 0) return 0;
  await tx
    .update(seminarInvitations)
    .set({ attended, updatedAt: now })
    .where(
      and(
        eq(seminarInvitations.workspaceId, workspaceId),
        inArray(
          seminarInvitations.id,
          changed.map((i) => i.id),
        ),
      ),
    );
  const facts = await seminarFacts(tx, workspaceId, changed[0]!.sessionId);
  for (const inv of changed)
    await recordTimeline(tx, {
      workspaceId,
      accountId: inv.accountId,
      kind: "seminar",
      occurredAt: now,
      actorUserId: actor.userId ?? null,
      actorLabel: actor.label ?? null,
      data: {
        action: attended === null ? "attendance_cleared" : attended ? "attended" : "absent",
        ...facts,
        email: inv.contactEmail,
      },
    });
  return changed.length;
}

/** Registers or declines (or resets to invited) with a timeline entry. */
export async function setStatus(
  tx: Queryable,
  workspaceId: string,
  invitation: InvitationRow,
  status: InvitationRow["status"],
  actor: { userId?: string | null; label?: string | null },
  now = new Date(),
) {
  if (invitation.status === status) return;
  await tx
    .update(seminarInvitations)
    .set({ status, respondedAt: status === "invited" ? null : now, updatedAt: now })
    .where(and(eq(seminarInvitations.workspaceId, workspaceId), eq(seminarInvitations.id, invitation.id)));
  if (status === "invited") return;
  await recordTimeline(tx, {
    workspaceId,
    accountId: invitation.accountId,
    kind: "seminar",
    occurredAt: now,
    actorUserId: actor.userId ?? null,
    actorLabel: actor.label ?? null,
    data: {
      action: status,
      ...(await seminarFacts(tx, workspaceId, invitation.sessionId)),
      email: invitation.contactEmail,
    },
  });
}

/** Upcoming session for `accountId`'s contacts: the account's contacts with an e-mail. */
export async function accountContacts(tx: Queryable, workspaceId: string, accountId: string) {
  return tx
    .select({
      accountId: contacts.accountId,
      contactId: contacts.id,
      email: contacts.email,
      name: contacts.name,
      locale: contacts.locale,
    })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.accountId, accountId)))
    .orderBy(asc(contacts.createdAt));
}

/** Contacts matching a search (name, e-mail or account name), for choosing whom to invite. */
export async function searchContacts(tx: Queryable, workspaceId: string, q: string) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return tx
    .select({
      contactId: contacts.id,
      name: contacts.name,
      email: contacts.email,
      accountId: accounts.id,
      accountName: accounts.name,
    })
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        q
          ? sql`(${contacts.email} ilike ${like} or ${contacts.name} ilike ${like} or ${accounts.name} ilike ${like})`
          : undefined,
      ),
    )
    .orderBy(asc(accounts.name), asc(contacts.email))
    .limit(30);
}
