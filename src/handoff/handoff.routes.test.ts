import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { createApiToken } from "../platform/auth/api-tokens.ts";
import type { Role } from "../platform/db/schema.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import { handoffSchema } from "./handoff.routes.ts";
import { handoffGapCodes } from "./handoff-gaps.ts";

type Json = Record<string, any>;

describeEachDatabase("sales hand-off API", (kind) => {
  let app: TestApp;
  let admin: string;
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};
  let account: Json;
  let similar: Json;
  let strangersAccount: Json;

  async function member(workspaceId: string, name: string, role: Role) {
    const user = await addStaffUser(app.services.database.db, workspaceId, {
      email: `${name}@handoff.example`,
      name,
      role,
      password: "member-pass-1",
    });
    userId[name] = user.userId;
    token[name] = (
      await createApiToken(app.services.database.db, { workspaceId, name, userId: user.userId, role })
    ).token;
  }
  const create = async (as: string, externalId: string, name: string) =>
    (await app.call("/api/v1/accounts", { method: "POST", token: as, body: { externalId, name } }))
      .body as Json;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const ws = await app.workspaceWith("handoff");
    admin = ws.token;
    await member(ws.workspace.id, "Sato", "csm");
    await member(ws.workspace.id, "Viewer", "viewer");
    account = await create(admin, "H-1", "株式会社ひかり製作所");
    similar = await create(admin, "H-0", "あおば工業株式会社");
    const other = await app.workspaceWith("handoff-other");
    token.stranger = other.token;
    strangersAccount = await create(other.token, "S-1", "Stranger KK");
  });
  afterAll(() => app?.close());

  const handoff = (as = "Sato") => app.call(`/api/v1/accounts/${account.id}/handoff`, { token: token[as] });
  const patch = (body: unknown, as = "Sato") =>
    app.call(`/api/v1/accounts/${account.id}/handoff`, { method: "PATCH", token: token[as], body });
  const complete = (as = "Sato") =>
    app.call(`/api/v1/accounts/${account.id}/handoff/complete`, { method: "POST", token: token[as] });

  it("goes from incomplete (409 naming what is missing) to complete, and shows it on the timeline", async () => {
    const empty = (await handoff()).body as Json;
    expect(empty).toMatchObject({
      accountId: account.id,
      accountName: "株式会社ひかり製作所",
      missing: [...handoffGapCodes],
      complete: false,
      completedAt: null,
      completedBy: null,
      similarAccounts: [],
      stakeholders: [],
    });

    const refused = await complete();
    expect(refused.status).toBe(409);
    const error = (refused.body as Json).error;
    expect(error.code).toBe("conflict");
    expect(error.details.map((d: Json) => d.code)).toEqual([...handoffGapCodes]);
    expect(error.details[0]).toMatchObject({ path: "industry", message: expect.any(String) });

    const filled = await patch({
      industry: "製造業",
      employees: 850,
      department: "生産管理部",
      challenges: "紙とExcelで工程管理をしており、進捗がリアルタイムに見えない",
      adoptionPurpose: "工程の進捗を全社で可視化する",
      expectedOutcomes: "納期遅延を半減、報告作業を月20時間削減",
      itLiteracy: "LOW",
      skillNotes: "現場リーダーはスマートフォン操作に不慣れ",
      lessons: "同業のあおば工業では現場向け説明会が定着の鍵だった",
      similarAccountIds: [similar.id],
    });
    expect(filled.status).toBe(200);
    expect(filled.body).toMatchObject({
      industry: "製造業",
      employees: 850,
      itLiteracy: "low",
      similarAccountIds: [similar.id],
      similarAccounts: [{ id: similar.id, name: "あおば工業株式会社" }],
      missing: ["missing_decision_maker", "missing_champion"],
      complete: false,
    });

    for (const [email, role] of [
      ["kacho@hikari.example", "決裁者"],
      ["leader@hikari.example", "導入推進者"],
      ["user@hikari.example", "end_user"],
    ])
      await app.call(`/api/v1/accounts/${account.id}/contacts`, {
        method: "POST",
        token: token.Sato,
        body: { email, role },
      });
    const ready = (await handoff()).body as Json;
    expect(ready.missing).toEqual([]);
    expect(ready.stakeholders.map((s: Json) => [s.email, s.role])).toEqual([
      ["leader@hikari.example", "champion"],
      ["kacho@hikari.example", "decision_maker"],
    ]);

    const done = await complete();
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ complete: true, completedBy: { id: userId.Sato, name: "Sato" } });
    expect(Date.parse((done.body as Json).completedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(handoffSchema.safeParse(done.body).error).toBeUndefined();
    expect(handoffSchema.safeParse(empty).error).toBeUndefined();
    const again = await complete();
    expect((again.body as Json).completedAt).toBe((done.body as Json).completedAt);

    const entries = (
      (await app.call(`/api/v1/accounts/${account.id}/timeline?kind=handoff`, { token: token.Viewer }))
        .body as Json
    ).items as Json[];
    expect(entries.map((e) => e.data.action)).toEqual(["completed", "updated"]);
    expect(entries[0]).toMatchObject({ kind: "handoff", actorName: "Sato", title: "Hand-off completed" });
    expect(entries[1]!.data.fields).toEqual(
      expect.arrayContaining(["industry", "challenges", "similarAccountIds"]),
    );
  });

  it("keeps a completed hand-off complete only while nothing required goes missing", async () => {
    const still = (await patch({ lessons: "説明会は録画して共有すると効果的" })).body as Json;
    expect(still).toMatchObject({ complete: true, completedBy: { name: "Sato" } });
    const unchanged = (await patch({ lessons: "説明会は録画して共有すると効果的" })).body as Json;
    expect(unchanged.complete).toBe(true);

    const cleared = (await patch({ challenges: "  ", employees: null, annualRevenue: 2_000_000_000 }))
      .body as Json;
    expect(cleared).toMatchObject({
      challenges: null,
      annualRevenue: 2_000_000_000,
      missing: ["missing_challenges"],
      complete: false,
      completedAt: null,
      completedBy: null,
    });
    const entries = (
      (await app.call(`/api/v1/accounts/${account.id}/timeline?kind=handoff`, { token: token.Sato }))
        .body as Json
    ).items as Json[];
    // the no-op patch wrote nothing
    expect(entries.map((e) => [e.data.action, e.data.completionCleared ?? null])).toEqual([
      ["updated", true],
      ["updated", false],
      ["completed", null],
      ["updated", false],
    ]);
    expect(entries[0]!.data.missing).toEqual(["missing_challenges"]);
  });

  it("accepts only other accounts of the same workspace as similar accounts, storing nothing otherwise", async () => {
    const res = await patch({
      lessons: "should not be stored",
      similarAccountIds: [account.id, strangersAccount.id, "not-an-id", similar.id],
    });
    expect(res.status).toBe(400);
    const error = (res.body as Json).error;
    expect(error.code).toBe("validation_failed");
    expect(error.details.map((d: Json) => d.path).sort()).toEqual([
      "similarAccountIds.0",
      "similarAccountIds.1",
      "similarAccountIds.2",
    ]);
    const view = (await handoff()).body as Json;
    expect(view.lessons).toBe("説明会は録画して共有すると効果的");
    expect(view.similarAccountIds).toEqual([similar.id]);

    const badValues = await patch({ itLiteracy: "expert", employees: -1 });
    expect(badValues.status).toBe(400);
    expect((badValues.body as Json).error.details.map((d: Json) => d.path).sort()).toEqual([
      "employees",
      "itLiteracy",
    ]);
  });

  it("lets a viewer read but not change or complete, and hides it from other workspaces", async () => {
    expect((await handoff("Viewer")).status).toBe(200);
    expect((await patch({ lessons: "x" }, "Viewer")).status).toBe(403);
    expect((await complete("Viewer")).status).toBe(403);
    expect((await handoff("stranger")).status).toBe(404);
    expect((await patch({ lessons: "x" }, "stranger")).status).toBe(404);
    expect((await complete("stranger")).status).toBe(404);
    // a stranger cannot link this workspace's account either
    const theirs = await app.call(`/api/v1/accounts/${strangersAccount.id}/handoff`, {
      method: "PATCH",
      token: token.stranger,
      body: { similarAccountIds: [account.id] },
    });
    expect(theirs.status).toBe(400);
  });
});
