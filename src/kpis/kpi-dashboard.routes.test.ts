import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { kpiIds } from "./kpi-definitions.ts";
import { loadQuarterData } from "./kpi-fixtures.ts";
import { precedingPeriods } from "./kpi-trend.ts";

type Json = Record<string, any>;

it("steps back by months, by quarters, or by the range's days", () => {
  expect(precedingPeriods("2026-01-01", "2026-02-01", 3)).toEqual([
    { from: "2025-11-01", to: "2025-12-01" },
    { from: "2025-12-01", to: "2026-01-01" },
    { from: "2026-01-01", to: "2026-02-01" },
  ]);
  expect(precedingPeriods("2026-01-01", "2026-04-01", 2)).toEqual([
    { from: "2025-10-01", to: "2026-01-01" },
    { from: "2026-01-01", to: "2026-04-01" },
  ]);
  expect(precedingPeriods("2026-03-10", "2026-03-20", 3)).toEqual([
    { from: "2026-02-18", to: "2026-02-28" },
    { from: "2026-02-28", to: "2026-03-10" },
    { from: "2026-03-10", to: "2026-03-20" },
  ]);
});

describeEachDatabase("GET /api/v1/kpis/definitions and /api/v1/kpis/trend", (kind) => {
  let app: TestApp;
  let token: string;
  let otherToken: string;
  const asOf = "2026-04-15T00:00:00Z";

  beforeAll(async () => {
    app = await startTestApp(kind);
    const mine = await app.workspaceWith("kpi-trend", "viewer");
    token = mine.token;
    ({ token: otherToken } = await app.workspaceWith("kpi-trend-other", "admin"));
    await loadQuarterData(app.services.database.db, mine.workspace);
  }, 120_000);
  afterAll(() => app?.close());

  it("explains every KPI in both languages, in display order", async () => {
    const res = await app.call("/api/v1/kpis/definitions", { token });
    expect(res.status).toBe(200);
    const defs = (res.body as Json).definitions as Json[];
    expect(defs.map((d) => d.id)).toEqual([...kpiIds]);
    for (const d of defs) {
      expect(d.name.ja).toBeTruthy();
      expect(d.explanation.en).toBeTruthy();
    }
    expect(defs.find((d) => d.id === "onboarding_churn_rate")!.direction).toBe("lower");
  });

  it("returns each month's KPIs exactly as GET /kpis does for that month, oldest first", async () => {
    const res = await app.call(`/api/v1/kpis/trend?from=2026-03-01&to=2026-04-01&count=4&asOf=${asOf}`, {
      token,
    });
    expect(res.status).toBe(200);
    const periods = (res.body as Json).periods as Json[];
    expect(periods.map((p) => p.period.from)).toEqual([
      "2025-12-01",
      "2026-01-01",
      "2026-02-01",
      "2026-03-01",
    ]);
    for (const p of periods) {
      const single = await app.call(`/api/v1/kpis?from=${p.period.from}&to=${p.period.to}&asOf=${asOf}`, {
        token,
      });
      expect(p).toEqual(single.body);
    }
    // January's cohort: A1, A2, A5, A6 started; A1, A5, A6 completed by asOf.
    expect(periods[1]!.kpis.onboarding_completion_rate).toMatchObject({ numerator: 3, denominator: 4 });
    // December: only A8, which completed in January.
    expect(periods[0]!.kpis.onboarding_completion_rate).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it("steps a quarter back by a quarter", async () => {
    const res = await app.call(`/api/v1/kpis/trend?from=2026-01-01&to=2026-04-01&count=2&asOf=${asOf}`, {
      token,
    });
    const periods = (res.body as Json).periods as Json[];
    expect(periods.map((p) => [p.period.from, p.period.to])).toEqual([
      ["2025-10-01", "2026-01-01"],
      ["2026-01-01", "2026-04-01"],
    ]);
    expect(periods[1]!.kpis.onboarding_completion_rate).toMatchObject({ numerator: 4, denominator: 8 });
  });

  it("applies the filters to every period, as GET /kpis does", async () => {
    const filter = "plan=premium,none&touchModel=none,high,low,tech,community";
    const res = await app.call(
      `/api/v1/kpis/trend?from=2026-02-01&to=2026-03-01&count=2&asOf=${asOf}&${filter}`,
      { token },
    );
    expect(res.status).toBe(200);
    for (const p of (res.body as Json).periods as Json[]) {
      const single = await app.call(
        `/api/v1/kpis?from=${p.period.from}&to=${p.period.to}&asOf=${asOf}&${filter}`,
        { token },
      );
      expect(p).toEqual(single.body);
      expect(p.filters.plan).toEqual(["premium", "none"]);
    }
    // January's cohort on premium or no plan: A1, A2, A6 (not A5, basic); A1 and A6 completed.
    expect(((res.body as Json).periods as Json[])[0]!.kpis.onboarding_completion_rate).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
  });

  it("refuses a bad count, period or filter with validation_failed, never a 500", async () => {
    for (const q of [
      "count=0",
      "count=25",
      "count=abc",
      "from=2026-04-01&to=2026-03-01",
      "from=yesterday",
      "touchModel=zoom",
      "owner=someone",
    ]) {
      const res = await app.call(`/api/v1/kpis/trend?${q}`, { token });
      expect(res.status, q).toBe(400);
      expect((res.body as Json).error.code).toBe("validation_failed");
    }
  });

  it("shows another workspace nothing of this one", async () => {
    const res = await app.call(`/api/v1/kpis/trend?from=2026-01-01&to=2026-04-01&count=1&asOf=${asOf}`, {
      token: otherToken,
    });
    expect(res.status).toBe(200);
    const [q1] = (res.body as Json).periods as Json[];
    expect(q1!.kpis.onboarding_completion_rate).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(q1!.kpis.nps.n).toBe(0);
  });
});
