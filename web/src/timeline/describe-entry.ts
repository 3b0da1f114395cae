// A readable line for a change the system recorded, from its kind and data (the title is English).
import type { TFunction } from "i18next";
import type { TimelineEntry } from "./timeline-api";

const str = (v: unknown) => (typeof v === "string" ? v : "");
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
    default:
      return entry.title ?? t(`timeline.kinds.${entry.kind}`, { defaultValue: entry.kind });
  }
}
