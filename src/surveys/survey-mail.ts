import type { Localized } from "../platform/db/schema.ts";
import type { MailLocale } from "../platform/mail/outbox.ts";

/** A {ja,en} text in one language, falling back to the other when it is empty. */
export const inLocale = (text: Localized, locale: MailLocale) =>
  (locale === "en" ? text.en || text.ja : text.ja || text.en).trim();

function formatDay(at: Date, locale: MailLocale, timeZone: string) {
  return new Intl.DateTimeFormat(locale === "en" ? "en-US" : "ja-JP", {
    timeZone,
    year: "numeric",
    month: locale === "en" ? "short" : "long",
    day: "numeric",
  }).format(at);
}

/** The survey e-mail to a contact, in their language. */
export function surveyInvitation(args: {
  locale: MailLocale;
  title: Localized;
  intro: Localized;
  contactName: string | null;
  accountName: string;
  url: string;
  closesAt: Date;
  timeZone: string;
}) {
  const { locale, url } = args;
  const title = inLocale(args.title, locale);
  const intro = inLocale(args.intro, locale);
  const until = formatDay(args.closesAt, locale, args.timeZone);
  if (locale === "en") {
    const greeting = args.contactName ? `Dear ${args.contactName},` : `Dear ${args.accountName} team,`;
    return {
      subject: `Survey: ${title}`,
      text: [
        greeting,
        "",
        intro || "We would like to hear how things are going. Your answer helps us support you better.",
        "",
        "Please answer here (it takes about a minute):",
        url,
        "",
        `You can answer, and change your answer, until ${until}.`,
      ].join("\n"),
    };
  }
  const greeting = args.contactName ? `${args.contactName} 様` : `${args.accountName} ご担当者様`;
  return {
    subject: `【アンケートのお願い】${title}`,
    text: [
      greeting,
      "",
      intro ||
        "いつもご利用いただきありがとうございます。今後のご支援に活かすため、アンケートへのご協力をお願いいたします。",
      "",
      "以下のリンクからご回答ください（1分ほどで終わります）。",
      url,
      "",
      `回答期限: ${until}（期限までは回答を変更できます）`,
    ].join("\n"),
  };
}

const kindLabel = { nps: "NPS", csat: "CSAT", custom: "" } as const;

/** The CSM's notice of a low score, in both languages (the outbox picks the CSM's). */
export function detractorNotice(args: {
  kind: "nps" | "csat" | "custom";
  score: number;
  comment: string | null;
  accountName: string;
  who: string | null;
  surveyTitle: Localized | null;
  accountUrl: string;
  taskAdded: boolean;
}) {
  const label = `${kindLabel[args.kind]} ${args.score}`.trim();
  const comment = args.comment?.trim();
  const ja = {
    subject: `【要フォロー】${args.accountName} から低評価の回答（${label}）`,
    text: [
      `${args.accountName} の${args.who ? ` ${args.who} 様から` : ""}アンケートに低評価の回答がありました。`,
      "",
      `アンケート: ${args.surveyTitle ? inLocale(args.surveyTitle, "ja") : "（インポート）"}`,
      `スコア: ${label}`,
      `コメント: ${comment || "（なし）"}`,
      "",
      args.taskAdded
        ? "フォローアップのタスクをオンボーディング計画に追加しました。早めにご連絡してください。"
        : "早めにご連絡してください。",
      args.accountUrl,
    ].join("\n"),
  };
  const en = {
    subject: `[Follow up] Low survey score from ${args.accountName} (${label})`,
    text: [
      `${args.accountName}${args.who ? ` (${args.who})` : ""} answered a survey with a low score.`,
      "",
      `Survey: ${args.surveyTitle ? inLocale(args.surveyTitle, "en") : "(imported)"}`,
      `Score: ${label}`,
      `Comment: ${comment || "(none)"}`,
      "",
      args.taskAdded
        ? "A follow-up task was added to the onboarding plan. Please get in touch soon."
        : "Please get in touch soon.",
      args.accountUrl,
    ].join("\n"),
  };
  const chat = `:warning: ${args.accountName}: ${label}${comment ? ` — “${comment.slice(0, 300)}”` : ""}${args.who ? ` (${args.who})` : ""} ${args.accountUrl}`;
  return { ja, en, chat };
}
