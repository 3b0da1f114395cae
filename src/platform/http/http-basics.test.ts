import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { describeEachDatabase } from "../../../test/support/test-database.ts";

type Json = Record<string, any>;

describeEachDatabase("HTTP basics", (kind) => {
  let app: TestApp;
  let token: string;
  let viewer: string;
  beforeAll(async () => {
    app = await startTestApp(kind);
    token = (await app.workspaceWith("basics")).token;
    viewer = (await app.workspaceWith("viewing", "viewer")).token;
  });
  afterAll(() => app?.close());

  it("serves health, readiness and Prometheus metrics", async () => {
    expect((await app.call("/healthz")).body).toEqual({ status: "ok" });
    expect((await app.call("/readyz")).body).toMatchObject({ status: "ready", database: kind });
    const metrics = await app.call("/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/embark_http_requests_total\{method="GET",route="\/readyz",status="200"\}/);
  });

  it("describes the API in OpenAPI 3.1 with a browsable reference", async () => {
    const doc = (await app.call("/api/openapi.json")).body as Json;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/accounts", "/accounts/{id}", "/me", "/settings", "/tokens"]),
    );
    expect(doc.paths["/accounts"].get.parameters.map((p: Json) => p.name)).toEqual(
      expect.arrayContaining(["page", "q", "sort"]),
    );
    expect(doc.components.schemas.Account.properties.externalId).toBeDefined();
    const docs = await fetch(`${app.url}/api/docs`);
    expect(docs.status).toBe(200);
    const page = await docs.text();
    expect(page).toContain("/api/openapi.json");
    expect(page).toContain('src="/api/docs/standalone.js"');
    const script = await fetch(`${app.url}/api/docs/standalone.js`);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it("answers every failure with the JSON error shape", async () => {
    const cases: [
      string,
      { method?: string; body?: unknown; token?: string; headers?: Record<string, string> },
      number,
      string,
    ][] = [
      ["/api/v1/nothing-here", { token }, 404, "not_found"],
      ["/api/v1/accounts", { method: "POST", token, body: "{bad" }, 400, "bad_request"],
      ["/api/v1/accounts", { method: "POST", token, body: [] }, 400, "validation_failed"],
      [
        "/api/v1/accounts",
        { method: "POST", token, body: { externalId: "x".repeat(5000), name: "n" } },
        400,
        "validation_failed",
      ],
      ["/api/v1/accounts?page=0", { token }, 400, "validation_failed"],
      [
        "/api/v1/settings",
        { method: "PATCH", token, body: { timezone: "Mars/Olympus" } },
        400,
        "validation_failed",
      ],
      ["/api/v1/settings", { method: "PATCH", token, body: { unknown: 1 } }, 400, "validation_failed"],
      [
        "/api/v1/settings",
        { method: "PATCH", token: viewer, body: { timezone: "Asia/Tokyo" } },
        403,
        "forbidden",
      ],
      ["/api/v1/tokens", { token: viewer }, 403, "forbidden"],
      ["/api/v1/me", {}, 401, "unauthorized"],
      [
        "/api/v1/accounts",
        { method: "POST", token, body: { externalId: "NUL", name: "a\u0000b" } },
        400,
        "validation_failed",
      ],
      ["/api/v1/accounts?q=%00", { token }, 400, "validation_failed"],
    ];
    for (const [path, init, status, code] of cases) {
      const res = await app.call(path, init);
      expect(res.status, `${init.method ?? "GET"} ${path}`).toBe(status);
      expect(res.body, `${init.method ?? "GET"} ${path}`).toMatchObject({
        error: { code, message: expect.any(String), details: expect.any(Array) },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it("changes settings for managers and validates them", async () => {
    const res = await app.call("/api/v1/settings", {
      method: "PATCH",
      token,
      body: { timezone: "Asia/Tokyo", "activation.events": ["Tutorial Completed"] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      timezone: "Asia/Tokyo",
      "kpi.targetDays": 60,
      "activation.mode": "any",
    });
    expect((await app.call("/api/v1/me", { token })).body).toMatchObject({
      workspace: { settings: { timezone: "Asia/Tokyo" } },
    });
  });

  it("creates, uses and revokes API tokens", async () => {
    const created = (await app.call("/api/v1/tokens", { method: "POST", token, body: { name: "crm sync" } }))
      .body as Json;
    expect(created.token).toMatch(/^emb_/);
    expect((await app.call("/api/v1/me", { token: created.token })).status).toBe(200);
    const listed = (await app.call("/api/v1/tokens", { token })).body as Json;
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect((await app.call(`/api/v1/tokens/${created.item.id}`, { method: "DELETE", token })).status).toBe(
      204,
    );
    expect((await app.call("/api/v1/me", { token: created.token })).status).toBe(401);
  });

  it("shows and rotates the write key", async () => {
    const first = ((await app.call("/api/v1/write-key", { token })).body as Json).writeKey;
    const rotated = ((await app.call("/api/v1/write-key/rotate", { method: "POST", token })).body as Json)
      .writeKey;
    expect(rotated).not.toBe(first);
    expect((await app.call("/api/v1/write-key", { token: viewer })).status).toBe(403);
  });

  // Last: the server closes the connection after refusing an oversized body.
  it("refuses a body over 1 MB", async () => {
    const res = await app.call("/api/v1/accounts", { method: "POST", token, body: "x".repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: "payload_too_large" } });
  });
});
