import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { importAccounts } from "../accounts/import-accounts.ts";
import { inWorkspace } from "../platform/db/client.ts";
import { accounts, ruleVersions } from "../platform/db/schema.ts";
import { parseCsv } from "../platform/imports/csv-rows.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { tokenFor } from "./classification-test-helpers.ts";
import type { Condition, SegmentRuleSet } from "./segment-rules.ts";

type Json = Record<string, any>;

describeEachDatabase("segment rules API", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let admin: string;
  let manager: string;
  let csm: string;
  let csmId: string;
  let viewer: string;
  const ids: Record<string, string> = {};

  const create = async (body: Json, token = admin) => {
    const res = await app.call("/api/v1/accounts", { method: "POST", token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Json;
  };
  const snapshot = async () =>
    inWorkspace(app.services.database.db, workspace.id, (tx) =>
      tx
        .select({ id: accounts.id, segment: accounts.segment, touchModel: accounts.touchModel })
        .from(accounts)
        .where(eq(accounts.workspaceId, workspace.id)),
    );

  beforeAll(async () => {
    app = await startTestApp(kind);
    const made = await app.workspaceWith("seg", "admin");
    workspace = made.workspace;
    admin = made.token;
    manager = (await tokenFor(app, workspace, "manager", "鈴木")).token;
    const c = await tokenFor(app, workspace, "csm", "佐藤");
    csm = c.token;
    csmId = c.userId;
    viewer = (await tokenFor(app, workspace, "viewer", "Viewer")).token;
  });
  afterAll(() => app?.close());

  it("ships default rules and classifies new accounts by them", async () => {
    const rules = await app.call("/api/v1/segment-rules", { token: viewer });
    expect(rules.status).toBe(200);
    expect(rules.body).toMatchObject({ version: 0, isDefault: true, createdBy: null, createdAt: null });
    const definition = (rules.body as Json).definition;
    expect(definition.fallback).toBe("small");
    expect(definition.segments.map((s: Json) => s.key)).toEqual(["enterprise", "mid_market", "small"]);
    expect((await app.call("/api/v1/touch-model-policy", { token: viewer })).body).toMatchObject({
      version: 0,
      definition: { mapping: { enterprise: "high", mid_market: "low", small: "tech" } },
    });

    const big = await create({
      externalId: "S-1",
      name: "大手製作所",
      plan: "light",
      employees: 3000,
      industry: "製造業",
      ownerId: csmId,
    });
    const mid = await create({
      externalId: "S-2",
      name: "Middle KK",
      plan: "middle",
      employees: 40,
      ownerId: csmId,
    });
    const small = await create({
      externalId: "S-3",
      name: "Tiny LLC",
      plan: "light",
      employees: 8,
      industry: "製造業",
    });
    const prem = await create({ externalId: "S-4", name: "Premium Co", plan: "premium", employees: 600 });
    Object.assign(ids, { big: big.id, mid: mid.id, small: small.id, prem: prem.id });
    expect(big).toMatchObject({
      segment: "enterprise",
      touchModel: "high",
      touchModelSource: "rule",
      touchModelOverride: null,
    });
    expect(mid).toMatchObject({ segment: "mid_market", touchModel: "low" });
    expect(small).toMatchObject({ segment: "small", touchModel: "tech", usageFrequency: null });

    const why = (await app.call(`/api/v1/accounts/${prem.id}/classification`, { token: viewer }))
      .body as Json;
    expect(why.segment).toMatchObject({
      key: "enterprise",
      rule: 1,
      explanation: "matched rule 1: plan = premium",
      label: { ja: "エンタープライズ", en: "Enterprise" },
    });
    expect(why.touchModel).toMatchObject({
      effective: "high",
      source: "rule",
      explanation: "segment enterprise → high touch (default policy)",
    });
    expect(why.history).toHaveLength(1);
    expect(why.history[0]).toMatchObject({ fromModel: null, toModel: "high", source: "rule", actor: null });

    const filtered = (
      await app.call("/api/v1/accounts?segment=enterprise&touchModel=high", { token: viewer })
    ).body as Json;
    expect(filtered.items.map((a: Json) => a.externalId).sort()).toEqual(["S-1", "S-4"]);
  });

  const candidate: SegmentRuleSet = {
    segments: [
      { key: "manufacturing", label: { ja: "製造業", en: "Manufacturing" } },
      { key: "enterprise", label: { ja: "エンタープライズ", en: "Enterprise" } },
      { key: "small", label: { ja: "スモール", en: "Small" } },
    ],
    rules: [
      { segment: "manufacturing", conditions: [{ field: "industry", op: "eq", value: "製造業" }] },
      { segment: "enterprise", conditions: [{ field: "employees", op: "gte", value: 500 }] },
    ],
    fallback: "small",
  };

  it("previews a rule change without writing, then saves exactly what the preview said", async () => {
    const before = await snapshot();
    const preview = await app.call("/api/v1/segment-rules/preview", {
      method: "POST",
      token: manager,
      body: candidate,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const p = preview.body as Json;
    expect(p.segmentMoves).toEqual(
      expect.arrayContaining([
        { from: "enterprise", to: "manufacturing", count: 1 },
        { from: "small", to: "manufacturing", count: 1 },
        { from: "mid_market", to: "small", count: 1 },
      ]),
    );
    expect(p.segmentChanges).toBe(3);
    expect(p.warnings).toEqual([expect.stringContaining('"manufacturing" has no touch model')]);
    const sato = p.owners.find((o: Json) => o.ownerName === "佐藤");
    expect(sato.before.segments).toEqual({ enterprise: 1, mid_market: 1 });
    expect(sato.after.segments).toEqual({ manufacturing: 1, small: 1 });
    expect(await snapshot()).toEqual(before);
    expect((await app.call("/api/v1/segment-rules/versions", { token: viewer })).body).toEqual({ items: [] });

    const saved = await app.call("/api/v1/segment-rules", { method: "PUT", token: manager, body: candidate });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const { warnings, ...summary } = p;
    expect((saved.body as Json).summary).toEqual(summary);
    expect((saved.body as Json).rules).toMatchObject({
      version: 1,
      isDefault: false,
      createdBy: { name: "鈴木" },
    });
    const current = (await app.call("/api/v1/segment-rules", { token: viewer })).body as Json;
    expect(current).toMatchObject({ version: 1, definition: candidate });
    const account = (await app.call(`/api/v1/accounts/${ids.big}`, { token: viewer })).body as Json;
    expect(account).toMatchObject({ segment: "manufacturing", touchModel: "tech" });
    const why = (await app.call(`/api/v1/accounts/${ids.big}/classification`, { token: viewer }))
      .body as Json;
    expect(why.segment.explanation).toBe("matched rule 1: industry = 製造業");
    expect(why.touchModel.explanation).toBe(
      "segment manufacturing has no mapping → fallback tech touch (default policy)",
    );
    expect(why.history.map((h: Json) => h.toModel)).toEqual(["tech", "high"]);
  });

  it("lets only managers preview and change rules", async () => {
    for (const token of [csm, viewer]) {
      expect(
        (await app.call("/api/v1/segment-rules/preview", { method: "POST", token, body: candidate })).status,
      ).toBe(403);
      const res = await app.call("/api/v1/segment-rules", { method: "PUT", token, body: candidate });
      expect(res.status).toBe(403);
      expect((res.body as Json).error.code).toBe("forbidden");
    }
    expect((await app.call("/api/v1/segment-rules/versions", { token: csm })).status).toBe(200);
  });

  it("refuses bad rule definitions with the error shape and saves nothing", async () => {
    const before = await snapshot();
    const bad: Json[] = [
      { rules: [], fallback: "" },
      { rules: [{ segment: "x", conditions: [{ field: "revenue", op: "eq", value: 1 }] }], fallback: "y" },
      {
        rules: [{ segment: "x", conditions: [{ field: "employees", op: "gte", value: "lots" }] }],
        fallback: "y",
      },
      { segments: [{ key: "x", label: { ja: "X", en: "X" } }], rules: [], fallback: "nope" },
      { rules: [{ segment: "x", conditions: [{ field: "plan", op: "like", value: "p" }] }], fallback: "y" },
    ];
    for (const body of bad) {
      for (const [method, path] of [
        ["PUT", "/api/v1/segment-rules"],
        ["POST", "/api/v1/segment-rules/preview"],
      ] as const) {
        const res = await app.call(path, { method, token: manager, body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        const error = (res.body as Json).error;
        expect(error.code).toBe("validation_failed");
        expect(error.details.length).toBeGreaterThan(0);
        expect(typeof error.details[0].path).toBe("string");
      }
    }
    expect(await snapshot()).toEqual(before);
    expect(
      ((await app.call("/api/v1/segment-rules/versions", { token: viewer })).body as Json).items,
    ).toHaveLength(1);
  });

  it("gives an imported account a segment and a touch model", async () => {
    const csv =
      "external_id,name,plan,employees,touch_model,region\nI-1,Imported KK,premium,20,,関西\nI-2,Pinned KK,light,5,high,\n";
    const result = await importAccounts(app.services.database.db, workspace, parseCsv(csv));
    expect(result).toMatchObject({ created: 2, rejected: [] });
    const list = (await app.call("/api/v1/accounts?q=KK&pageSize=200", { token: viewer })).body as Json;
    const byId = Object.fromEntries(list.items.map((a: Json) => [a.externalId, a]));
    expect(byId["I-1"]).toMatchObject({ segment: "small", touchModel: "tech", touchModelSource: "rule" });
    expect(byId["I-2"]).toMatchObject({
      segment: "small",
      touchModel: "high",
      touchModelSource: "override",
      touchModelOverride: "high",
    });
    const history = (
      await app.call(`/api/v1/accounts/${byId["I-2"].id}/touch-model/history`, { token: viewer })
    ).body as Json;
    expect(history.items).toEqual([
      expect.objectContaining({ source: "import", toModel: "high", actor: null }),
    ]);
    const why = (await app.call(`/api/v1/accounts/${byId["I-2"].id}/classification`, { token: viewer }))
      .body as Json;
    expect(why.touchModel.explanation).toMatch(/^override from an import on \d{4}-\d{2}-\d{2}$/);
  });

  it("previews exactly what saving then does, for any rule set (property)", async () => {
    for (let i = 0; i < 12; i++)
      await create({
        externalId: `P-${i}`,
        name: `Prop ${i}`,
        plan: ["premium", "middle", "light"][i % 3],
        employees: i * 97,
        industry: i % 2 ? "IT" : "小売",
        ownerId: i % 4 ? csmId : null,
      });
    const condition: fc.Arbitrary<Condition> = fc.oneof(
      fc.record({
        field: fc.constant("employees" as const),
        op: fc.constantFrom("gte" as const, "lt" as const),
        value: fc.integer({ min: 0, max: 1200 }),
      }),
      fc.record({
        field: fc.constant("plan" as const),
        op: fc.constantFrom("eq" as const, "neq" as const),
        value: fc.constantFrom("premium", "middle", "light"),
      }),
      fc.record({
        field: fc.constant("industry" as const),
        op: fc.constant("in" as const),
        value: fc.constant<(string | number)[]>(["IT", "製造業"]),
      }),
    );
    const ruleSet: fc.Arbitrary<SegmentRuleSet> = fc.record({
      rules: fc.array(
        fc.record({
          segment: fc.constantFrom("enterprise", "mid_market", "small", "growth"),
          conditions: fc.array(condition, { maxLength: 2 }),
        }),
        { maxLength: 4 },
      ),
      fallback: fc.constantFrom("small", "other"),
    });
    await fc.assert(
      fc.asyncProperty(ruleSet, async (rules) => {
        const before = new Map((await snapshot()).map((r) => [r.id, r]));
        const preview = (
          await app.call("/api/v1/segment-rules/preview", { method: "POST", token: manager, body: rules })
        ).body as Json;
        const saved = await app.call("/api/v1/segment-rules", { method: "PUT", token: manager, body: rules });
        expect(saved.status).toBe(200);
        const after = await snapshot();
        const moves = new Map<string, number>();
        const touchMoves = new Map<string, number>();
        for (const a of after) {
          const b = before.get(a.id)!;
          if (b.segment !== a.segment)
            moves.set(`${b.segment}>${a.segment}`, (moves.get(`${b.segment}>${a.segment}`) ?? 0) + 1);
          if (b.touchModel !== a.touchModel)
            touchMoves.set(
              `${b.touchModel}>${a.touchModel}`,
              (touchMoves.get(`${b.touchModel}>${a.touchModel}`) ?? 0) + 1,
            );
        }
        const asMap = (list: Json[]) => new Map(list.map((m) => [`${m.from}>${m.to}`, m.count]));
        expect(asMap(preview.segmentMoves)).toEqual(moves);
        expect(asMap(preview.touchModelMoves)).toEqual(touchMoves);
        const { warnings, ...summary } = preview;
        expect((saved.body as Json).summary).toEqual(summary);
      }),
      { numRuns: 10 },
    );
    const stored = await inWorkspace(app.services.database.db, workspace.id, (tx) =>
      tx
        .select()
        .from(ruleVersions)
        .where(and(eq(ruleVersions.workspaceId, workspace.id), eq(ruleVersions.kind, "segments"))),
    );
    expect(stored.length).toBeGreaterThanOrEqual(11);
  });
});
