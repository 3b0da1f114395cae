import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { changeSettings } from "../workspaces/workspace-settings.ts";
import { updateSettings } from "../workspaces/workspaces.ts";
import { importCsv } from "./kpi-fixtures.ts";

type Json = Record<string, any>;

/** A cohort row as [started, [matured, completed, share] for 30, 60 and 90 days]. */
const row = (c: Json) => [
  c.month,
  c.started,
  ...c.windows.map((w: Json) => [w.matured, w.completed, w.share]),
];

describeEachDatabase("GET /api/v1/kpis/cohorts", (kind) => {
  let app: TestApp;
  let token: string;
  let otherToken: string;
  const asOf = "2026-04-15T00:00:00Z";
  const q1 = `to=2026-04-01&months=3&asOf=${asOf}`;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const db = app.services.database.db;
    const mine = await app.workspaceWith("kpi-cohorts", "viewer");
    token = mine.token;
    ({ token: otherToken } = await app.workspaceWith("kpi-cohorts-other", "admin"));
    const changed = changeSettings(mine.workspace.settings, { timezone: "Asia/Tokyo" });
    if (!changed.success) throw changed.error;
    await updateSettings(db, mine.workspace, changed.data);
    const tokyo = { ...mine.workspace, settings: changed.data };
    await importCsv(db, tokyo, "accounts", [
      "external_id,name,plan",
      "T0,東京0,premium",
      "T1,東京1,premium",
      "T2,東京2,premium",
      "T3,東京3,premium",
      "T4,東京4,premium",
      "T5,東京5,premium",
      "T6,東京6,basic",
      "T7,東京7,basic",
      "T8,東京8,basic",
      "T9,東京9,basic",
    ]);
    // Tokyo is UTC+9: a start late on a month's last UTC day can fall in the next month there.
    await importCsv(db, tokyo, "onboardings", [
      "account_external_id,started_at,completed_at",
      "T0,2025-12-31T14:00:00Z,", // 2025-12-31 23:00 JST: December, outside the three months
      "T1,2026-01-05T00:00:00Z,2026-02-01T00:00:00Z", // January; 27 days
      "T2,2026-01-10T00:00:00Z,2026-03-01T00:00:00Z", // January; 50 days
      "T3,2026-01-20T00:00:00Z,2026-04-20T00:00:00Z", // January; completes after asOf
      "T4,2026-01-31T16:00:00Z,2026-03-02T16:00:00Z", // 2026-02-01 01:00 JST: February; exactly 30 days
      "T5,2026-01-31T14:00:00Z,", // 2026-01-31 23:00 JST: January; open
      "T6,2026-02-20T00:00:00Z,2026-03-01T00:00:00Z", // February; 9 days
      "T7,2026-03-10T00:00:00Z,2026-03-20T00:00:00Z", // March; 10 days
      "T8,2026-03-20T00:00:00Z,", // March; open
      "T9,2026-03-31T16:00:00Z,", // 2026-04-01 01:00 JST: April, outside
    ]);
  }, 120_000);
  afterAll(() => app?.close());

  it("counts per start month (Tokyo) the share completed within 30/60/90 days among the matured", async () => {
    const res = await app.call(`/api/v1/kpis/cohorts?${q1}`, { token });
    expect(res.status).toBe(200);
    const body = res.body as Json;
    expect(body.timezone).toBe("Asia/Tokyo");
    expect(body.asOf).toBe("2026-04-15T00:00:00.000Z");
    expect(body.filters).toBeUndefined();
    expect(body.cohorts.map(row)).toEqual([
      // January: T1, T2, T3, T5 (4 started).
      // 30 d: all four matured (the latest, T5, on 03-02 ≤ 04-15); within 30: T1 → 1/4.
      // 60 d: matured all four (T5: 01-31 14:00 + 60 = 04-01 14:00); within 60: T1, T2 → 2/4.
      // 90 d: matured T1 (04-05), T2 (04-10); not T3 (04-20), T5 (05-01); both completed → 2/2.
      ["2026-01", 4, [4, 1, 0.25], [4, 2, 0.5], [2, 2, 1]],
      // February: T4, T6. 30 d: T4 (03-02 16:00) and T6 (03-22) matured, T4 in exactly 30 days
      // and T6 in 9 count → 2/2. 60 d: only T4 (04-01 16:00) matured; T6 (04-21) not → 1/1.
      // 90 d: none matured (T4: 05-01) → null.
      ["2026-02", 2, [2, 2, 1], [1, 1, 1], [0, 0, null]],
      // March: T7, T8. 30 d: T7 (04-09) matured and done in 10 days; T8 (04-19) not → 1/1.
      ["2026-03", 2, [1, 1, 1], [0, 0, null], [0, 0, null]],
    ]);
  });

  it("evaluates as of an earlier instant: completions after it do not count yet", async () => {
    const res = await app.call(`/api/v1/kpis/cohorts?to=2026-02-01&months=1&asOf=2026-02-15`, { token });
    expect(res.status).toBe(200);
    // asOf = 2026-02-15 00:00 JST. January: 30 d matured T1 (02-04), T2 (02-09); not T3 (02-19), T5.
    // T1 completed on 02-01 → 1/2. Nothing has had 60 or 90 days.
    expect((res.body as Json).cohorts.map(row)).toEqual([
      ["2026-01", 4, [2, 1, 0.5], [0, 0, null], [0, 0, null]],
    ]);
  });

  it("takes the KPI filters: premium accounts only", async () => {
    const res = await app.call(`/api/v1/kpis/cohorts?${q1}&plan=premium`, { token });
    expect(res.status).toBe(200);
    const body = res.body as Json;
    expect(body.filters).toEqual({ plan: ["premium"] });
    // Premium: T1–T5. January unchanged; February only T4; March none.
    expect(body.cohorts.map(row)).toEqual([
      ["2026-01", 4, [4, 1, 0.25], [4, 2, 0.5], [2, 2, 1]],
      ["2026-02", 1, [1, 1, 1], [1, 1, 1], [0, 0, null]],
      ["2026-03", 0, [0, 0, null], [0, 0, null], [0, 0, null]],
    ]);
  });

  it("defaults to the twelve months up to this one, every month listed", async () => {
    const res = await app.call("/api/v1/kpis/cohorts", { token });
    expect(res.status).toBe(200);
    const months = ((res.body as Json).cohorts as Json[]).map((c) => c.month);
    expect(months).toHaveLength(12);
    const thisMonth = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 7);
    expect(months.at(-1)).toBe(thisMonth);
    expect([...months].sort()).toEqual(months);
  });

  it("answers 400 for bad input, and shows another workspace nothing of this one", async () => {
    for (const query of [
      "months=0",
      "months=37",
      "months=two",
      "to=2026-02-30",
      "asOf=soon",
      "touchModel=x",
    ]) {
      const res = await app.call(`/api/v1/kpis/cohorts?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect((res.body as Json).error.code, query).toBe("validation_failed");
    }
    const other = await app.call(`/api/v1/kpis/cohorts?${q1}`, { token: otherToken });
    expect(((other.body as Json).cohorts as Json[]).map((c) => c.started)).toEqual([0, 0, 0]);
  });
});
