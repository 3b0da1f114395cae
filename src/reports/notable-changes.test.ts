import { describe, expect, it } from "vitest";
import type { KpiValue } from "../kpis/compute-kpis.ts";
import { type KpiId, kpiDefinitions } from "../kpis/kpi-definitions.ts";
import { findNotableChanges } from "./notable-changes.ts";
import type { ReportKpi } from "./report-model.ts";

const value = (v: number | null, extra: Partial<KpiValue> = {}): KpiValue => ({
  value: v,
  target: null,
  status: "no_target",
  ...extra,
});
const kpi = (
  id: KpiId,
  previous: number | null,
  current: number | null,
  extra: Partial<KpiValue> = {},
): ReportKpi => ({
  id,
  definition: kpiDefinitions[id],
  current: value(current, extra),
  previous: value(previous),
  change: current !== null && previous !== null ? current - previous : null,
  trend: [],
});

describe("findNotableChanges", () => {
  it("puts KPIs off track, then at risk, first, and leaves small moves out", () => {
    const notable = findNotableChanges([
      kpi("activation_rate", 0.6, 0.62), // +2 pt: not notable
      kpi("nps", 10, 5, { target: 20, status: "off_track" }),
      kpi("csat", 0.8, 0.78, { target: 0.8, status: "at_risk" }),
    ]);
    expect(notable.map((n) => [n.kind, n.kpi])).toEqual([
      ["off_track", "nps"],
      ["at_risk", "csat"],
    ]);
    expect(notable[0]).toMatchObject({ current: 5, previous: 10, target: 20 });
  });

  it("weighs moves by unit and direction: points for rates and NPS, relative for days and hours", () => {
    const notable = findNotableChanges([
      kpi("onboarding_completion_rate", 0.5, 0.6), // +10 pt: weight 2
      kpi("onboarding_churn_rate", 0.1, 0.05), // −5 pt, lower is better: weight 1
      kpi("avg_first_response_hours", 10, 15), // +50 %, lower is better: weight −5
      kpi("avg_onboarding_lead_days", 40, 42), // +5 %: not notable
      kpi("nps", 30, 22), // −8: weight −1.6
      kpi("avg_days_to_churn", 100, 160), // +60 %: weight 6
      kpi("welcome_seminar_participation_rate", null, 0.5), // no previous month
    ]);
    expect(notable.map((n) => `${n.kind}:${n.kpi}`)).toEqual([
      "improved:avg_days_to_churn",
      "improved:onboarding_completion_rate",
      "worsened:avg_first_response_hours",
      "worsened:nps",
    ]);
  });
});
