import { and, eq, sql } from "drizzle-orm";
import { readSettings, type WorkspaceSettings } from "../../workspaces/workspace-settings.ts";
import type { Queryable } from "../db/client.ts";
import { contacts, mailOutbox, users, workspaces } from "../db/schema.ts";
import { AppError } from "../http/errors.ts";

export type MailLocale = "ja" | "en";
export const mailStatuses = ["queued", "sending", "sent", "failed", "suppressed"] as const;
export type MailStatus = (typeof mailStatuses)[number];
export const mailChannels = ["email", "chat"] as const;
export type MailChannel = (typeof mailChannels)[number];

export interface MailToQueue {
  /** E-mail address. */
  to: string;
  /** A customer contact: unsubscribe is keyed on it. */
  contactId?: string | null;
  /** Shown in the outbox; the outbox filters by account. */
  accountId?: string | null;
  /** The recipient's language (contacts: `recipientLocale`). */
  locale: MailLocale;
  /** Marketing mail gets an unsubscribe link and is not sent (status "suppressed") to an unsubscribed contact. */
  purpose: "transactional" | "marketing";
  /** "survey" | "seminar_invitation" | "seminar_reminder" | "information" | "notification" | … */
  category: string;
  subject: string;
  /** Plain-text body, already in `locale`; the outbox appends the footer. */
  text: string;
  /** Optional; when absent the outbox renders one from text. */
  html?: string;
  /** Unique per workspace: queuing the same key again does nothing. */
  dedupeKey?: string;
  /** Not before this instant. */
  sendAfter?: Date;
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;
export const isMailAddress = (to: string) => EMAIL.test(to) && to.length <= 320;

/**
 * Queues an e-mail in the caller's transaction (so a rolled-back change sends nothing). Marketing mail
 * without a `contactId` is matched to the workspace's contact of that address, if there is one.
 * - `{ id, queued: true }`: a new row, delivered by the background sender.
 * - `{ id: null, queued: false }`: the `dedupeKey` was queued before; nothing changed.
 * - `{ id, queued: false }`: marketing mail to an unsubscribed contact, kept as "suppressed" (never sent).
 * An address that is not an e-mail address is a `validation_failed` error.
 */
export async function queueMail(
  tx: Queryable,
  workspaceId: string,
  mail: MailToQueue,
): Promise<{ id: string | null; queued: boolean }> {
  const to = mail.to.trim();
  if (!isMailAddress(to)) throw new AppError("validation_failed", `"${mail.to}" is not an e-mail address`);
  // Marketing mail is keyed on a contact (the unsubscribe link); an address of a known contact is theirs.
  const contactId =
    mail.contactId ?? (mail.purpose === "marketing" ? await contactByAddress(tx, workspaceId, to) : null);
  const suppressed =
    mail.purpose === "marketing" && contactId ? await isUnsubscribed(tx, workspaceId, contactId) : false;
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      workspaceId,
      channel: "email",
      to,
      contactId,
      accountId: mail.accountId ?? null,
      locale: mail.locale === "en" ? "en" : "ja",
      purpose: mail.purpose,
      category: mail.category,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      dedupeKey: mail.dedupeKey ?? null,
      status: suppressed ? "suppressed" : "queued",
      lastError: suppressed ? "unsubscribed" : null,
      ...(mail.sendAfter ? { nextAttemptAt: mail.sendAfter } : {}),
    })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id });
  if (!row) return { id: null, queued: false };
  return { id: row.id, queued: !suppressed };
}

/**
 * Queues a chat notification (Slack's incoming-webhook format, `{"text": …}`), delivered to the
 * workspace setting `notifications.chatWebhookUrl` at send time. Nothing is queued (`queued: false`)
 * when the setting is empty or the `dedupeKey` was queued before.
 */
export async function queueChatNotification(
  tx: Queryable,
  workspaceId: string,
  note: { text: string; dedupeKey?: string; accountId?: string | null },
): Promise<{ queued: boolean }> {
  const settings = await settingsOf(tx, workspaceId);
  const url = settings["notifications.chatWebhookUrl"];
  if (!url) return { queued: false };
  const [row] = await tx
    .insert(mailOutbox)
    .values({
      workspaceId,
      channel: "chat",
      to: webhookLabel(url),
      accountId: note.accountId ?? null,
      locale: settings["mail.language"],
      purpose: "transactional",
      category: "notification",
      subject: "",
      text: note.text,
      dedupeKey: note.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id });
  return { queued: Boolean(row) };
}

/** What the outbox shows for a webhook: its host only (the URL itself is a secret). */
export function webhookLabel(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return "webhook";
  }
}

/**
 * Queues a notification e-mail to a staff user (e.g. the account's CSM) in their language (their
 * own setting, else the workspace's `mail.language`). Returns `{ id: null, queued: false }` when the
 * user does not exist or has no address; otherwise as `queueMail`.
 */
export async function queueStaffNotification(
  tx: Queryable,
  workspaceId: string,
  userId: string,
  texts: Record<MailLocale, { subject: string; text: string }>,
  dedupeKey?: string,
  extra: { accountId?: string | null; category?: string } = {},
): Promise<{ id: string | null; queued: boolean }> {
  const [user] = await tx
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.email || !isMailAddress(user.email)) return { id: null, queued: false };
  const locale = asLocale(user.locale) ?? (await settingsOf(tx, workspaceId))["mail.language"];
  return queueMail(tx, workspaceId, {
    to: user.email,
    accountId: extra.accountId ?? null,
    locale,
    purpose: "transactional",
    category: extra.category ?? "notification",
    subject: texts[locale].subject,
    text: texts[locale].text,
    dedupeKey,
  });
}

/**
 * The language to write to a contact in: the contact's own (`contacts.locale`, "ja"/"en", also
 * "ja-JP"/"en-US"), else the workspace's `mail.language` (Japanese unless changed).
 * `workspace` is the workspace id or an object carrying its settings.
 */
export async function recipientLocale(
  tx: Queryable,
  workspace: string | { id: string; settings: Pick<WorkspaceSettings, "mail.language"> },
  contactId: string | null | undefined,
): Promise<MailLocale> {
  const workspaceId = typeof workspace === "string" ? workspace : workspace.id;
  if (contactId) {
    const [contact] = await tx
      .select({ locale: contacts.locale })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
    const own = asLocale(contact?.locale);
    if (own) return own;
  }
  if (typeof workspace !== "string") return workspace.settings["mail.language"] ?? "ja";
  return (await settingsOf(tx, workspaceId))["mail.language"];
}

export function asLocale(value: string | null | undefined): MailLocale | null {
  const v = value?.trim().toLowerCase() ?? "";
  if (v === "ja" || v.startsWith("ja-") || v.startsWith("ja_")) return "ja";
  if (v === "en" || v.startsWith("en-") || v.startsWith("en_")) return "en";
  return null;
}

async function settingsOf(tx: Queryable, workspaceId: string) {
  const [row] = await tx
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return readSettings(row?.settings ?? {});
}

async function contactByAddress(tx: Queryable, workspaceId: string, address: string) {
  const [row] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, address.toLowerCase())));
  return row?.id ?? null;
}

export async function isUnsubscribed(tx: Queryable, workspaceId: string, contactId: string) {
  const [row] = await tx
    .select({ at: contacts.unsubscribedAt })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
  return Boolean(row?.at);
}

/** The workspace's outbox counts by status (for the outbox screen). */
export async function outboxCounts(tx: Queryable, workspaceId: string) {
  const rows = await tx
    .select({ status: mailOutbox.status, n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .where(eq(mailOutbox.workspaceId, workspaceId))
    .groupBy(mailOutbox.status);
  return Object.fromEntries(mailStatuses.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<
    MailStatus,
    number
  >;
}
