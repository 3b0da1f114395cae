import type { Participation, SeminarKind } from "./seminars-api";

export const kindColors: Record<SeminarKind, string> = { welcome: "teal", training: "indigo", other: "gray" };

/** "42%" (or null when nobody was invited). */
export function percent(p: Participation, lang: string): string | null {
  if (p.value === null) return null;
  return new Intl.NumberFormat(lang === "en" ? "en" : "ja", {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(p.value);
}

/** A session's date, weekday and time range in the workspace time zone. */
export function sessionWhen(startsAt: string, minutes: number, lang: string, timeZone: string): string {
  const locale = lang === "en" ? "en-US" : "ja-JP";
  const start = new Date(startsAt);
  const end = new Date(start.getTime() + minutes * 60_000);
  const day = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: lang === "en" ? "short" : "long",
    day: "numeric",
    weekday: "short",
  }).format(start);
  const time = (d: Date) =>
    new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(d);
  return `${day} ${time(start)}–${time(end)}`;
}
