import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";

type Json = Record<string, any>;

describeEachDatabase("accounts API", (kind) => {
  let app: TestApp;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    admin = (await app.workspaceWith("acme", "admin")).token;
    const ws = app.services.database.db;
    const { addStaffUser } = await import("../staff/staff-users.ts");
    const { createApiToken } = await import("../platform/auth/api-tokens.ts");
    const { findWorkspace } = await import("../workspaces/workspaces.ts");
    const acme = (await findWorkspace(ws, "acme"))!;
    const v = await addStaffUser(ws, acme.id, {
      email: "viewer@acme.example",
      role: "viewer",
      password: "viewer-pass-1",
    });
    viewer = (await createApiToken(ws, { workspaceId: acme.id, name: "v", userId: v.userId, role: "viewer" }))
      .token;
  });
  afterAll(() => app?.close());

  it("creates, reads, edits and lists accounts", async () => {
    const created = await app.call("/api/v1/accounts", {
      method: "POST",
      token: admin,
      body: {
        externalId: "A-1",
        name: "株式会社さくら",
        plan: "premium",
        employees: 1200,
        contractStart: "2026-04-01",
        custom: { region: "関東" },
      },
    });
    expect(created.status).toBe(201);
    const account = created.body as Json;
    expect(account).toMatchObject({
      externalId: "A-1",
      groupId: "A-1",
      name: "株式会社さくら",
      lifecyclePhase: "onboarding",
      contactCount: 0,
    });
    expect(account.contractStart).toBe("2026-04-01T00:00:00.000Z");

    const patched = await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: admin,
      body: { industry: "製造業", touchModel: "ハイタッチ" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ industry: "製造業", touchModel: "high", plan: "premium" });

    for (let i = 2; i <= 30; i++)
      await app.call("/api/v1/accounts", {
        method: "POST",
        token: admin,
        body: {
          externalId: `A-${i}`,
          name: `Company ${String(i).padStart(2, "0")}`,
          employees: i * 10,
          plan: i % 2 ? "light" : "middle",
        },
      });
    const page = (
      await app.call("/api/v1/accounts?pageSize=10&page=2&sort=employees&order=desc", { token: admin })
    ).body as Json;
    expect(page.total).toBe(30);
    expect(page.items).toHaveLength(10);
    expect(page.items.map((a: Json) => a.employees)).toEqual([
      210, 200, 190, 180, 170, 160, 150, 140, 130, 120,
    ]);
    const search = (await app.call(`/api/v1/accounts?q=${encodeURIComponent("さくら")}`, { token: admin }))
      .body as Json;
    expect(search.items.map((a: Json) => a.externalId)).toEqual(["A-1"]);
    const filtered = (await app.call("/api/v1/accounts?plan=middle&pageSize=200", { token: admin }))
      .body as Json;
    expect(filtered.total).toBe(15);
    const likeChars = (await app.call("/api/v1/accounts?q=%25", { token: admin })).body as Json;
    expect(likeChars.total).toBe(0);
    const facets = (await app.call("/api/v1/accounts/facets", { token: admin })).body as Json;
    expect(facets.plans).toEqual(["light", "middle", "premium"]);
  });

  it("manages an account's contacts", async () => {
    const account = (
      await app.call("/api/v1/accounts", {
        method: "POST",
        token: admin,
        body: { externalId: "C-1", name: "Contacts Inc." },
      })
    ).body as Json;
    const added = await app.call(`/api/v1/accounts/${account.id}/contacts`, {
      method: "POST",
      token: admin,
      body: { email: "Hanako@Contacts.example", name: "山田 花子", role: "導入推進者", literacy: "high" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      email: "hanako@contacts.example",
      role: "champion",
      literacy: "high",
    });
    const dup = await app.call(`/api/v1/accounts/${account.id}/contacts`, {
      method: "POST",
      token: admin,
      body: { email: "hanako@contacts.example" },
    });
    expect(dup.status).toBe(409);
    const view = (await app.call(`/api/v1/accounts/${account.id}`, { token: admin })).body as Json;
    expect(view.contacts).toHaveLength(1);
    expect(view.contactCount).toBe(1);
    const id = (added.body as Json).id;
    expect(
      (
        await app.call(`/api/v1/contacts/${id}`, {
          method: "PATCH",
          token: admin,
          body: { role: "decision_maker" },
        })
      ).body,
    ).toMatchObject({ role: "decision_maker" });
    expect((await app.call(`/api/v1/contacts/${id}`, { method: "DELETE", token: admin })).status).toBe(204);
    expect((await app.call(`/api/v1/contacts/${id}`, { method: "DELETE", token: admin })).status).toBe(404);
  });

  it("rejects bad input with the error shape and changes nothing", async () => {
    const bad = await app.call("/api/v1/accounts", {
      method: "POST",
      token: admin,
      body: { externalId: "", employees: -3, plan: 4 },
    });
    expect(bad.status).toBe(400);
    const err = (bad.body as Json).error;
    expect(err.code).toBe("validation_failed");
    expect(err.details.map((d: Json) => d.path).sort()).toEqual(["employees", "externalId", "name", "plan"]);
    const badJson = await app.call("/api/v1/accounts", { method: "POST", token: admin, body: "{not json" });
    expect(badJson.status).toBe(400);
    expect((badJson.body as Json).error.code).toBe("bad_request");
    const badDate = await app.call("/api/v1/accounts", {
      method: "POST",
      token: admin,
      body: { externalId: "D-1", name: "x", contractStart: "2026-02-30" },
    });
    expect(badDate.status).toBe(400);
    const dup = await app.call("/api/v1/accounts", {
      method: "POST",
      token: admin,
      body: { externalId: "A-1", name: "dup" },
    });
    expect(dup.status).toBe(409);
    expect((dup.body as Json).error.code).toBe("conflict");
    const badSort = await app.call("/api/v1/accounts?sort=password", { token: admin });
    expect(badSort.status).toBe(400);
    expect((await app.call("/api/v1/accounts/not-a-uuid", { token: admin })).status).toBe(404);
    const list = (await app.call("/api/v1/accounts?q=D-1", { token: admin })).body as Json;
    expect(list.total).toBe(0);
  });

  it("sets a backup CSM who is a member and not the CSM", async () => {
    const me = (await app.call("/api/v1/me", { token: admin })).body as Json;
    const viewerId = (
      ((await app.call("/api/v1/users", { token: admin })).body as Json).items as Json[]
    ).find((u) => u.role === "viewer")!.id;
    const account = (
      await app.call("/api/v1/accounts", {
        method: "POST",
        token: admin,
        body: { externalId: "BK-1", name: "Backup KK", ownerId: me.user.id },
      })
    ).body as Json;
    const same = await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: admin,
      body: { backupOwnerId: me.user.id },
    });
    expect(same.status).toBe(400);
    expect((same.body as Json).error.details[0].path).toBe("backupOwnerId");
    const stranger = await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: admin,
      body: { backupOwnerId: "nobody" },
    });
    expect(stranger.status).toBe(400);
    const ok = await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token: admin,
      body: { backupOwnerId: viewerId },
    });
    expect(ok.body).toMatchObject({ backupOwnerId: viewerId, ownerId: me.user.id });
  });

  it("lets a viewer read but not write", async () => {
    expect((await app.call("/api/v1/accounts", { token: viewer })).status).toBe(200);
    const denied = await app.call("/api/v1/accounts", {
      method: "POST",
      token: viewer,
      body: { externalId: "V-1", name: "v" },
    });
    expect(denied.status).toBe(403);
    expect((denied.body as Json).error.code).toBe("forbidden");
  });
});
