// A readable line for a change the system recorded, from its kind and data (the title is English).
import i18n, { type TFunction } from "i18next";
import { describeSeminarEntry } from "../seminars/describe-seminar-entry";
import type { TimelineEntry } from "./timeline-api";

const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" ? v : 0);
/** A {ja,en} text (or a plain string) in the UI language. */
const text = (v: unknown, lang: string): string => {
  if (typeof v === "string") return v;
  if (v && typeof v === "object") {
    const l = v as { ja?: unknown; en?: unknown };
    const ja = str(l.ja);
    const en = str(l.en);
    return lang === "en" ? en || ja : ja || en;
  }
  return "";
};
/** A YYYY-MM-DD day as the language writes it (2026年12月1日 / Dec 1, 2026). */
const dateOnly = (v: string, lang: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(v)
    ? new Intl.DateTimeFormat(lang === "en" ? "en" : "ja", {
        timeZone: "UTC",
        year: "numeric",
        month: "short",
        day: "numeric",
      }).format(new Date(`${v}T00:00:00Z`))
    : v;
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export function describeEntry(entry: TimelineEntry, t: TFunction): string {
  const d = entry.data;
  switch (entry.kind) {
    case "handoff": {
      if (d.action === "completed") return t("timeline.system.handoffCompleted");
      const fields = list(d.fields).map((f) => t(`handoff.fields.${f}`, { defaultValue: f }));
      const line = fields.length
        ? t("timeline.system.handoffUpdatedFields", { fields: fields.join("、") })
        : t("timeline.system.handoffUpdated");
      return d.completionCleared ? `${line} ${t("timeline.system.handoffReopened")}` : line;
    }
    case "hearing":
      return t("timeline.system.hearingAnswered", {
        name: str(d.templateName),
        count: list(d.questionIds).length,
      });
    case "touch_model":
      return t("timeline.system.touchModelChanged", {
        from: t(`touchModels.${str(d.from)}`, { defaultValue: str(d.from) }),
        to: t(`touchModels.${str(d.to)}`, { defaultValue: str(d.to) }),
        source: t(`classification.sources.${str(d.source)}`, { defaultValue: str(d.source) }),
      });
    case "lifecycle":
      return t("timeline.system.lifecycleChanged", {
        from: t(`phases.${str(d.from)}`, { defaultValue: str(d.from) }),
        to: t(`phases.${str(d.to)}`, { defaultValue: str(d.to) }),
      });
    case "onboarding":
      return describeOnboarding(d, t);
    case "follow_up": {
      const action = t(`onboarding.timelineLines.followUpActions.${str(d.followUpAction)}`, {
        defaultValue: str(d.followUpAction),
      });
      const trigger = t(`onboarding.timelineLines.followUpTriggers.${str(d.trigger)}`, {
        defaultValue: str(d.trigger),
      });
      return t(`onboarding.timelineLines.followUp.${str(d.action)}`, {
        action,
        trigger,
        reason: str(d.reason),
        defaultValue: t("onboarding.timelineLines.followUp.other", { action }),
      });
    }
    case "portal": {
      const lang = i18n.resolvedLanguage ?? "ja";
      return t(`onboarding.timelineLines.portal.${str(d.action)}`, {
        label: str(d.label) || t("onboarding.portal.unnamed"),
        days: num(d.expiresInDays),
        task: text(d.taskTitle, lang),
        defaultValue: t("onboarding.timelineLines.portal.other"),
      });
    }
    case "seminar":
      return describeSeminarEntry(d, t);
    case "mail":
      return t(`mail.timeline.${str(d.action)}`, { email: str(d.email), defaultValue: entry.title ?? "" });
    default:
      return entry.title ?? t(`timeline.kinds.${entry.kind}`, { defaultValue: entry.kind });
  }
}

function describeOnboarding(d: Record<string, unknown>, t: TFunction): string {
  const lang = i18n.resolvedLanguage ?? "ja";
  const action = str(d.action);
  const values = {
    task: text(d.taskTitle ?? d.title, lang),
    criterion: text(d.criterionTitle ?? d.title, lang),
    meeting: text(d.meetingTitle ?? d.title, lang),
    template: str(d.templateName),
    date: dateOnly(str(d.to ?? d.targetDate), lang),
    reason: str(d.reason),
    because: t(`onboarding.timelineLines.because.${str(d.because)}`, { defaultValue: str(d.because) }),
    meetingType: t(`timeline.meetingTypes.${str(d.meetingType ?? d.type)}`, { defaultValue: "" }),
  };
  if (action === "completed")
    return values.reason
      ? t("onboarding.timelineLines.onboarding.completedWithReason", values)
      : t(`onboarding.timelineLines.onboarding.completed_${str(d.source) || "csm"}`, {
          ...values,
          defaultValue: t("onboarding.timelineLines.onboarding.completed"),
        });
  if (action === "target_date_changed" && !values.date)
    return t("onboarding.timelineLines.onboarding.target_date_cleared");
  if (action === "criterion_met" && !values.criterion)
    return t("onboarding.timelineLines.onboarding.criterionMetUntitled");
  return t(`onboarding.timelineLines.onboarding.${action}`, {
    ...values,
    defaultValue: t("onboarding.timelineLines.onboarding.other"),
  });
}
