import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Tx } from "../db/client.ts";
import { accounts, contacts, mailOutbox } from "../db/schema.ts";
import { asLocale, type MailLocale } from "./outbox.ts";

const DAY_MS = 86_400_000;

interface DemoMail {
  category: string;
  purpose: "transactional" | "marketing";
  daysAgo: number;
  status: "sent" | "failed" | "suppressed";
  lastError?: string;
  texts: Record<MailLocale, { subject: string; text: string }>;
}

const welcome: DemoMail["texts"] = {
  ja: {
    subject: "ウェルカムセミナーのご案内",
    text: "ご担当者様\n\nこのたびはご導入いただきありがとうございます。\n初期設定と基本操作をご紹介するウェルカムセミナー（オンライン・約 60 分）を開催します。\nぜひご参加ください。",
  },
  en: {
    subject: "Join our welcome seminar",
    text: "Hello,\n\nThank you for choosing us. Our online welcome seminar (about 60 minutes) walks you through the set-up and the basics.\nWe look forward to seeing you there.",
  },
};
const tips: DemoMail["texts"] = {
  ja: {
    subject: "活用のヒント: ダッシュボードをチームで共有する",
    text: "ご担当者様\n\nダッシュボードはワンクリックでチームに共有できます。\n週次の定例で同じ数字を見ることから始めてみてください。",
  },
  en: {
    subject: "Tip: share a dashboard with your team",
    text: "Hello,\n\nA dashboard can be shared with your team in one click.\nStart by looking at the same numbers in your weekly meeting.",
  },
};
const nps: DemoMail["texts"] = {
  ja: {
    subject: "サービスのご満足度アンケートのお願い（1 分）",
    text: "ご担当者様\n\nいつもご利用いただきありがとうございます。\nサービスを友人や同僚に薦める可能性を 0〜10 でお聞かせください。",
  },
  en: {
    subject: "How likely are you to recommend us? (1 minute)",
    text: "Hello,\n\nThank you for using our service.\nHow likely are you to recommend it to a friend or colleague, from 0 to 10?",
  },
};

const history: DemoMail[] = [
  { category: "seminar_invitation", purpose: "marketing", daysAgo: 12, status: "sent", texts: welcome },
  { category: "information", purpose: "marketing", daysAgo: 9, status: "sent", texts: tips },
  { category: "survey", purpose: "transactional", daysAgo: 6, status: "sent", texts: nps },
  {
    category: "seminar_invitation",
    purpose: "marketing",
    daysAgo: 4,
    status: "failed",
    lastError: "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table",
    texts: welcome,
  },
  { category: "information", purpose: "marketing", daysAgo: 2, status: "sent", texts: tips },
  {
    category: "information",
    purpose: "marketing",
    daysAgo: 1,
    status: "suppressed",
    lastError: "unsubscribed",
    texts: tips,
  },
];

/**
 * A little outbox history for the demo: invitations, tips and a survey already sent, one refused by
 * the recipient's server, one not sent because the contact unsubscribed. Written to the first
 * contacts of the demo's accounts, in their language. (What the demo's jobs queue later comes on top.)
 */
export async function generateDemoOutbox(tx: Tx, workspaceId: string, now: Date) {
  const people = await tx
    .select({ id: contacts.id, email: contacts.email, locale: contacts.locale, accountId: accounts.id })
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(and(eq(contacts.workspaceId, workspaceId), isNotNull(accounts.ownerId)))
    .orderBy(asc(accounts.externalId), asc(contacts.email))
    .limit(history.length);
  for (const [i, mail] of history.entries()) {
    const person = people[i];
    if (!person) break;
    const locale = asLocale(person.locale) ?? "ja";
    const at = new Date(now.getTime() - mail.daysAgo * DAY_MS);
    if (mail.status === "suppressed")
      await tx
        .update(contacts)
        .set({ unsubscribedAt: new Date(at.getTime() - DAY_MS) })
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, person.id)));
    await tx.insert(mailOutbox).values({
      workspaceId,
      to: person.email,
      contactId: person.id,
      accountId: person.accountId,
      locale,
      purpose: mail.purpose,
      category: mail.category,
      subject: mail.texts[locale].subject,
      text: mail.texts[locale].text,
      status: mail.status,
      attempts: mail.status === "suppressed" ? 0 : 1,
      nextAttemptAt: at,
      lastError: mail.lastError ?? null,
      sentAt: mail.status === "sent" ? new Date(at.getTime() + 20_000) : null,
      createdAt: at,
    });
  }
}
