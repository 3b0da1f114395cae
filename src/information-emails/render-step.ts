import type { Localized } from "../platform/db/schema.ts";
import { dateInZone, zonedTimeToInstant } from "../platform/time.ts";

export interface StepValues {
  accountName: string;
  contactName: string | null;
  /** The account's portal link, or null: lines naming `{{portal_link}}` are then left out. */
  portalLink: string | null;
}

const contactFallback: Localized = { ja: "ご担当者", en: "there" };

function fill(text: string, values: StepValues, locale: "ja" | "en"): string {
  const lines = values.portalLink
    ? text.split("\n")
    : text.split("\n").filter((l) => !l.includes("{{portal_link}}"));
  return lines
    .join("\n")
    .replaceAll("{{account_name}}", values.accountName)
    .replaceAll("{{contact_name}}", values.contactName?.trim() || contactFallback[locale])
    .replaceAll("{{portal_link}}", values.portalLink ?? "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A step's subject and body in one language with the placeholders filled in. */
export function renderStep(
  step: { subject: Localized; body: Localized },
  values: StepValues,
  locale: "ja" | "en",
): { subject: string; text: string } {
  return {
    subject: fill(step.subject[locale], values, locale).replace(/\s+/g, " "),
    text: fill(step.body[locale], values, locale),
  };
}

/** Steps go out at this hour (workspace time zone) of their day. */
export const SEND_HOUR = 10;

/** When a step `dayOffset` days after an onboarding's start is due: 10:00 on that day in the workspace zone. */
export function stepDueAt(startedAt: Date, dayOffset: number, timeZone: string): Date {
  const [y, m, d] = dateInZone(startedAt, timeZone).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d + dayOffset));
  return zonedTimeToInstant(
    day.getUTCFullYear(),
    day.getUTCMonth() + 1,
    day.getUTCDate(),
    timeZone,
    SEND_HOUR,
  );
}
