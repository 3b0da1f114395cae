import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { changeSettings } from "../workspaces/workspace-settings.ts";
import { updateSettings, type Workspace } from "../workspaces/workspaces.ts";
import { computeKpis, type KpiResult, type KpiSet } from "./compute-kpis.ts";
import { kpiIds } from "./kpi-definitions.ts";
import { importCsv, loadQuarterData } from "./kpi-fixtures.ts";
import { wilsonInterval } from "./wilson.ts";

const Q1 = { from: "2026-01-01", to: "2026-04-01" };
const AS_OF = "2026-04-15T00:00:00Z";

describeEachDatabase("computeKpis", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let other: Workspace;
  const db = () => app.services.database.db;
  const kpis = (query: Parameters<typeof computeKpis>[2], ws = workspace) => computeKpis(db(), ws, query);
  const group = (result: KpiResult, key: string | null): KpiSet => {
    const found = result.breakdown!.groups.find((g) => g.key === key);
    if (!found) throw new Error(`no group ${key}`);
    return found.kpis;
  };

  beforeAll(async () => {
    app = await startTestApp(kind);
    ({ workspace } = await app.workspaceWith("kpi-main"));
    ({ workspace: other } = await app.workspaceWith("kpi-other"));
    // Another workspace's facts in the same period never count in kpi-main.
    await importCsv(db(), other, "accounts", ["external_id,name,plan", "A1,他社,premium"]);
    await importCsv(db(), other, "onboardings", ["account_external_id,started_at", "A1,2026-02-01"]);
    await importCsv(db(), other, "survey-responses", [
      "account_external_id,survey,score,answered_at",
      "A1,nps,0,2026-02-01",
    ]);
    await importCsv(db(), other, "inquiries", [
      "account_external_id,opened_at,first_response_at",
      "A1,2026-02-01,2026-02-03",
    ]);
    await loadQuarterData(db(), workspace);
  }, 120_000);
  afterAll(() => app?.close());

  it("computes every KPI of 2026 Q1 as of 2026-04-15", async () => {
    const r = await kpis({ ...Q1, asOf: AS_OF });
    expect(r.period).toEqual({ from: "2026-01-01", to: "2026-04-01", timezone: "UTC" });
    expect(r.asOf).toBe("2026-04-15T00:00:00.000Z");
    expect(Object.keys(r.kpis)).toEqual([...kpiIds]);
    expect(r.breakdown).toBeUndefined();
    const k = r.kpis;
    // Cohort C = onboardings started in Q1: A1, A2, A3, A4, A5, A6 (twice: 01-02 and 03-01), A7 → 8.
    // (A8 started 2025-12-14: not in C.) Completed by asOf: A1, A3, A5, A6(1st) → 4; A2 completes 04-20, after asOf.
    expect(k.onboarding_completion_rate).toEqual({
      value: 0.5,
      numerator: 4,
      denominator: 8,
      interval: wilsonInterval(4, 8),
      target: null,
      status: "no_target",
    });
    // Matured (started + 60 d ≤ 04-15, i.e. started ≤ 02-14): A1, A2, A3, A4, A5, A6(1st) → 6.
    // Within 60 days and by asOf: A1 (30 d), A5 (30 d), A6 (20 d) → 3; A3 took 68 d, A2 not by asOf, A4 never.
    expect(k.completed_within_target_rate).toMatchObject({ value: 0.5, numerator: 3, denominator: 6 });
    // Activated by asOf: A1, A5, A6 (both its onboardings count), A7 → 5 of 8; A2 activates 05-01, after asOf.
    expect(k.activation_rate).toMatchObject({ value: 0.625, numerator: 5, denominator: 8 });
    // Churned after the start and before completing: A4 (02-10 → churn 02-15) → 1 of 8.
    // A5 churned 03-20 after completing 02-19: not onboarding churn.
    expect(k.onboarding_churn_rate).toMatchObject({ value: 0.125, numerator: 1, denominator: 8 });
    expect(k.onboarding_churn_rate.interval).toEqual(wilsonInterval(1, 8));
    // Churned in Q1: A4 (2025-12-15 → 2026-02-15 = 31 + 31 = 62 d), A5 (2026-01-01 → 03-20 = 31 + 28 + 19 = 78 d).
    // mean (62 + 78) / 2 = 70.
    expect(k.avg_days_to_churn).toEqual({ value: 70, n: 2, target: null, status: "no_target" });
    // NPS answers in Q1: 10, 9, 9 (promoters 3), 8, 7 (passives 2), 6, 0 (detractors 2); n = 7.
    // 100 × (3 − 2) / 7 = 14.2857…; the 04-05 and 2025-12-31 answers are outside Q1.
    expect(k.nps).toMatchObject({ n: 7, promoters: 3, passives: 2, detractors: 2 });
    expect(k.nps.value).toBeCloseTo(100 / 7, 10);
    // CSAT 5, 4, 3, 2: share ≥ 4 = 2/4, mean 14/4 = 3.5.
    expect(k.csat).toMatchObject({ value: 0.5, numerator: 2, denominator: 4, mean: 3.5 });
    expect(k.csat.interval).toEqual(wilsonInterval(2, 4));
    // Inquiries opened in Q1: answered by asOf 2, 4, 10, 24 h → mean 40/4 = 10, median (4 + 10)/2 = 7,
    // p90 at position 0.9 × 3 = 2.7 → 10 + 0.7 × (24 − 10) = 19.8; I5 (no answer) and I6 (answered 04-20) unanswered.
    expect(k.avg_first_response_hours).toMatchObject({ value: 10, n: 4, median: 7, unanswered: 2 });
    expect(k.avg_first_response_hours.p90).toBeCloseTo(19.8, 10);
    // Completed in Q1 by asOf: A8 (26 d), A6 (20 d), A1 (30 d), A5 (30 d) → mean 106/4 = 26.5, median (26 + 30)/2 = 28.
    expect(k.avg_onboarding_lead_days).toEqual({
      value: 26.5,
      n: 4,
      median: 28,
      target: null,
      status: "no_target",
    });
    // Accounts invited to a welcome seminar in Q1: A1, A2, A3 (A5 was invited in December; A6's is a training).
    // A1: one of two contacts attended → 1 of 3.
    expect(k.welcome_seminar_participation_rate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(k.welcome_seminar_participation_rate.value).toBeCloseTo(1 / 3, 12);
  });

  it("ignores facts after asOf (asOf inside the period)", async () => {
    const k = (await kpis({ ...Q1, asOf: "2026-02-16T00:00:00Z" })).kpis;
    // C: onboardings started by 02-16: A1, A2, A3, A4, A5, A6(1st) → 6. Completed by then: A1 (02-04), A6 (01-22) → 2.
    expect(k.onboarding_completion_rate).toMatchObject({ numerator: 2, denominator: 6 });
    // Nothing has matured (started + 60 d ≤ 02-16 needs a start ≤ 2025-12-18): null, not 0.
    expect(k.completed_within_target_rate).toMatchObject({
      value: null,
      numerator: 0,
      denominator: 0,
      interval: null,
    });
    // Activated by 02-16: A1 (01-20), A5 (02-01), A6 (01-10) → 3/6.
    expect(k.activation_rate).toMatchObject({ value: 0.5, numerator: 3, denominator: 6 });
    // A4 churned 02-15 ≤ asOf.
    expect(k.onboarding_churn_rate).toMatchObject({ numerator: 1, denominator: 6 });
    // Lead: A8 (26), A6 (20), A1 (30) → mean 76/3, median 26; A5's completion (02-19) has not happened.
    expect(k.avg_onboarding_lead_days).toMatchObject({ n: 3, median: 26 });
    expect(k.avg_onboarding_lead_days.value).toBeCloseTo(76 / 3, 10);
    expect(k.avg_days_to_churn).toMatchObject({ value: 62, n: 1 });
    // NPS by 02-16: 10, 9 (A2 on 02-15), 6, 0 → (2 − 2)/4 → 0.
    expect(k.nps).toMatchObject({ value: 0, n: 4, promoters: 2, passives: 0, detractors: 2 });
    // CSAT by 02-16: 5 (02-05), 4 (02-06) → 2/2, mean 4.5.
    expect(k.csat).toMatchObject({ value: 1, numerator: 2, denominator: 2, mean: 4.5 });
    // Inquiries by 02-16: 2 h and 4 h.
    expect(k.avg_first_response_hours).toMatchObject({ value: 3, n: 2, median: 3, unanswered: 0 });
    expect(k.avg_first_response_hours.p90).toBeCloseTo(3.8, 10);
    // Invited by 02-16: A1 (attended on 02-10), A2 → 1/2.
    expect(k.welcome_seminar_participation_rate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
  });

  it("gives null (never 0) for an empty period", async () => {
    const r = await kpis({ from: "2020-01-01", to: "2020-02-01", asOf: AS_OF });
    for (const id of kpiIds) expect(r.kpis[id].value, id).toBeNull();
    expect(r.kpis.onboarding_completion_rate).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      interval: null,
      target: null,
      status: "no_target",
    });
    expect(r.kpis.avg_first_response_hours).toEqual({
      value: null,
      n: 0,
      median: null,
      p90: null,
      unanswered: 0,
      target: null,
      status: "no_target",
    });
    expect(r.kpis.nps).toMatchObject({ value: null, n: 0, promoters: 0, passives: 0, detractors: 0 });
  });

  it("breaks down by plan (accounts without a plan under null, last)", async () => {
    const r = await kpis({ ...Q1, asOf: AS_OF, by: "plan" });
    expect(r.kpis.onboarding_completion_rate.denominator).toBe(8);
    expect(r.breakdown!.by).toBe("plan");
    expect(r.breakdown!.groups.map((g) => g.key)).toEqual(["basic", "premium", "standard", null]);
    const premium = group(r, "premium");
    // premium = A1, A2: completed A1 → 1/2; both matured, A1 within → 1/2; A1 activated → 1/2; no churn.
    expect(premium.onboarding_completion_rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(premium.completed_within_target_rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(premium.activation_rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(premium.onboarding_churn_rate).toMatchObject({ value: 0, numerator: 0, denominator: 2 });
    expect(premium.avg_days_to_churn).toMatchObject({ value: null, n: 0 });
    // NPS 10, 9 → 100; CSAT 5, 4 → 2/2, mean 4.5; inquiries 2, 4 h; lead A1 30 d; seminar A1 yes, A2 no.
    expect(premium.nps).toMatchObject({ value: 100, n: 2, promoters: 2 });
    expect(premium.csat).toMatchObject({ value: 1, numerator: 2, denominator: 2, mean: 4.5 });
    expect(premium.avg_first_response_hours).toMatchObject({ value: 3, n: 2, median: 3, unanswered: 0 });
    expect(premium.avg_onboarding_lead_days).toMatchObject({ value: 30, n: 1, median: 30 });
    expect(premium.welcome_seminar_participation_rate).toMatchObject({
      value: 0.5,
      numerator: 1,
      denominator: 2,
    });
    const standard = group(r, "standard");
    // standard = A3, A4: A3 completed late → 1/2 completed, 0/2 within; A4 churned → 1/2; churn days 62.
    expect(standard.onboarding_completion_rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(standard.completed_within_target_rate).toMatchObject({ value: 0, numerator: 0, denominator: 2 });
    expect(standard.onboarding_churn_rate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(standard.avg_days_to_churn).toMatchObject({ value: 62, n: 1 });
    // NPS 8, 6 → (0 − 1)/2 = −50; CSAT 3 → 0/1; no completion in Q1 → lead null.
    expect(standard.nps).toMatchObject({ value: -50, n: 2, passives: 1, detractors: 1 });
    expect(standard.csat).toMatchObject({ value: 0, numerator: 0, denominator: 1, mean: 3 });
    expect(standard.avg_onboarding_lead_days).toMatchObject({ value: null, n: 0, median: null });
    const basic = group(r, "basic");
    expect(basic.avg_days_to_churn).toMatchObject({ value: 78, n: 1 });
    expect(basic.onboarding_churn_rate).toMatchObject({ value: 0, denominator: 1 });
    expect(basic.welcome_seminar_participation_rate).toMatchObject({ value: null, denominator: 0 });
    const none = group(r, null);
    // No plan: A6 (twice), A7 in C; A6's first completed; all three activated.
    expect(none.onboarding_completion_rate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(none.activation_rate).toMatchObject({ value: 1, numerator: 3, denominator: 3 });
    // Lead: A6 20 d, A8 26 d → 23; inquiries: both unanswered → value null, 2 unanswered.
    expect(none.avg_onboarding_lead_days).toMatchObject({ value: 23, n: 2, median: 23 });
    expect(none.avg_first_response_hours).toMatchObject({ value: null, n: 0, p90: null, unanswered: 2 });
    expect(none.nps).toMatchObject({ value: 0, n: 2, promoters: 1, detractors: 1 });
  });

  it("breaks down by cohort month (start month for the cohort, the dated fact's month otherwise)", async () => {
    const r = await kpis({ ...Q1, asOf: AS_OF, by: "cohort_month" });
    expect(r.breakdown!.groups.map((g) => g.key)).toEqual(["2026-01", "2026-02", "2026-03"]);
    const jan = group(r, "2026-01");
    const feb = group(r, "2026-02");
    const mar = group(r, "2026-03");
    // Started in January: A6 (01-02), A1, A2, A5 → completed A1, A5, A6 = 3/4, all matured, 3 within.
    expect(jan.onboarding_completion_rate).toMatchObject({ numerator: 3, denominator: 4 });
    expect(jan.completed_within_target_rate).toMatchObject({ numerator: 3, denominator: 4 });
    // February: A3 (late), A4 (churned).
    expect(feb.onboarding_completion_rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(feb.onboarding_churn_rate).toMatchObject({ numerator: 1, denominator: 2 });
    // March: A6 again and A7, not matured yet → null; both activated.
    expect(mar.completed_within_target_rate).toMatchObject({ value: null, denominator: 0 });
    expect(mar.activation_rate).toMatchObject({ value: 1, denominator: 2 });
    // Completions by month: January A8 (26), A6 (20) → 23; February A1, A5 → 30.
    expect(jan.avg_onboarding_lead_days).toMatchObject({ value: 23, n: 2 });
    expect(feb.avg_onboarding_lead_days).toMatchObject({ value: 30, n: 2 });
    // NPS by answer month: Jan 10, 0 → 0; Feb 9, 8, 6 → 0; Mar 7, 9 → 50.
    expect(mar.nps).toMatchObject({ value: 50, n: 2 });
    // Churns: A4 in February (62 d), A5 in March (78 d).
    expect(feb.avg_days_to_churn).toMatchObject({ value: 62, n: 1 });
    expect(mar.avg_days_to_churn).toMatchObject({ value: 78, n: 1 });
    // Inquiries opened in March: 10 h, 24 h answered, two unanswered.
    expect(mar.avg_first_response_hours).toMatchObject({ value: 17, n: 2, median: 17, unanswered: 2 });
    // Welcome invitations: January A1 (attended), A2 → 1/2; March A3 → 0/1.
    expect(jan.welcome_seminar_participation_rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(mar.welcome_seminar_participation_rate).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it("never counts another workspace's data", async () => {
    const k = (await kpis({ ...Q1, asOf: AS_OF }, other)).kpis;
    expect(k.onboarding_completion_rate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(k.nps).toMatchObject({ value: -100, n: 1 });
    // 2026-02-01 → 02-03 = 48 h.
    expect(k.avg_first_response_hours).toMatchObject({ value: 48, n: 1 });
    expect(k.welcome_seminar_participation_rate.denominator).toBe(0);
  });

  it("reads the period in the workspace time zone (Asia/Tokyo)", async () => {
    const { workspace: tokyo0 } = await app.workspaceWith("kpi-tokyo");
    const changed = changeSettings(tokyo0.settings, { timezone: "Asia/Tokyo" });
    if (!changed.success) throw changed.error;
    await updateSettings(db(), tokyo0, changed.data);
    const tokyo = { ...tokyo0, settings: changed.data };
    await importCsv(db(), tokyo, "accounts", ["external_id,name", "T1,東京1", "T2,東京2", "T3,東京3"]);
    await importCsv(db(), tokyo, "onboardings", [
      "account_external_id,started_at",
      "T1,2026-01-31T16:00:00Z", // 2026-02-01 01:00 JST: in February
      "T2,2026-02-28T16:00:00Z", // 2026-03-01 01:00 JST: March
      "T3,2026-01-31T14:00:00Z", // 2026-01-31 23:00 JST: January
    ]);
    await importCsv(db(), tokyo, "survey-responses", [
      "account_external_id,survey,score,answered_at",
      "T1,nps,10,2026-02-01", // midnight JST = 2026-01-31T15:00Z: the first instant of February
      "T2,nps,0,2026-02-28T15:00:00Z", // 2026-03-01 00:00 JST: not February
    ]);
    // February in Tokyo = [2026-01-31T15:00Z, 2026-02-28T15:00Z).
    const r = await kpis({ from: "2026-02-01", to: "2026-03-01", asOf: AS_OF, by: "cohort_month" }, tokyo);
    expect(r.period.timezone).toBe("Asia/Tokyo");
    expect(r.kpis.onboarding_completion_rate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(r.kpis.nps).toMatchObject({ value: 100, n: 1 });
    // T1 started on 2026-01-31 in UTC, but in February in Tokyo.
    expect(r.breakdown!.groups.map((g) => g.key)).toEqual(["2026-02"]);
  });

  it("rejects bad input", async () => {
    await expect(kpis({ from: "2026-02-30" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(kpis({ from: "2026-03-01", to: "2026-03-01" })).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringContaining("before"),
    });
    await expect(kpis({ by: "colour" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(kpis({ asOf: "yesterday" })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("defaults to the current calendar month in the workspace zone", async () => {
    const r = await computeKpis(db(), workspace, {}, new Date("2026-03-31T23:30:00Z"));
    expect(r.period).toEqual({ from: "2026-03-01", to: "2026-04-01", timezone: "UTC" });
    expect(r.asOf).toBe("2026-03-31T23:30:00.000Z");
    const tokyoNow = await computeKpis(
      db(),
      { ...workspace, settings: { ...workspace.settings, timezone: "Asia/Tokyo" } },
      {},
      new Date("2026-03-31T23:30:00Z"), // already 2026-04-01 08:30 in Tokyo
    );
    expect(tokyoNow.period).toEqual({ from: "2026-04-01", to: "2026-05-01", timezone: "Asia/Tokyo" });
  });
});
