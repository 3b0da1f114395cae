import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { createApiToken } from "../platform/auth/api-tokens.ts";
import { inWorkspace } from "../platform/db/client.ts";
import { accounts } from "../platform/db/schema.ts";
import { dateInZone } from "../platform/time.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { loadQuarterData } from "./kpi-fixtures.ts";
import { addMonths } from "./kpi-targets-logic.ts";

type Json = Record<string, any>;

describeEachDatabase("KPI targets API", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let admin: string;
  let manager: string;
  let viewer: string;
  const q1 = "from=2026-01-01&to=2026-04-01&asOf=2026-04-15T00:00:00Z";

  const tokenFor = async (role: "manager" | "viewer" | "csm") => {
    const user = await addStaffUser(app.services.database.db, workspace.id, {
      email: `${role}@kpi-targets.example`,
      role,
      password: "correct-horse-battery",
      name: `${role} person`,
    });
    return (
      await createApiToken(app.services.database.db, {
        workspaceId: workspace.id,
        name: role,
        userId: user.userId,
        role,
      })
    ).token;
  };
  const post = (path: string, body: unknown, token = manager) =>
    app.call(`/api/v1${path}`, { method: "POST", token, body });

  beforeAll(async () => {
    app = await startTestApp(kind);
    ({ workspace, token: admin } = await app.workspaceWith("kpi-targets", "admin"));
    manager = await tokenFor("manager");
    viewer = await tokenFor("viewer");
    const { db } = app.services.database;
    await loadQuarterData(db, workspace);
    // A1 and A2 are the enterprise segment; the segment rules put the others in "small".
    await inWorkspace(db, workspace.id, (tx) =>
      tx
        .update(accounts)
        .set({ segment: "enterprise" })
        .where(and(eq(accounts.workspaceId, workspace.id), inArray(accounts.externalId, ["A1", "A2"]))),
    );
  }, 120_000);
  afterAll(() => app?.close());

  it("lets managers set targets and everyone read them", async () => {
    expect((await app.call("/api/v1/kpi-targets", { token: viewer })).body).toMatchObject({ items: [] });
    const refused = await post(
      "/kpi-targets",
      { kpiId: "nps", effectiveFrom: "2026-01-01", value: 30 },
      viewer,
    );
    expect(refused.status).toBe(403);
    expect(
      (
        await post(
          "/kpi-targets",
          { kpiId: "nps", effectiveFrom: "2026-01-01", value: 30 },
          await tokenFor("csm"),
        )
      ).status,
    ).toBe(403);

    const res = await post("/kpi-targets", {
      kpiId: "onboarding_completion_rate",
      effectiveFrom: "2026-01-01",
      value: 0.7,
      warningBand: 0.05,
      note: "半期の目標",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const today = dateInZone(new Date(), "UTC");
    expect(res.body).toMatchObject({
      kpiId: "onboarding_completion_rate",
      scope: null,
      effectiveFrom: "2026-01-01",
      value: 0.7,
      warningBand: 0.05,
      reviewOn: addMonths(today, 6),
      note: "半期の目標",
      setBy: { email: "manager@kpi-targets.example", name: "manager person" },
      state: "current",
      reviewDue: false,
    });
    // A later target replaces it from April without rewriting Q1.
    const later = await post("/kpi-targets", {
      kpiId: "onboarding_completion_rate",
      effectiveFrom: "2026-04-01",
      value: 0.4,
    });
    expect(later.status).toBe(201);
    const list = (await app.call("/api/v1/kpi-targets", { token: viewer })).body as Json;
    expect(list.items.map((t: Json) => [t.effectiveFrom, t.state])).toEqual([
      ["2026-01-01", "past"],
      ["2026-04-01", "current"],
    ]);
    expect(list.definitionsReview).toMatchObject({
      reviewedOn: today,
      dueOn: addMonths(today, 6),
      due: false,
    });
  });

  it("refuses bad input with the field named", async () => {
    const bad = async (body: Json, field: string, status = 400) => {
      const res = await post("/kpi-targets", body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      const error = (res.body as Json).error;
      expect(error.details.map((d: Json) => d.path)).toContain(field);
    };
    const ok = { kpiId: "csat", effectiveFrom: "2026-01-01", value: 0.8 };
    await bad({ ...ok, kpiId: "happiness" }, "kpiId");
    await bad({ ...ok, effectiveFrom: "2026-01-15" }, "effectiveFrom");
    await bad({ ...ok, effectiveFrom: "yesterday" }, "effectiveFrom");
    await bad({ ...ok, value: 80 }, "value");
    await bad({ ...ok, value: "0.8" }, "value");
    await bad({ ...ok, warningBand: -0.1 }, "warningBand");
    await bad({ ...ok, scope: { dimension: "plan", value: "premium" } }, "scope.dimension");
    await bad({ ...ok, reviewOn: "2026-02-30" }, "reviewOn");
    await bad({ kpiId: "nps", effectiveFrom: "2026-01-01", value: 120 }, "value");
    await bad(
      { kpiId: "onboarding_completion_rate", effectiveFrom: "2026-01-01", value: 0.5 },
      "effectiveFrom",
      409,
    );
    const notJson = await app.call("/api/v1/kpi-targets", { method: "POST", token: manager, body: "{" });
    expect(notJson.status).toBe(400);
    const missing = await app.call("/api/v1/kpi-targets/00000000-0000-0000-0000-000000000000", {
      method: "PATCH",
      token: manager,
      body: { value: 0.5 },
    });
    expect(missing.status).toBe(404);
    expect(
      (await app.call("/api/v1/kpi-targets/not-an-id", { method: "DELETE", token: manager })).status,
    ).toBe(404);
  });

  it("fills target and status in the KPIs from the target effective at the period's start", async () => {
    const q1Result = (await app.call(`/api/v1/kpis?${q1}`, { token: viewer })).body as Json;
    expect(q1Result.kpis.onboarding_completion_rate).toMatchObject({
      value: 0.5,
      target: 0.7,
      status: "off_track",
    });
    expect(q1Result.kpis.nps).toMatchObject({ target: null, status: "no_target" });
    const april = (
      await app.call("/api/v1/kpis?from=2026-04-01&to=2026-05-01&asOf=2026-04-15T00:00:00Z", {
        token: viewer,
      })
    ).body as Json;
    expect(april.kpis.onboarding_completion_rate).toMatchObject({
      value: null,
      target: 0.4,
      status: "no_data",
    });
    const december = (await app.call("/api/v1/kpis?from=2025-12-01&to=2026-01-01", { token: viewer }))
      .body as Json;
    expect(december.kpis.onboarding_completion_rate).toMatchObject({ target: null, status: "no_target" });
    const trend = (
      await app.call("/api/v1/kpis/trend?from=2026-03-01&to=2026-04-01&count=3&asOf=2026-04-15T00:00:00Z", {
        token: viewer,
      })
    ).body as Json;
    expect(trend.periods.map((p: Json) => p.kpis.onboarding_completion_rate.target)).toEqual([0.7, 0.7, 0.7]);
  });

  it("gives a breakdown group its own target when the breakdown is by the target's dimension", async () => {
    const scoped = await post("/kpi-targets", {
      kpiId: "onboarding_completion_rate",
      scope: { dimension: "segment", value: "enterprise" },
      effectiveFrom: "2026-01-01",
      value: 0.5,
      warningBand: 0,
    });
    expect(scoped.status, JSON.stringify(scoped.body)).toBe(201);
    expect((scoped.body as Json).scope).toEqual({ dimension: "segment", value: "enterprise" });
    const bySegment = (await app.call(`/api/v1/kpis?${q1}&by=segment`, { token: viewer })).body as Json;
    const groups = Object.fromEntries(bySegment.breakdown.groups.map((g: Json) => [g.key, g.kpis]));
    // enterprise: A1 completed, A2 only after asOf: 1 of 2 against its own 50%.
    expect(groups.enterprise.onboarding_completion_rate).toMatchObject({
      value: 0.5,
      target: 0.5,
      status: "on_track",
    });
    // The others (3 of 6) against the overall 70%.
    expect(groups.small.onboarding_completion_rate).toMatchObject({
      value: 0.5,
      target: 0.7,
      status: "off_track",
    });
    // A breakdown by another dimension uses the overall target for every group.
    const byPlan = (await app.call(`/api/v1/kpis?${q1}&by=plan`, { token: viewer })).body as Json;
    expect(byPlan.breakdown.groups.every((g: Json) => g.kpis.onboarding_completion_rate.target === 0.7)).toBe(
      true,
    );
  });

  it("changes, reviews and removes a target", async () => {
    const list = (await app.call("/api/v1/kpi-targets", { token: viewer })).body as Json;
    const q1Target = list.items.find((t: Json) => t.effectiveFrom === "2026-01-01" && !t.scope);
    const patched = await app.call(`/api/v1/kpi-targets/${q1Target.id}`, {
      method: "PATCH",
      token: manager,
      body: { value: 0.55, warningBand: 0.1, reviewOn: "2026-02-01", note: null },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ value: 0.55, warningBand: 0.1, note: null, reviewDue: false });
    const q1Result = (await app.call(`/api/v1/kpis?${q1}`, { token: viewer })).body as Json;
    expect(q1Result.kpis.onboarding_completion_rate).toMatchObject({ target: 0.55, status: "at_risk" });
    const clash = await app.call(`/api/v1/kpi-targets/${q1Target.id}`, {
      method: "PATCH",
      token: manager,
      body: { effectiveFrom: "2026-04-01" },
    });
    expect(clash.status).toBe(409);
    expect(
      (
        await app.call(`/api/v1/kpi-targets/${q1Target.id}`, {
          method: "PATCH",
          token: viewer,
          body: { value: 0.1 },
        })
      ).status,
    ).toBe(403);

    // A current target past its review date is due; marking it reviewed moves the date six months on.
    const nps = (
      await post("/kpi-targets", {
        kpiId: "nps",
        effectiveFrom: "2026-01-01",
        value: 30,
        reviewOn: "2026-02-01",
      })
    ).body as Json;
    expect(nps).toMatchObject({ state: "current", reviewDue: true });
    const reviewed = await post(`/kpi-targets/${nps.id}/reviewed`, {});
    expect(reviewed.body).toMatchObject({
      reviewOn: addMonths(dateInZone(new Date(), "UTC"), 6),
      reviewDue: false,
    });
    expect((reviewed.body as Json).reviewedAt).toBeTruthy();

    const removed = await app.call(`/api/v1/kpi-targets/${nps.id}`, { method: "DELETE", token: manager });
    expect(removed.body).toEqual({ id: nps.id, deleted: true });
    expect(
      (await app.call(`/api/v1/kpi-targets/${nps.id}`, { method: "DELETE", token: manager })).status,
    ).toBe(404);
  });

  it("proposes targets a modest step beyond the recent baseline, with the periods it rests on", async () => {
    const res = await app.call("/api/v1/kpi-targets/proposals?from=2026-04-01&to=2026-07-01", {
      token: viewer,
    });
    expect(res.status).toBe(200);
    const body = res.body as Json;
    expect(body.period).toEqual({ from: "2026-04-01", to: "2026-07-01" });
    const completion = body.proposals.find((p: Json) => p.kpiId === "onboarding_completion_rate");
    expect(completion.periods.map((p: Json) => p.from)).toEqual([
      "2024-10-01",
      "2025-01-01",
      "2025-04-01",
      "2025-07-01",
      "2025-10-01",
      "2026-01-01",
    ]);
    // Q4 2025: A8's onboarding, completed (1 of 1); Q1 2026 as of now: 5 of 8 (A2 completed in April).
    expect(completion.periods.slice(-2).map((p: Json) => [p.value, p.n])).toEqual([
      [1, 1],
      [0.625, 8],
    ]);
    expect(completion.periodsWithData).toBe(2);
    expect(completion.baseline).toBeCloseTo(6 / 9);
    expect(completion.proposal).toBe(0.7);
    const lead = body.proposals.find((p: Json) => p.kpiId === "avg_first_response_hours");
    expect(lead.proposal).toBeLessThan(lead.baseline);

    // This month's proposals: survey KPIs rest on the months just ended, a start cohort only on
    // months whose onboardings have all had kpi.targetDays (60) to complete.
    const thisMonth = (await app.call("/api/v1/kpi-targets/proposals", { token: viewer })).body as Json;
    const lastOf = (id: string) => thisMonth.proposals.find((p: Json) => p.kpiId === id).periods.at(-1).to;
    expect(lastOf("nps")).toBe(thisMonth.period.from);
    const cohortEnd = new Date(`${lastOf("onboarding_completion_rate")}T00:00:00Z`).getTime();
    expect(cohortEnd + 60 * 86_400_000).toBeLessThanOrEqual(Date.now());
    expect(cohortEnd + 91 * 86_400_000).toBeGreaterThan(Date.now());
    const empty = (
      await app.call("/api/v1/kpi-targets/proposals?from=2025-01-01&to=2025-02-01", { token: viewer })
    ).body as Json;
    expect(empty.proposals.every((p: Json) => p.baseline === null && p.proposal === null)).toBe(true);
    expect((await app.call("/api/v1/kpi-targets/proposals?from=2026-13-01", { token: viewer })).status).toBe(
      400,
    );
  });

  it("lists off-track KPIs (overall and scoped) and due reviews as alerts", async () => {
    // As of now Q1's completion is 5 of 8 against 55% − 10: on track. Response time for enterprise
    // (I1 2 h, I2 4 h: 3 h) against its own 2 h ± 0.5: off track.
    await post("/kpi-targets", {
      kpiId: "avg_first_response_hours",
      scope: { dimension: "segment", value: "enterprise" },
      effectiveFrom: "2026-01-01",
      value: 2,
      warningBand: 0.5,
    });
    await post("/kpi-targets", { kpiId: "csat", effectiveFrom: "2026-01-01", value: 0.9, warningBand: 0.05 });
    await post("/kpi-targets", {
      kpiId: "activation_rate",
      effectiveFrom: "2026-01-01",
      value: 0.5,
      reviewOn: "2026-03-01",
    });
    await app.call("/api/v1/settings", {
      method: "PATCH",
      token: admin,
      body: { "kpi.definitionsReviewedOn": "2025-01-10" },
    });
    const res = await app.call("/api/v1/kpis/alerts?from=2026-01-01&to=2026-04-01", { token: viewer });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as Json;
    expect(body.alerts).toEqual([
      { kpiId: "csat", scope: null, value: 0.5, target: 0.9, warningBand: 0.05, status: "off_track" },
      {
        kpiId: "avg_first_response_hours",
        scope: { dimension: "segment", value: "enterprise" },
        value: 3,
        target: 2,
        warningBand: 0.5,
        status: "off_track",
      },
    ]);
    expect(body.reviews).toEqual([
      expect.objectContaining({ kind: "target", kpiId: "activation_rate", dueOn: "2026-03-01" }),
      { kind: "definitions", dueOn: "2025-07-10" },
    ]);
    const done = await post("/kpi-definitions/reviewed", {});
    expect(done.body).toMatchObject({ reviewedOn: dateInZone(new Date(), "UTC"), due: false });
    expect(
      ((await app.call("/api/v1/kpis/alerts?from=2026-01-01&to=2026-04-01", { token: viewer })).body as Json)
        .reviews,
    ).toHaveLength(1);
    expect((await post("/kpi-definitions/reviewed", {}, viewer)).status).toBe(403);
    expect(
      (await app.call("/api/v1/kpis/alerts?from=2026-04-01&to=2026-01-01", { token: viewer })).status,
    ).toBe(400);
  });
});
