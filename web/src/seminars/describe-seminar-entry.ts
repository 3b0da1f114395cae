// The account timeline's line for a seminar entry (invited, registered, declined, attended, absent).
import type { TFunction } from "i18next";
import i18n from "i18next";

const str = (v: unknown) => (typeof v === "string" ? v : "");

export function describeSeminarEntry(d: Record<string, unknown>, t: TFunction): string {
  const lang = i18n.resolvedLanguage === "en" ? "en" : "ja";
  const title = d.seminarTitle as { ja?: string; en?: string } | undefined;
  const name = (lang === "en" ? title?.en || title?.ja : title?.ja || title?.en) ?? "";
  const date = str(d.startsAt)
    ? new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric" }).format(
        new Date(str(d.startsAt)),
      )
    : "";
  const emails = Array.isArray(d.emails) ? d.emails.join(", ") : "";
  return t(`seminars.timeline.${str(d.action)}`, {
    title: name || t("seminars.title"),
    date,
    email: str(d.email),
    emails,
    defaultValue: t("seminars.timeline.other", { title: name }),
  });
}
