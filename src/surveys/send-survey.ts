import { and, eq, gt, ilike, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { accounts, contacts, surveySends } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { queueMail, recipientLocale } from "../platform/mail/outbox.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { hashSurveyToken, newSurveyToken, surveyUrl } from "./survey-links.ts";
import { surveyInvitation } from "./survey-mail.ts";
import type { SendInput } from "./survey-schemas.ts";
import { getSurvey, type SurveyView } from "./surveys.ts";

const DAY_MS = 86_400_000;

export const skipReasons = ["unsubscribed", "already_open", "churned"] as const;
export type SkipReason = (typeof skipReasons)[number];

export interface Recipient {
  contactId: string;
  name: string | null;
  email: string;
  role: string | null;
  accountId: string;
  accountName: string;
}

const recipientColumns = {
  contactId: contacts.id,
  name: contacts.name,
  email: contacts.email,
  role: contacts.role,
  accountId: accounts.id,
  accountName: accounts.name,
  unsubscribedAt: contacts.unsubscribedAt,
  phase: accounts.lifecyclePhase,
};

/**
 * Who a send would reach, and who it skips and why: unsubscribed contacts (a survey is not
 * transactional mail), contacts who already hold an open link to this survey, churned accounts.
 */
export async function resolveRecipients(
  tx: Queryable,
  workspace: Workspace,
  survey: SurveyView,
  input: SendInput,
  now = new Date(),
) {
  const where: SQL[] = [eq(contacts.workspaceId, workspace.id)];
  if (input.contactIds?.length) where.push(inArray(contacts.id, input.contactIds));
  else if (input.segment) where.push(eq(accounts.segment, input.segment));
  else return { recipients: [], skipped: [] };
  if (input.roles.length) where.push(inArray(contacts.role, input.roles));
  const rows = await tx
    .select(recipientColumns)
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(and(...where))
    .orderBy(accounts.name, contacts.email);
  const ids = rows.map((r) => r.contactId);
  const open = ids.length
    ? await tx
        .selectDistinct({ contactId: surveySends.contactId })
        .from(surveySends)
        .where(
          and(
            eq(surveySends.workspaceId, workspace.id),
            eq(surveySends.surveyId, survey.id),
            inArray(surveySends.contactId, ids),
            gt(surveySends.closesAt, now),
          ),
        )
    : [];
  const openIds = new Set(open.map((o) => o.contactId));
  const recipients: Recipient[] = [];
  const skipped: (Recipient & { reason: SkipReason })[] = [];
  for (const { unsubscribedAt, phase, ...r } of rows) {
    // A segment send leaves churned accounts out without listing them; a chosen contact is told why.
    if (phase === "churned") {
      if (input.contactIds?.length) skipped.push({ ...r, reason: "churned" });
    } else if (unsubscribedAt) skipped.push({ ...r, reason: "unsubscribed" });
    else if (openIds.has(r.contactId)) skipped.push({ ...r, reason: "already_open" });
    else recipients.push(r);
  }
  return { recipients, skipped };
}

export interface NewSend {
  surveyId: string;
  accountId: string;
  contactId: string;
  onboardingId?: string | null;
  triggerId?: string | null;
  source: "manual" | "segment" | "trigger";
  sentBy?: string | null;
}

/**
 * Creates one send with its own link and queues its e-mail, in the caller's transaction. A trigger's
 * send is unique per (trigger, onboarding, contact): when it exists already, nothing happens (null).
 */
export async function createSend(
  tx: Queryable,
  workspace: Workspace,
  survey: Pick<SurveyView, "id" | "title" | "intro" | "closeAfterDays">,
  send: NewSend,
  publicUrl: string,
  now = new Date(),
): Promise<{ id: string; url: string } | null> {
  const token = newSurveyToken();
  const closesAt = new Date(now.getTime() + survey.closeAfterDays * DAY_MS);
  const [row] = await tx
    .insert(surveySends)
    .values({
      workspaceId: workspace.id,
      surveyId: survey.id,
      accountId: send.accountId,
      contactId: send.contactId,
      onboardingId: send.onboardingId ?? null,
      triggerId: send.triggerId ?? null,
      tokenHash: hashSurveyToken(token),
      source: send.source,
      sentBy: send.sentBy ?? null,
      sentAt: now,
      closesAt,
    })
    .onConflictDoNothing()
    .returning({ id: surveySends.id });
  if (!row) return null;
  const [contact] = await tx
    .select({ email: contacts.email, name: contacts.name, accountName: accounts.name })
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(and(eq(contacts.workspaceId, workspace.id), eq(contacts.id, send.contactId)));
  if (!contact) throw new AppError("not_found", "Contact not found");
  const locale = await recipientLocale(tx, workspace, send.contactId);
  const url = surveyUrl(publicUrl, token);
  const mail = surveyInvitation({
    locale,
    title: survey.title,
    intro: survey.intro,
    contactName: contact.name,
    accountName: contact.accountName,
    url,
    closesAt,
    timeZone: workspace.settings.timezone,
  });
  await queueMail(tx, workspace.id, {
    to: contact.email,
    contactId: send.contactId,
    accountId: send.accountId,
    locale,
    purpose: "marketing",
    category: "survey",
    subject: mail.subject,
    text: mail.text,
    dedupeKey: `survey-send:${row.id}`,
  });
  return { id: row.id, url };
}

/** Sends a survey to chosen contacts or a segment's contacts (with the chosen roles). */
export async function sendSurvey(
  tx: Queryable,
  workspace: Workspace,
  surveyId: string,
  input: SendInput,
  userId: string | null,
  publicUrl: string,
  now = new Date(),
) {
  const survey = await getSurvey(tx, workspace.id, surveyId);
  if (survey.archivedAt) throw new AppError("conflict", "This survey is archived");
  const { recipients, skipped } = await resolveRecipients(tx, workspace, survey, input, now);
  for (const r of recipients)
    await createSend(
      tx,
      workspace,
      survey,
      {
        surveyId: survey.id,
        accountId: r.accountId,
        contactId: r.contactId,
        source: input.contactIds?.length ? "manual" : "segment",
        sentBy: userId,
      },
      publicUrl,
      now,
    );
  return { sent: recipients.length, recipients, skipped };
}

/** The sends of a survey with where each stands, newest first. */
export async function listSends(tx: Queryable, workspaceId: string, surveyId: string, now = new Date()) {
  const rows = await tx
    .select({
      id: surveySends.id,
      accountId: surveySends.accountId,
      accountName: accounts.name,
      contactId: surveySends.contactId,
      contactName: contacts.name,
      contactEmail: contacts.email,
      source: surveySends.source,
      sentAt: surveySends.sentAt,
      closesAt: surveySends.closesAt,
      openedAt: surveySends.openedAt,
      answeredAt: sql<
        string | null
      >`(select r.answered_at from survey_responses r where r.send_id = survey_sends.id)`,
      score: sql<number | null>`(select r.score from survey_responses r where r.send_id = survey_sends.id)`,
    })
    .from(surveySends)
    .innerJoin(accounts, eq(accounts.id, surveySends.accountId))
    .innerJoin(contacts, eq(contacts.id, surveySends.contactId))
    .where(
      and(
        eq(surveySends.workspaceId, workspaceId),
        eq(surveySends.surveyId, surveyId),
        ne(surveySends.source, "portal"),
      ),
    )
    .orderBy(sql`${surveySends.sentAt} desc`, surveySends.id)
    .limit(500);
  return rows.map((r) => ({
    ...r,
    answeredAt: r.answeredAt ? new Date(r.answeredAt).toISOString() : null,
    status: r.answeredAt
      ? "answered"
      : r.closesAt.getTime() <= now.getTime()
        ? "closed"
        : r.openedAt
          ? "opened"
          : "sent",
  }));
}

/** Contacts to pick from when sending by hand: by name, e-mail or account name. */
export async function searchContacts(tx: Queryable, workspaceId: string, q: string) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return tx
    .select({ ...recipientColumns, unsubscribed: sql<boolean>`${contacts.unsubscribedAt} is not null` })
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        q
          ? or(ilike(contacts.name, like), ilike(contacts.email, like), ilike(accounts.name, like))
          : undefined,
      ),
    )
    .orderBy(accounts.name, contacts.email)
    .limit(50)
    .then((rows) => rows.map(({ unsubscribedAt: _u, phase: _p, ...r }) => r));
}
