import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { importAccounts } from "../accounts/import-accounts.ts";
import { inWorkspace } from "../platform/db/client.ts";
import { parseCsv } from "../platform/imports/csv-rows.ts";
import { tokenFor } from "../segmentation/classification-test-helpers.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { applySignal } from "./apply-signal.ts";
import { defaultTouchModelPolicy } from "./touch-model-policy.ts";

type Json = Record<string, any>;

describeEachDatabase("touch models API", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let manager: string;
  let csm: string;
  let viewer: string;

  const create = async (body: Json) => {
    const res = await app.call("/api/v1/accounts", { method: "POST", token: csm, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Json;
  };
  const classification = async (id: string) =>
    (await app.call(`/api/v1/accounts/${id}/classification`, { token: viewer })).body as Json;

  beforeAll(async () => {
    app = await startTestApp(kind);
    workspace = (await app.workspaceWith("touch", "admin")).workspace;
    manager = (await tokenFor(app, workspace, "manager", "鈴木")).token;
    csm = (await tokenFor(app, workspace, "csm", "佐藤")).token;
    viewer = (await tokenFor(app, workspace, "viewer", "Viewer")).token;
  });
  afterAll(() => app?.close());

  it("lets a CSM override one account with a reason, keeps the history and explains it", async () => {
    const account = await create({ externalId: "T-1", name: "Small KK", plan: "light", employees: 12 });
    expect(account).toMatchObject({ segment: "small", touchModel: "tech" });
    const path = `/api/v1/accounts/${account.id}/touch-model`;

    const noReason = await app.call(path, { method: "PUT", token: csm, body: { touchModel: "high" } });
    expect(noReason.status).toBe(400);
    expect((noReason.body as Json).error.details.map((d: Json) => d.path)).toEqual(["reason"]);
    const byViewer = await app.call(path, {
      method: "PUT",
      token: viewer,
      body: { touchModel: "high", reason: "x" },
    });
    expect(byViewer.status).toBe(403);

    const set = await app.call(path, {
      method: "PUT",
      token: csm,
      body: { touchModel: "high", reason: "決裁者が導入に不安を持っているため" },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((set.body as Json).touchModel).toMatchObject({
      effective: "high",
      source: "override",
      override: "high",
      policyModel: "tech",
    });
    expect((set.body as Json).touchModel.explanation).toMatch(
      /^override by 佐藤 on \d{4}-\d{2}-\d{2}: 決裁者が導入に不安を持っているため$/,
    );
    const view = (await app.call(`/api/v1/accounts/${account.id}`, { token: viewer })).body as Json;
    expect(view).toMatchObject({
      touchModel: "high",
      touchModelOverride: "high",
      touchModelSource: "override",
    });

    // A policy change leaves the overridden account alone.
    const policy = {
      ...defaultTouchModelPolicy,
      mapping: { ...defaultTouchModelPolicy.mapping, small: "community" },
    };
    expect(
      (await app.call("/api/v1/touch-model-policy", { method: "PUT", token: manager, body: policy })).status,
    ).toBe(200);
    expect(
      ((await app.call(`/api/v1/accounts/${account.id}`, { token: viewer })).body as Json).touchModel,
    ).toBe("high");

    const noRemoveReason = await app.call(path, { method: "DELETE", token: csm, body: {} });
    expect(noRemoveReason.status).toBe(400);
    const removed = await app.call(path, {
      method: "DELETE",
      token: csm,
      body: { reason: "不安が解消した" },
    });
    expect(removed.status).toBe(200);
    expect((removed.body as Json).touchModel).toMatchObject({
      effective: "community",
      source: "rule",
      override: null,
      explanation: "segment small → community touch (policy v1)",
    });
    expect((await app.call(path, { method: "DELETE", token: csm, body: { reason: "again" } })).status).toBe(
      409,
    );

    const history = (await app.call(`/api/v1/accounts/${account.id}/touch-model/history`, { token: viewer }))
      .body as Json;
    expect(history.items.map((h: Json) => [h.source, h.fromModel, h.toModel, h.actor?.name ?? null])).toEqual(
      [
        ["override", "high", "community", "佐藤"],
        ["override", "tech", "high", "佐藤"],
        ["rule", null, "tech", null],
      ],
    );
    expect(history.items[0].reason).toBe(
      "override removed: 不安が解消した; back to the policy: segment small → community touch (policy v1)",
    );
  });

  it("lets only managers change the policy, recomputing accounts without an override", async () => {
    const policy = {
      ...defaultTouchModelPolicy,
      mapping: { enterprise: "high", mid_market: "tech", small: "tech" },
    };
    expect(
      (await app.call("/api/v1/touch-model-policy", { method: "PUT", token: csm, body: policy })).status,
    ).toBe(403);
    const mid = await create({ externalId: "T-2", name: "Mid KK", plan: "middle" });
    expect(mid).toMatchObject({ segment: "mid_market", touchModel: "low" });
    const saved = await app.call("/api/v1/touch-model-policy", {
      method: "PUT",
      token: manager,
      body: policy,
    });
    expect(saved.status).toBe(200);
    expect((saved.body as Json).policy).toMatchObject({ version: 2, createdBy: { name: "鈴木" } });
    expect((saved.body as Json).summary.touchModelMoves).toEqual(
      expect.arrayContaining([
        { from: "low", to: "tech", count: 1 },
        { from: "community", to: "tech", count: 1 },
      ]),
    );
    expect(((await app.call(`/api/v1/accounts/${mid.id}`, { token: viewer })).body as Json).touchModel).toBe(
      "tech",
    );
    const versions = (await app.call("/api/v1/touch-model-policy/versions", { token: viewer })).body as Json;
    expect(versions.items.map((v: Json) => v.version)).toEqual([2, 1]);

    const bad = await app.call("/api/v1/touch-model-policy", {
      method: "PUT",
      token: manager,
      body: {
        mapping: { small: "medium" },
        fallback: "tech",
        switchingRules: [{ signal: "rain", to: "low" }],
      },
    });
    expect(bad.status).toBe(400);
    expect((bad.body as Json).error.details.map((d: Json) => d.path).sort()).toEqual([
      "mapping.small",
      "switchingRules.0.signal",
    ]);
    expect(((await app.call("/api/v1/touch-model-policy", { token: viewer })).body as Json).version).toBe(2);
    // back to the defaults for the following tests
    await app.call("/api/v1/touch-model-policy", {
      method: "PUT",
      token: manager,
      body: defaultTouchModelPolicy,
    });
  });

  it("switches the touch model when the lifecycle phase changes, and explains the switch", async () => {
    const account = await create({ externalId: "T-3", name: "Growing KK", plan: "light", employees: 30 });
    expect(account.touchModel).toBe("tech");
    const churnWithoutDate = await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: csm,
      body: { lifecyclePhase: "churned" },
    });
    expect(churnWithoutDate.status).toBe(400);
    expect((churnWithoutDate.body as Json).error.details[0].path).toBe("churnedAt");

    const expanded = await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: csm,
      body: { lifecyclePhase: "expansion" },
    });
    expect(expanded.status, JSON.stringify(expanded.body)).toBe(200);
    expect(expanded.body).toMatchObject({
      lifecyclePhase: "expansion",
      touchModel: "low",
      touchModelSource: "signal",
    });
    const why = await classification(account.id);
    expect(why.touchModel.explanation).toMatch(
      /^switched from tech to low: lifecycle phase changed from onboarding to expansion on \d{4}-\d{2}-\d{2} \(switching rule 5, policy v3\)$/,
    );
    expect(why.history[0]).toMatchObject({
      source: "signal",
      fromModel: "tech",
      toModel: "low",
      actor: null,
    });

    const back = await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: csm,
      body: { lifecyclePhase: "adoption" },
    });
    expect(back.status).toBe(400);

    // The switch holds while the segment stays; a new segment brings the policy back.
    await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: csm,
      body: { name: "Growing KK 2" },
    });
    expect((await classification(account.id)).touchModel.source).toBe("signal");
    const grown = await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: csm,
      body: { employees: 5000 },
    });
    expect(grown.body).toMatchObject({ segment: "enterprise", touchModel: "high", touchModelSource: "rule" });
    expect((await classification(account.id)).history[0].reason).toBe(
      "segment changed from small to enterprise, the signal switch lapses: segment enterprise → high touch (policy v3)",
    );

    const churned = await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: csm,
      body: { lifecyclePhase: "churned", churnedAt: "2026-11-02", churnReason: "予算削減" },
    });
    expect(churned.body).toMatchObject({
      lifecyclePhase: "churned",
      touchModel: "tech",
      touchModelSource: "signal",
    });
    const reactivated = await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: csm,
      body: { lifecyclePhase: "adoption" },
    });
    expect(reactivated.body).toMatchObject({
      lifecyclePhase: "adoption",
      churnedAt: null,
      churnReason: null,
    });
    const filtered = (await app.call("/api/v1/accounts?lifecyclePhase=adoption", { token: viewer }))
      .body as Json;
    expect(filtered.items.map((a: Json) => a.externalId)).toContain("T-3");
  });

  it("reacts to signals from other capabilities, except on an overridden account", async () => {
    const tech = await create({ externalId: "T-4", name: "Detractor KK", plan: "light" });
    const pinned = await create({ externalId: "T-5", name: "Pinned KK", plan: "light", touchModel: "tech" });
    const db = app.services.database.db;
    const at = new Date("2026-11-02T03:00:00Z");
    const outcome = await inWorkspace(db, workspace.id, (tx) =>
      applySignal(tx, workspace, tech.id, { type: "detractor", score: 3, at }),
    );
    expect(outcome).toMatchObject({ switched: true, from: "tech", to: "low" });
    expect((await classification(tech.id)).touchModel.explanation).toBe(
      "switched from tech to low: detractor answer (score 3) on 2026-11-02 (switching rule 1, policy v3)",
    );
    const again = await inWorkspace(db, workspace.id, (tx) =>
      applySignal(tx, workspace, pinned.id, { type: "detractor", score: 0, at }),
    );
    expect(again).toMatchObject({ switched: false, reason: "an override is in force" });
    const other = (await app.workspaceWith("elsewhere")).workspace;
    await expect(
      inWorkspace(db, other.id, (tx) => applySignal(tx, other, tech.id, { type: "detractor", score: 1 })),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("fires the switching rule when an import changes the lifecycle phase", async () => {
    const account = await create({ externalId: "T-6", name: "Imported phase KK", plan: "light" });
    expect(account.touchModel).toBe("tech");
    const result = await importAccounts(
      app.services.database.db,
      workspace,
      parseCsv("external_id,name,lifecycle_phase\nT-6,Imported phase KK,expansion\n"),
    );
    expect(result).toMatchObject({ updated: 1 });
    const why = await classification(account.id);
    expect(why.touchModel).toMatchObject({ effective: "low", source: "signal" });
    expect(why.history[0]).toMatchObject({ source: "signal", fromModel: "tech", toModel: "low" });
  });
});
