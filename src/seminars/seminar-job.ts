import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { type Db, inWorkspace, rowsOf, type Tx } from "../platform/db/client.ts";
import { contacts, seminarInvitations, seminarSessions, seminars } from "../platform/db/schema.ts";
import type { Services } from "../platform/http/context.ts";
import { startRecurringJob } from "../platform/jobs/recurring-job.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { createInvitations } from "./invitations.ts";
import { contactLocale, queueReminderMail } from "./seminar-mail.ts";
import { nextUpcomingSession } from "./seminars.ts";

/** How often the seminar job looks for new onboardings to invite and reminders that are due. */
export const SEMINAR_JOB_EVERY_MS = 5 * 60 * 1000;

/**
 * Invites the contacts of onboardings started since a seminar's automatic invitations were switched
 * on (for its touch models) to its next session. A contact already invited to the seminar is left
 * alone, and the (session, e-mail) key makes a second run — or a second instance — do nothing.
 */
export async function autoInvite(tx: Tx, workspace: Workspace, publicUrl: string, now = new Date()) {
  const offered = await tx
    .select()
    .from(seminars)
    .where(
      and(
        eq(seminars.workspaceId, workspace.id),
        isNull(seminars.archivedAt),
        isNotNull(seminars.autoInviteSince),
        sql`cardinality(${seminars.autoInviteTouchModels}) > 0`,
      ),
    );
  let invited = 0;
  for (const seminar of offered) {
    const session = await nextUpcomingSession(tx, workspace.id, seminar.id, now);
    if (!session) continue;
    const models = sql.join(
      seminar.autoInviteTouchModels.map((m) => sql`${m}`),
      sql`, `,
    );
    const targets = await tx.execute(sql`
      select distinct c.account_id as "accountId", c.id as "contactId", lower(c.email) as "email",
             c.name as "name", c.locale as "locale"
      from onboardings o
      join accounts a on a.id = o.account_id and a.workspace_id = o.workspace_id
      join ${contacts} c on c.account_id = o.account_id and c.workspace_id = o.workspace_id
      where o.workspace_id = ${workspace.id}
        and o.started_at >= ${seminar.autoInviteSince!.toISOString()}::timestamptz
        and o.started_at <= ${now.toISOString()}::timestamptz
        and o.completed_at is null and o.status not in ('completed', 'churned')
        and coalesce(o.touch_model, a.touch_model) in (${models})
        and c.email <> ''
        and not exists (
          select 1 from ${seminarInvitations} i
          where i.workspace_id = o.workspace_id and i.seminar_id = ${seminar.id} and i.contact_email = lower(c.email)
        )
      limit 2000`);
    const rows = rowsOf<{
      accountId: string;
      contactId: string;
      email: string;
      name: string | null;
      locale: string | null;
    }>(targets);
    if (rows.length === 0) continue;
    const created = await createInvitations(tx, workspace, session, rows, { source: "auto", publicUrl, now });
    invited += created.length;
  }
  return invited;
}

/** Queues the reminder of each registered contact whose session starts within the seminar's reminder time — once. */
export async function queueReminders(tx: Tx, workspace: Workspace, now = new Date()) {
  const due = await tx
    .select({
      invitation: seminarInvitations,
      session: seminarSessions,
      seminar: seminars,
      contact: contacts,
    })
    .from(seminarInvitations)
    .innerJoin(seminarSessions, eq(seminarSessions.id, seminarInvitations.sessionId))
    .innerJoin(seminars, eq(seminars.id, seminarInvitations.seminarId))
    .leftJoin(contacts, eq(contacts.id, seminarInvitations.contactId))
    .where(
      and(
        eq(seminarInvitations.workspaceId, workspace.id),
        eq(seminarInvitations.status, "registered"),
        isNull(seminarInvitations.reminderQueuedAt),
        isNull(seminarSessions.cancelledAt),
        gt(seminarSessions.startsAt, now),
        sql`${seminarSessions.startsAt} <= ${now.toISOString()}::timestamptz + ${seminars.reminderHours} * interval '1 hour'`,
      ),
    )
    .limit(2000);
  let queued = 0;
  for (const { invitation, session, seminar, contact } of due) {
    // Claim it first: of two instances, only the one whose update finds it unclaimed sends.
    const claimed = await tx
      .update(seminarInvitations)
      .set({ reminderQueuedAt: now })
      .where(and(eq(seminarInvitations.id, invitation.id), isNull(seminarInvitations.reminderQueuedAt)))
      .returning({ id: seminarInvitations.id });
    if (claimed.length === 0) continue;
    await queueReminderMail(tx, workspace, {
      invitationId: invitation.id,
      sessionId: session.id,
      to: invitation.contactEmail,
      name: contact?.name ?? null,
      contactId: invitation.contactId,
      accountId: invitation.accountId,
      locale: contactLocale(contact?.locale, workspace),
      seminar,
      session,
    });
    queued++;
  }
  return queued;
}

/** One run over every workspace with seminars: automatic invitations, then reminders. */
export async function runSeminarJob(
  db: Db,
  publicUrl: string,
  now = new Date(),
  onError: (workspaceId: string, err: unknown) => void = (_id, err) => {
    throw err;
  },
) {
  const ids = await db
    .selectDistinct({ workspaceId: seminars.workspaceId })
    .from(seminars)
    .where(isNull(seminars.archivedAt));
  let invited = 0;
  let reminded = 0;
  for (const { workspaceId } of ids) {
    const workspace = await getWorkspaceById(db, workspaceId);
    if (!workspace) continue;
    // One workspace's trouble does not hold up the others.
    try {
      invited += await inWorkspace(db, workspace.id, (tx) => autoInvite(tx, workspace, publicUrl, now));
      reminded += await inWorkspace(db, workspace.id, (tx) => queueReminders(tx, workspace, now));
    } catch (err) {
      onError(workspace.id, err);
    }
  }
  return { invited, reminded };
}

/** Starts the seminar job (`embark start`). */
export function startSeminarJob(services: Services) {
  return startRecurringJob(services, {
    name: "seminars",
    everyMs: SEMINAR_JOB_EVERY_MS,
    run: async (s, now) => {
      await runSeminarJob(s.database.db, s.config.publicUrl, now, (workspaceId, err) =>
        s.log.error({ err, workspaceId, job: "seminars" }, "seminar job failed for a workspace"),
      );
    },
  });
}
