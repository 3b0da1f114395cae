// Dates and numbers in the current language, dates in the workspace time zone.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../auth/me-query";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export type Formatters = {
  date: (value: string | null | undefined) => string;
  dateTime: (value: string | null | undefined) => string;
  number: (value: number | null | undefined) => string;
  yen: (value: number | null | undefined) => string;
};

export function makeFormatters(lang: string, timeZone: string): Formatters {
  const locale = lang === "en" ? "en" : "ja";
  const tz = safeTimeZone(timeZone);
  const dateFmt = new Intl.DateTimeFormat(locale, {
    timeZone: tz,
    year: "numeric",
    month: "short",
    day: "numeric",
  });
  const dateOnlyFmt = new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    year: "numeric",
    month: "short",
    day: "numeric",
  });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, {
    timeZone: tz,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
  const numberFmt = new Intl.NumberFormat(locale);
  const yenFmt = new Intl.NumberFormat(locale, { style: "currency", currency: "JPY" });
  const empty = "—";
  const when = (value: string | null | undefined, f: Intl.DateTimeFormat) => {
    if (!value) return empty;
    if (DATE_ONLY.test(value)) return dateOnlyFmt.format(new Date(`${value}T00:00:00Z`));
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : f.format(d);
  };
  return {
    date: (value) => when(value, dateFmt),
    dateTime: (value) => when(value, dateTimeFmt),
    number: (value) => (value === null || value === undefined ? empty : numberFmt.format(value)),
    yen: (value) => (value === null || value === undefined ? empty : yenFmt.format(value)),
  };
}

function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the time zone — what a date field edits. */
export function toZonedDay(value: string | null | undefined, timeZone: string): string | null {
  if (!value) return null;
  if (DATE_ONLY.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: safeTimeZone(timeZone),
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const me = useMe();
  const lang = i18n.resolvedLanguage ?? "ja";
  const tz = me.workspace.settings.timezone;
  return useMemo(() => makeFormatters(lang, tz), [lang, tz]);
}

export function useWorkspaceTimeZone(): string {
  return useMe().workspace.settings.timezone;
}
