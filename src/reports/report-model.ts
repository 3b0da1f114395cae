import type { KpiSet, KpiValue } from "../kpis/compute-kpis.ts";
import type { KpiDefinition, KpiId } from "../kpis/kpi-definitions.ts";

export const reportLanguages = ["ja", "en"] as const;
export type ReportLanguage = (typeof reportLanguages)[number];

export interface ReportKpi {
  id: KpiId;
  definition: KpiDefinition;
  current: KpiValue;
  previous: KpiValue;
  /** `current.value − previous.value`; null when either has no data. */
  change: number | null;
  /** The 12 months ending with the report's month, oldest first. */
  trend: { month: string; value: number | null }[];
}

export const reportBreakdownDimensions = ["segment", "touch_model", "owner"] as const;
export type ReportBreakdownDimension = (typeof reportBreakdownDimensions)[number];

export interface ReportBreakdown {
  by: ReportBreakdownDimension;
  /** `label` is what people read: the segment's name, the touch model, the CSM's name. */
  groups: { key: string | null; label: string; kpis: KpiSet }[];
}

export type NotableKind = "improved" | "worsened" | "off_track" | "at_risk";

export interface NotableChange {
  kind: NotableKind;
  kpi: KpiId;
  current: number | null;
  previous: number | null;
  target: number | null;
}

export interface CustomerVoice {
  survey: "nps" | "csat";
  band: "detractor" | "promoter";
  score: number;
  comment: string;
  accountName: string;
  answeredAt: string;
}

/** Everything the monthly report shows, in one language; each format renders this. */
export interface MonthlyReport {
  lang: ReportLanguage;
  /** YYYY-MM */
  month: string;
  workspaceName: string;
  timezone: string;
  period: { from: string; to: string };
  asOf: string;
  kpis: ReportKpi[];
  funnel: { started: number; activated: number; completed: number };
  breakdowns: ReportBreakdown[];
  notable: NotableChange[];
  voices: CustomerVoice[];
}
