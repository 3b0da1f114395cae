// The KPI JSON (/api/v1/kpis, /kpis/trend, /kpis/definitions) as the web app reads it; mirrors src/kpis/compute-kpis.ts.
import type { Localized } from "../platform/types";

export const kpiIds = [
  "onboarding_completion_rate",
  "completed_within_target_rate",
  "activation_rate",
  "onboarding_churn_rate",
  "avg_days_to_churn",
  "nps",
  "csat",
  "avg_first_response_hours",
  "avg_onboarding_lead_days",
  "welcome_seminar_participation_rate",
] as const;
export type KpiId = (typeof kpiIds)[number];

export const breakdownDimensions = [
  "segment",
  "touch_model",
  "plan",
  "industry",
  "owner",
  "cohort_month",
] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

export type KpiValue = {
  value: number | null;
  numerator?: number;
  denominator?: number;
  interval?: [number, number] | null;
  n?: number;
  mean?: number | null;
  median?: number | null;
  p90?: number | null;
  unanswered?: number;
  promoters?: number;
  passives?: number;
  detractors?: number;
  target: number | null;
  status: "no_target" | "on_track" | "at_risk" | "off_track" | "no_data";
};
export type KpiSet = Record<KpiId, KpiValue>;

/** The account filters of the KPI endpoints; owner by the CSM's e-mail, NONE for accounts without one. */
export const filterKeys = ["segment", "touchModel", "owner", "plan"] as const;
export type FilterKey = (typeof filterKeys)[number];
export type KpiFilters = Partial<Record<FilterKey, string[]>>;
export const NONE = "none";

export type KpiResult = {
  period: { from: string; to: string; timezone: string };
  asOf: string;
  filters?: KpiFilters;
  kpis: KpiSet;
  breakdown?: { by: BreakdownDimension; groups: { key: string | null; kpis: KpiSet }[] };
};

export type KpiDefinition = {
  id: KpiId;
  name: Localized;
  explanation: Localized;
  direction: "higher" | "lower";
  kind: "rate" | "average" | "nps";
  unit: "ratio" | "days" | "hours" | "score";
  population: boolean;
};

export type Period = { from: string; to: string };

export const cohortWindows = [30, 60, 90] as const;

export type CohortTable = {
  timezone: string;
  asOf: string;
  filters?: KpiFilters;
  cohorts: {
    month: string;
    started: number;
    windows: { days: number; matured: number; completed: number; share: number | null }[];
  }[];
};
