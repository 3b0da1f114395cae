import { describe, expect, it } from "vitest";
import { kpiDefinitions } from "./kpi-definitions.ts";
import { addMonths, baselineOf, effectiveTarget, proposeTarget, targetStatus } from "./kpi-targets-logic.ts";

describe("targetStatus", () => {
  const target = { value: 0.6, warningBand: 0.05 };
  it("reads a higher-is-better KPI against its target and band", () => {
    expect(targetStatus("higher", 0.6, target)).toBe("on_track");
    expect(targetStatus("higher", 0.7, target)).toBe("on_track");
    expect(targetStatus("higher", 0.55, target)).toBe("at_risk");
    expect(targetStatus("higher", 0.5499, target)).toBe("off_track");
    expect(targetStatus("higher", 0.1 + 0.2, { value: 0.3, warningBand: 0 })).toBe("on_track");
  });
  it("mirrors it for lower-is-better", () => {
    const hours = { value: 4, warningBand: 1 };
    expect(targetStatus("lower", 3, hours)).toBe("on_track");
    expect(targetStatus("lower", 4, hours)).toBe("on_track");
    expect(targetStatus("lower", 5, hours)).toBe("at_risk");
    expect(targetStatus("lower", 5.01, hours)).toBe("off_track");
  });
  it("says no_data without a value and no_target without a target", () => {
    expect(targetStatus("higher", null, target)).toBe("no_data");
    expect(targetStatus("higher", 0.9, null)).toBe("no_target");
    expect(targetStatus("higher", null, null)).toBe("no_target");
  });
  it("puts a value exactly on a zero band's edge off track", () => {
    expect(targetStatus("higher", 0.59, { value: 0.6, warningBand: 0 })).toBe("off_track");
  });
});

describe("effectiveTarget", () => {
  const targets = [
    { effectiveFrom: "2026-01-01", value: 1 },
    { effectiveFrom: "2026-04-01", value: 2 },
    { effectiveFrom: "2026-07-01", value: 3 },
  ];
  it("takes the latest target effective on or before the period's first day", () => {
    expect(effectiveTarget(targets, "2025-12-01")).toBeNull();
    expect(effectiveTarget(targets, "2026-01-01")?.value).toBe(1);
    expect(effectiveTarget(targets, "2026-03-01")?.value).toBe(1);
    expect(effectiveTarget(targets, "2026-04-01")?.value).toBe(2);
    expect(effectiveTarget(targets, "2026-06-15")?.value).toBe(2);
    expect(effectiveTarget([...targets].reverse(), "2027-01-01")?.value).toBe(3);
  });
});

describe("addMonths", () => {
  it("moves by calendar months and keeps to the month's last day", () => {
    expect(addMonths("2026-01-15", 6)).toBe("2026-07-15");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2026-11-01", 2)).toBe("2027-01-01");
    expect(addMonths("2026-03-01", -3)).toBe("2025-12-01");
  });
});

describe("proposeTarget", () => {
  const d = kpiDefinitions;
  it("closes a tenth of the gap for rates, in whole points towards the good side", () => {
    expect(proposeTarget(d.onboarding_completion_rate, 0.5)).toBe(0.55);
    expect(proposeTarget(d.onboarding_completion_rate, 0.72)).toBe(0.75); // 0.748 → 75%
    expect(proposeTarget(d.onboarding_completion_rate, 1)).toBe(1);
    expect(proposeTarget(d.onboarding_churn_rate, 0.08)).toBe(0.07); // 0.072 → 7%
    expect(proposeTarget(d.onboarding_churn_rate, 0)).toBe(0);
  });
  it("moves NPS a few points", () => {
    expect(proposeTarget(d.nps, 20)).toBe(25);
    expect(proposeTarget(d.nps, 70)).toBe(73);
    expect(proposeTarget(d.nps, 95)).toBe(97);
    expect(proposeTarget(d.nps, -10)).toBe(-5);
    expect(proposeTarget(d.nps, 100)).toBe(100);
  });
  it("improves averages by a tenth: whole days, half hours", () => {
    expect(proposeTarget(d.avg_onboarding_lead_days, 34.2)).toBe(30); // 30.78 → 30
    expect(proposeTarget(d.avg_first_response_hours, 10)).toBe(9);
    expect(proposeTarget(d.avg_first_response_hours, 5.3)).toBe(4.5); // 4.77 → 4.5
    expect(proposeTarget(d.avg_days_to_churn, 100)).toBe(110);
  });
});

describe("baselineOf", () => {
  it("weights each period's value by how many items it rests on", () => {
    expect(
      baselineOf([
        { value: 1, n: 1 },
        { value: 0.625, n: 8 },
      ]),
    ).toBeCloseTo(6 / 9);
    expect(
      baselineOf([
        { value: 0.5, n: 4 },
        { value: null, n: 0 },
        { value: 0.7, n: 4 },
      ]),
    ).toBeCloseTo(0.6);
    expect(baselineOf([{ value: null, n: 0 }])).toBeNull();
    expect(baselineOf([])).toBeNull();
  });
});
