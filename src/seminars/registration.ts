import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/db/client.ts";
import { contacts, seminarInvitations, seminarSessions } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { PORTAL_TOKEN } from "../portal/portal-links.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { hashSeminarToken, type InvitationRow, setStatus } from "./invitations.ts";
import { contactLocale } from "./seminar-mail.ts";
import { requireSeminar, upcomingSessions } from "./seminars.ts";

/** The invitation a registration token names, across workspaces (the token is the only credential). */
export async function findInvitationByToken(db: Db, token: string) {
  if (!PORTAL_TOKEN.test(token)) return null;
  const [row] = await db
    .select()
    .from(seminarInvitations)
    .where(eq(seminarInvitations.tokenHash, hashSeminarToken(token)));
  return row ?? null;
}

async function registeredCount(tx: Tx, sessionId: string, exceptId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(seminarInvitations)
    .where(
      and(
        eq(seminarInvitations.sessionId, sessionId),
        eq(seminarInvitations.status, "registered"),
        ne(seminarInvitations.id, exceptId),
      ),
    );
  return row?.n ?? 0;
}

/** What the registration page shows: this invitation, its seminar and the dates one can choose. */
export async function registrationView(
  tx: Tx,
  workspace: Workspace,
  invitation: InvitationRow,
  now = new Date(),
) {
  const seminar = await requireSeminar(tx, workspace.id, invitation.seminarId);
  const [session] = await tx
    .select()
    .from(seminarSessions)
    .where(and(eq(seminarSessions.workspaceId, workspace.id), eq(seminarSessions.id, invitation.sessionId)));
  const [contact] = invitation.contactId
    ? await tx
        .select({ name: contacts.name, locale: contacts.locale })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspace.id), eq(contacts.id, invitation.contactId)))
    : [];
  const upcoming = await upcomingSessions(tx, workspace.id, seminar.id, now);
  const options = [];
  for (const s of upcoming) {
    const taken = s.capacity === null ? 0 : await registeredCount(tx, s.id, invitation.id);
    options.push({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      durationMinutes: s.durationMinutes,
      full: s.capacity !== null && taken >= s.capacity,
    });
  }
  const registered = invitation.status === "registered";
  return {
    locale: contactLocale(contact?.locale, workspace),
    timeZone: workspace.settings.timezone,
    contact: { name: contact?.name ?? null, email: invitation.contactEmail },
    seminar: { kind: seminar.kind, title: seminar.title, description: seminar.description },
    invitation: { status: invitation.status, attended: invitation.attended },
    session: {
      id: session!.id,
      startsAt: session!.startsAt.toISOString(),
      durationMinutes: session!.durationMinutes,
      onlineUrl: registered ? session!.onlineUrl : null,
      cancelled: session!.cancelledAt !== null,
      past: session!.startsAt.getTime() <= now.getTime(),
    },
    sessions: options,
  };
}
export type RegistrationView = Awaited<ReturnType<typeof registrationView>>;

const actorOf = (invitation: InvitationRow, name: string | null) => ({
  label: name ? `${name} <${invitation.contactEmail}>` : invitation.contactEmail,
});

/**
 * Registers for the invitation's session, or for another upcoming session of the same seminar
 * (the invitation moves there; an unanswered invitation of the same person to that session gives way).
 */
export async function register(
  tx: Tx,
  workspace: Workspace,
  invitation: InvitationRow,
  sessionId: string | undefined,
  now = new Date(),
) {
  const target = sessionId ?? invitation.sessionId;
  const [session] = await tx
    .select()
    .from(seminarSessions)
    .where(
      and(
        eq(seminarSessions.workspaceId, workspace.id),
        eq(seminarSessions.id, target),
        eq(seminarSessions.seminarId, invitation.seminarId),
      ),
    );
  if (!session)
    throw new AppError("validation_failed", "Choose one of the listed dates", [
      { path: "sessionId", message: "unknown session" },
    ]);
  if (session.cancelledAt || session.startsAt.getTime() <= now.getTime())
    throw new AppError("conflict", "This date can no longer be chosen");
  if (session.capacity !== null && (await registeredCount(tx, session.id, invitation.id)) >= session.capacity)
    throw new AppError("conflict", "This date is full; please choose another");
  const [contact] = invitation.contactId
    ? await tx.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, invitation.contactId))
    : [];
  let current = invitation;
  if (session.id !== invitation.sessionId) {
    await tx
      .delete(seminarInvitations)
      .where(
        and(
          eq(seminarInvitations.workspaceId, workspace.id),
          eq(seminarInvitations.sessionId, session.id),
          eq(seminarInvitations.contactEmail, invitation.contactEmail),
        ),
      );
    const [moved] = await tx
      .update(seminarInvitations)
      .set({
        sessionId: session.id,
        reminderQueuedAt: null,
        attended: null,
        status: "invited",
        updatedAt: now,
      })
      .where(and(eq(seminarInvitations.workspaceId, workspace.id), eq(seminarInvitations.id, invitation.id)))
      .returning();
    current = moved!;
  }
  await setStatus(tx, workspace.id, current, "registered", actorOf(current, contact?.name ?? null), now);
}

export async function decline(tx: Tx, workspace: Workspace, invitation: InvitationRow, now = new Date()) {
  const [contact] = invitation.contactId
    ? await tx.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, invitation.contactId))
    : [];
  await setStatus(tx, workspace.id, invitation, "declined", actorOf(invitation, contact?.name ?? null), now);
}

export async function reloadInvitation(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(seminarInvitations)
    .where(and(eq(seminarInvitations.workspaceId, workspaceId), eq(seminarInvitations.id, id)));
  return row!;
}
