import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { kpiIds } from "./kpi-definitions.ts";
import { importCsv, loadQuarterData } from "./kpi-fixtures.ts";

type Json = Record<string, any>;

describeEachDatabase("GET /api/v1/kpis", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let viewerToken: string;
  let otherToken: string;
  const q1 = "from=2026-01-01&to=2026-04-01&asOf=2026-04-15T00:00:00Z";

  beforeAll(async () => {
    app = await startTestApp(kind);
    ({ workspace } = await app.workspaceWith("kpi-api", "admin"));
    ({ token: otherToken } = await app.workspaceWith("kpi-api-other", "admin"));
    // Any staff role reads the KPIs: a viewer's token.
    const { createApiToken } = await import("../platform/auth/api-tokens.ts");
    const viewer = await addStaffUser(app.services.database.db, workspace.id, {
      email: "viewer@kpi-api.example",
      role: "viewer",
      password: "correct-horse-battery",
    });
    ({ token: viewerToken } = await createApiToken(app.services.database.db, {
      workspaceId: workspace.id,
      name: "viewer",
      userId: viewer.userId,
      role: "viewer",
    }));
    await loadQuarterData(app.services.database.db, workspace);
    await importCsv(app.services.database.db, workspace, "accounts", [
      "external_id,name,owner_email",
      "A1,アルファ,viewer@kpi-api.example",
    ]);
  }, 120_000);
  afterAll(() => app?.close());

  it("returns the KPI JSON of CONTRACT.md", async () => {
    const res = await app.call(`/api/v1/kpis?${q1}`, { token: viewerToken });
    expect(res.status).toBe(200);
    const body = res.body as Json;
    expect(body.period).toEqual({ from: "2026-01-01", to: "2026-04-01", timezone: "UTC" });
    expect(body.asOf).toBe("2026-04-15T00:00:00.000Z");
    expect(Object.keys(body.kpis)).toEqual([...kpiIds]);
    expect(body.kpis.onboarding_completion_rate).toEqual({
      value: 0.5,
      numerator: 4,
      denominator: 8,
      interval: [0.2152, 0.7848],
      target: null,
      status: "no_target",
    });
    expect(body.kpis.avg_onboarding_lead_days).toEqual({
      value: 26.5,
      n: 4,
      median: 28,
      target: null,
      status: "no_target",
    });
    expect(body.breakdown).toBeUndefined();
  });

  it("breaks down by owner (the CSM's e-mail; no owner under null)", async () => {
    const res = await app.call(`/api/v1/kpis?${q1}&by=owner`, { token: viewerToken });
    expect(res.status).toBe(200);
    const { breakdown } = res.body as Json;
    expect(breakdown.by).toBe("owner");
    expect(breakdown.groups.map((g: Json) => g.key)).toEqual(["viewer@kpi-api.example", null]);
    // A1 (owned) is one onboarding of C; the other seven have no owner.
    expect(breakdown.groups[0].kpis.onboarding_completion_rate).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
    expect(breakdown.groups[1].kpis.onboarding_completion_rate).toMatchObject({
      numerator: 3,
      denominator: 7,
    });
    for (const by of ["segment", "touch_model", "industry"]) {
      const r = await app.call(`/api/v1/kpis?${q1}&by=${by}`, { token: viewerToken });
      expect(r.status, by).toBe(200);
      const groups = (r.body as Json).breakdown.groups as Json[];
      const total = groups.reduce((s, g) => s + g.kpis.onboarding_completion_rate.denominator, 0);
      expect(total, by).toBe(8);
    }
  });

  it("filters every KPI to the matching accounts: each group of a breakdown, alone and together", async () => {
    const params = { segment: "segment", touch_model: "touchModel", plan: "plan", owner: "owner" };
    for (const [by, param] of Object.entries(params)) {
      const groups = ((await app.call(`/api/v1/kpis?${q1}&by=${by}`, { token: viewerToken })).body as Json)
        .breakdown.groups as Json[];
      expect(groups.length, by).toBeGreaterThan(0);
      for (const g of groups) {
        const value = g.key === null ? "none" : encodeURIComponent(g.key);
        const res = await app.call(`/api/v1/kpis?${q1}&${param}=${value}`, { token: viewerToken });
        expect(res.status, `${by}=${g.key}`).toBe(200);
        const body = res.body as Json;
        expect(body.kpis, `${by}=${g.key}`).toEqual(g.kpis);
        expect(body.filters).toEqual({ [param]: [g.key ?? "none"] });
      }
    }
    // Several values: A1, A2 (premium) and A3, A4 (standard), one onboarding each in C; completed by
    // asOf: A1 (02-04) and A3 (04-10), not A2 (04-20) nor A4.
    const two = (await app.call(`/api/v1/kpis?${q1}&plan=premium,standard`, { token: viewerToken }))
      .body as Json;
    expect(two.kpis.onboarding_completion_rate).toMatchObject({ numerator: 2, denominator: 4 });
    // premium's NPS answers in Q1: A1 10, A2 9; standard's: A3 8, A4 6 → (2 − 1) / 4 = 25.
    expect(two.kpis.nps).toMatchObject({ value: 25, n: 4, promoters: 2, passives: 1, detractors: 1 });
    // Filters combine (and) with each other and with a breakdown: premium accounts of the CSM = A1.
    const mine = (
      await app.call(`/api/v1/kpis?${q1}&plan=premium&owner=VIEWER@kpi-api.example&by=plan`, {
        token: viewerToken,
      })
    ).body as Json;
    expect(mine.kpis.onboarding_completion_rate).toMatchObject({ numerator: 1, denominator: 1 });
    expect(mine.breakdown.groups.map((g: Json) => g.key)).toEqual(["premium"]);
    expect(mine.filters).toEqual({ plan: ["premium"], owner: ["viewer@kpi-api.example"] });
    // No owner and no plan: A6 (2 onboardings, the first completed), A7; A8 started before the period.
    const none = (await app.call(`/api/v1/kpis?${q1}&owner=none&plan=none`, { token: viewerToken }))
      .body as Json;
    expect(none.kpis.onboarding_completion_rate).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it("answers 400 for a filter value that cannot be one", async () => {
    for (const query of [
      "touchModel=medium",
      "owner=nobody",
      "owner=stranger@elsewhere.example",
      "segment=%E5%A4%A7%E4%BC%81%E6%A5%AD",
      `plan=${"x".repeat(101)}`,
      `segment=${Array.from({ length: 51 }, (_, i) => `s${i}`).join(",")}`,
    ]) {
      const res = await app.call(`/api/v1/kpis?${q1}&${query}`, { token: viewerToken });
      expect(res.status, query).toBe(400);
      expect((res.body as Json).error.code, query).toBe("validation_failed");
    }
  });

  it("defaults to the current month", async () => {
    const res = await app.call("/api/v1/kpis", { token: viewerToken });
    expect(res.status).toBe(200);
    const now = new Date().toISOString();
    expect((res.body as Json).period.from).toBe(`${now.slice(0, 7)}-01`);
  });

  it("answers 400 with the JSON error for bad input", async () => {
    for (const query of [
      "from=2026-13-01",
      "from=01/02/2026",
      "from=2026-03-01&to=2026-03-01",
      "from=2026-03-01&to=2026-02-01",
      "asOf=tomorrow",
      "by=colour",
    ]) {
      const res = await app.call(`/api/v1/kpis?${query}`, { token: viewerToken });
      expect(res.status, query).toBe(400);
      expect((res.body as Json).error).toMatchObject({
        code: "validation_failed",
        message: expect.any(String),
      });
    }
    expect((await app.call("/api/v1/kpis")).status).toBe(401);
  });

  it("shows another workspace none of this one's data", async () => {
    const res = await app.call(`/api/v1/kpis?${q1}`, { token: otherToken });
    expect(res.status).toBe(200);
    const body = res.body as Json;
    for (const id of kpiIds) expect(body.kpis[id].value, id).toBeNull();
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await app.call("/api/openapi.json")).body as Json;
    expect(doc.paths["/kpis"].get.parameters.map((p: Json) => p.name).sort()).toEqual([
      "asOf",
      "by",
      "from",
      "owner",
      "plan",
      "segment",
      "to",
      "touchModel",
    ]);
  });
});
