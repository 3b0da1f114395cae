import type { Queryable } from "../platform/db/client.ts";
import type { Localized } from "../platform/db/schema.ts";
import { asLocale, queueMail } from "../platform/mail/outbox.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { formatSessionTime, type Locale, textIn } from "./seminar-format.ts";

/** The language to write to a contact in (as recipientLocale, for a contact already read): theirs, else the workspace's. */
export function contactLocale(locale: string | null | undefined, workspace: Workspace): Locale {
  return asLocale(locale) ?? workspace.settings["mail.language"] ?? "ja";
}

interface MailSession {
  startsAt: Date;
  durationMinutes: number;
  onlineUrl: string | null;
}

interface MailSeminar {
  title: Localized;
  description: Localized | null;
}

export interface InvitationMail {
  invitationId: string;
  to: string;
  name: string | null;
  contactId: string | null;
  accountId: string;
  locale: Locale;
  seminar: MailSeminar;
  session: MailSession;
  url: string;
}

const greeting = (name: string | null, locale: Locale) =>
  locale === "ja" ? `${name ? `${name} 様` : "ご担当者様"}` : `Dear ${name ?? "customer"},`;

/** Queues the invitation (marketing mail: an unsubscribed contact does not get it). */
export async function queueInvitationMail(tx: Queryable, workspace: Workspace, mail: InvitationMail) {
  const { locale, seminar, session } = mail;
  const title = textIn(seminar.title, locale);
  const description = textIn(seminar.description, locale);
  const when = formatSessionTime(
    session.startsAt,
    session.durationMinutes,
    workspace.settings.timezone,
    locale,
  );
  const subject = locale === "ja" ? `「${title}」のご案内` : `Invitation: ${title}`;
  const text =
    locale === "ja"
      ? [
          greeting(mail.name, locale),
          "",
          `「${title}」のご案内です。`,
          "",
          `日時: ${when}`,
          "会場: オンライン",
          ...(description ? ["", description] : []),
          "",
          "参加登録・ご辞退は下のリンクからお願いします（別の日程も選べます）。",
          mail.url,
        ].join("\n")
      : [
          greeting(mail.name, locale),
          "",
          `You are invited to "${title}".`,
          "",
          `When: ${when}`,
          "Where: online",
          ...(description ? ["", description] : []),
          "",
          "Register or decline with the link below (you can also choose another date):",
          mail.url,
        ].join("\n");
  return queueMail(tx, workspace.id, {
    to: mail.to,
    contactId: mail.contactId,
    accountId: mail.accountId,
    locale,
    purpose: "marketing",
    category: "seminar_invitation",
    subject,
    text,
    dedupeKey: `seminar-invitation:${mail.invitationId}`,
  });
}

export interface ReminderMail {
  invitationId: string;
  sessionId: string;
  to: string;
  name: string | null;
  contactId: string | null;
  accountId: string;
  locale: Locale;
  seminar: MailSeminar;
  session: MailSession;
}

/** Queues the reminder to a registered contact (transactional: they asked to come). */
export async function queueReminderMail(tx: Queryable, workspace: Workspace, mail: ReminderMail) {
  const { locale, seminar, session } = mail;
  const title = textIn(seminar.title, locale);
  const when = formatSessionTime(
    session.startsAt,
    session.durationMinutes,
    workspace.settings.timezone,
    locale,
  );
  const subject = locale === "ja" ? `【リマインド】「${title}」のご参加について` : `Reminder: ${title}`;
  const text =
    locale === "ja"
      ? [
          greeting(mail.name, locale),
          "",
          `ご登録いただいた「${title}」の開催が近づいてまいりました。`,
          "",
          `日時: ${when}`,
          ...(session.onlineUrl ? [`参加URL: ${session.onlineUrl}`] : []),
          "",
          "当日お会いできるのを楽しみにしております。",
        ].join("\n")
      : [
          greeting(mail.name, locale),
          "",
          `"${title}", which you registered for, is coming up.`,
          "",
          `When: ${when}`,
          ...(session.onlineUrl ? [`Join: ${session.onlineUrl}`] : []),
          "",
          "We look forward to seeing you.",
        ].join("\n");
  return queueMail(tx, workspace.id, {
    to: mail.to,
    contactId: mail.contactId,
    accountId: mail.accountId,
    locale,
    purpose: "transactional",
    category: "seminar_reminder",
    subject,
    text,
    dedupeKey: `seminar-reminder:${mail.invitationId}:${mail.sessionId}`,
  });
}
