import { z } from "zod";

export const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** The settings of shared/CONTRACT.md; the stored JSON is read through this so defaults always apply. */
export const workspaceSettings = z.object({
  timezone: z.string().refine(isTimeZone, "must be an IANA time zone such as Asia/Tokyo").default("UTC"),
  "kpi.targetDays": z.coerce.number().int().min(1).max(3650).default(60),
  "activation.events": z
    .preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : v,
      z.array(z.string().min(1)),
    )
    .default([]),
  "activation.mode": z.enum(["any", "all"]).default("any"),
  /** Team load warns when one CSM carries more than this share of the high-touch accounts. */
  "team.highTouchShareLimit": z.coerce.number().gt(0).max(1).default(0.4),
  /** `onboarding_phase`: an onboarding starts by itself when an account is created in, or enters, the onboarding phase. */
  "onboarding.autoStart": z.enum(["off", "onboarding_phase"]).default("off"),
  /** An onboarding without progress for this many days is stalled. */
  "onboarding.stallDays": z.coerce.number().int().min(1).max(365).default(14),
  /** Usage frequency looks at the active days within this many days up to today. */
  "usage.windowDays": z.coerce.number().int().min(7).max(366).default(28),
  /** Active on at least this many days of the window: daily use. */
  "usage.dailyMinDays": z.coerce.number().int().min(1).max(366).default(15),
  /** Active on at least this many days of the window: weekly use (fewer, but at least one: monthly). */
  "usage.weeklyMinDays": z.coerce.number().int().min(1).max(366).default(4),
  /** What a `group` call's traits (name, industry, employees, plan) do to accounts. */
  "events.groupTraits": z.enum(["ignore", "create", "create_update"]).default("ignore"),
  /** How long a new portal link stays valid. */
  "portal.linkDays": z.coerce.number().int().min(1).max(730).default(90),
  /** Slack-style incoming webhook (POST {"text": …}) for staff notifications; "" turns them off. */
  "notifications.chatWebhookUrl": z
    .string()
    .trim()
    .refine((v) => v === "" || /^https?:\/\/[^\s/]+/i.test(v), "must be an http:// or https:// URL")
    .refine((v) => v === "" || URL.canParse(v), "must be an http:// or https:// URL")
    .default(""),
  /** The day the KPI definition settings (kpi.targetDays, activation.*) were last reviewed; "" = since the workspace was created. */
  "kpi.definitionsReviewedOn": z.union([z.literal(""), z.iso.date()]).default(""),
  /** Where off-track KPI alerts and review reminders go besides the dashboard. */
  "kpi.alertNotifications": z.enum(["off", "email", "chat", "both"]).default("off"),
  /** The language of mail to contacts (and staff) whose own language is not known. */
  "mail.language": z.enum(["ja", "en"]).default("ja"),
  /** Who gets the monthly KPI report by e-mail (previous month, on the 1st); empty: nobody. */
  "report.recipients": z
    .preprocess(
      (v) => {
        const list = typeof v === "string" ? v.split(/[,;\s]+/) : v;
        return Array.isArray(list) ? list.map((s) => String(s).trim().toLowerCase()).filter(Boolean) : list;
      },
      z.array(z.email("must be e-mail addresses separated by commas")).max(50),
    )
    .default([]),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettings>;
export const settingKeys = Object.keys(workspaceSettings.shape) as (keyof WorkspaceSettings)[];

export function readSettings(stored: Record<string, unknown>): WorkspaceSettings {
  const parsed = workspaceSettings.safeParse(stored);
  return parsed.success ? parsed.data : workspaceSettings.parse({});
}

/** Validates a partial change and returns the full new settings. */
export function changeSettings(
  current: Record<string, unknown>,
  change: Record<string, unknown>,
): z.ZodSafeParseResult<WorkspaceSettings> {
  return workspaceSettings
    .strict()
    .superRefine((v, ctx) => {
      if (v["usage.dailyMinDays"] <= v["usage.weeklyMinDays"])
        ctx.addIssue({
          code: "custom",
          path: ["usage.dailyMinDays"],
          message: "must be more than usage.weeklyMinDays",
        });
      if (v["usage.dailyMinDays"] > v["usage.windowDays"])
        ctx.addIssue({
          code: "custom",
          path: ["usage.dailyMinDays"],
          message: "must not be more than usage.windowDays",
        });
    })
    .safeParse({ ...readSettings(current), ...change });
}

export function formatSetting(value: WorkspaceSettings[keyof WorkspaceSettings]): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}
