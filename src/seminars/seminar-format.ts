import type { Localized } from "../platform/db/schema.ts";

export type Locale = "ja" | "en";

/** A session's date and time in the workspace time zone, as a person reads it in `locale`. */
export function formatSessionTime(startsAt: Date, durationMinutes: number, timeZone: string, locale: Locale) {
  const end = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const tag = locale === "ja" ? "ja-JP" : "en-US";
  const day = new Intl.DateTimeFormat(tag, {
    timeZone,
    year: "numeric",
    month: locale === "ja" ? "long" : "short",
    day: "numeric",
    weekday: "short",
  }).format(startsAt);
  const time = (d: Date) =>
    new Intl.DateTimeFormat(tag, { timeZone, hour: "2-digit", minute: "2-digit", hour12: false }).format(d);
  return `${day} ${time(startsAt)}–${time(end)} (${timeZone})`;
}

/** The text of `value` in `locale`, falling back to the other language when one is empty. */
export const textIn = (value: Localized | null | undefined, locale: Locale) =>
  value ? value[locale] || value[locale === "ja" ? "en" : "ja"] || "" : "";
