import { and, eq, gt, isNull } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { accounts, contacts, surveyResponses, surveySends, surveys } from "../platform/db/schema.ts";
import { recipientLocale } from "../platform/mail/outbox.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { SurveySend } from "./survey-links.ts";

/**
 * What the person answering sees: this send's survey, their answer so far and until when it can
 * change — nothing about other sends, other contacts or the account beyond its name.
 */
export async function answerView(tx: Tx, workspace: Workspace, send: SurveySend) {
  const [row] = await tx
    .select({
      kind: surveys.kind,
      title: surveys.title,
      intro: surveys.intro,
      questions: surveys.questions,
      accountName: accounts.name,
      contactName: contacts.name,
    })
    .from(surveys)
    .innerJoin(accounts, eq(accounts.id, send.accountId))
    .innerJoin(contacts, eq(contacts.id, send.contactId))
    .where(and(eq(surveys.workspaceId, workspace.id), eq(surveys.id, send.surveyId)));
  const [response] = await tx
    .select({
      score: surveyResponses.score,
      comment: surveyResponses.comment,
      answers: surveyResponses.answers,
      answeredAt: surveyResponses.answeredAt,
      updatedAt: surveyResponses.updatedAt,
    })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.workspaceId, workspace.id), eq(surveyResponses.sendId, send.id)));
  return {
    id: send.id,
    survey: row ? { kind: row.kind, title: row.title, intro: row.intro, questions: row.questions } : null,
    accountName: row?.accountName ?? "",
    contactName: row?.contactName ?? null,
    locale: await recipientLocale(tx, workspace, send.contactId),
    closesAt: send.closesAt.toISOString(),
    timeZone: workspace.settings.timezone,
    response: response
      ? {
          ...response,
          answeredAt: response.answeredAt.toISOString(),
          updatedAt: response.updatedAt.toISOString(),
        }
      : null,
  };
}
export type AnswerView = Awaited<ReturnType<typeof answerView>>;

/** Marks a send opened the first time its link is visited. */
export async function markOpened(tx: Tx, workspaceId: string, sendId: string, now = new Date()) {
  await tx
    .update(surveySends)
    .set({ openedAt: now })
    .where(
      and(eq(surveySends.workspaceId, workspaceId), eq(surveySends.id, sendId), isNull(surveySends.openedAt)),
    );
}

/** The open sends of one contact of one account (what the portal shows the identified visitor). */
export async function openSendsOf(
  tx: Tx,
  workspaceId: string,
  accountId: string,
  contactId: string,
  now = new Date(),
) {
  return tx
    .select()
    .from(surveySends)
    .innerJoin(surveys, eq(surveys.id, surveySends.surveyId))
    .where(
      and(
        eq(surveySends.workspaceId, workspaceId),
        eq(surveySends.accountId, accountId),
        eq(surveySends.contactId, contactId),
        gt(surveySends.closesAt, now),
        isNull(surveys.archivedAt),
      ),
    )
    .orderBy(surveySends.sentAt)
    .then((rows) => rows.map((r) => r.survey_sends));
}
