import { randomUUID } from "node:crypto";
import http from "node:http";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { rowsOf } from "../platform/db/client.ts";

type Json = Record<string, any>;

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

describeEachDatabase("usage-event ingestion over plain HTTP: keys, limits, errors", (kind) => {
  let app: TestApp;
  let tokenA: string;
  let tokenB: string;
  let workspaceA: string;
  let workspaceB: string;
  let keyA: string;
  let keyB: string;

  /** POST to /v1/…; `key` goes in as the Basic user name unless `auth: false`. */
  const send = async (
    path: string,
    body: unknown,
    opts: { key?: string; auth?: boolean; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
    if (opts.auth !== false) headers.authorization = basic(opts.key ?? keyA);
    const res = await fetch(`${app.url}${path}`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed as Json, contentType: res.headers.get("content-type") };
  };

  /** How many stored events of the workspace carry the messageId (read in the database). */
  const stored = async (workspaceId: string, messageId: string) => {
    const [row] = rowsOf<{ n: number }>(
      await app.services.database.db.execute(
        sql`select count(*)::int as n from events where workspace_id = ${workspaceId} and message_id = ${messageId}`,
      ),
    );
    return row!.n;
  };
  const storedOfUser = async (workspaceId: string, userId: string) =>
    rowsOf<{ message_id: string; type: string; event: string | null; account_id: string | null }>(
      await app.services.database.db.execute(
        sql`select message_id, type, event, account_id from events
            where workspace_id = ${workspaceId} and user_id = ${userId} order by message_id`,
      ),
    );

  const expectError = (res: { status: number; body: Json; contentType: string | null }, status: number) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.contentType).toContain("application/json");
    expect(res.body).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  };

  const track = (userId: string, extra: Json = {}) => ({
    type: "track",
    event: "Report Created",
    userId,
    messageId: randomUUID(),
    timestamp: new Date().toISOString(),
    ...extra,
  });

  beforeAll(async () => {
    app = await startTestApp(kind);
    const a = await app.workspaceWith("ingest-a");
    const b = await app.workspaceWith("ingest-b");
    tokenA = a.token;
    tokenB = b.token;
    workspaceA = a.workspace.id;
    workspaceB = b.workspace.id;
    keyA = ((await app.call("/api/v1/write-key", { token: tokenA })).body as Json).writeKey;
    keyB = ((await app.call("/api/v1/write-key", { token: tokenB })).body as Json).writeKey;
  });
  afterAll(() => app?.close());

  it("stores a batch sent with the write key as Basic user and answers {success: true}", async () => {
    const messages = [track("basic-1"), track("basic-1", { event: "Dashboard Viewed" })];
    const res = await send("/v1/batch", { batch: messages, sentAt: new Date().toISOString() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    for (const m of messages) expect(await stored(workspaceA, m.messageId)).toBe(1);
  });

  it("accepts the write key as writeKey in the body instead", async () => {
    const message = track("body-key");
    const res = await send("/v1/batch", { batch: [message], writeKey: keyA }, { auth: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expect(await stored(workspaceA, message.messageId)).toBe(1);
    const single = await send("/v1/track", { ...track("body-key"), writeKey: keyA }, { auth: false });
    expect(single.status).toBe(200);
    expect(await storedOfUser(workspaceA, "body-key")).toHaveLength(2);
  });

  it("takes each call type on its own endpoint", async () => {
    const userId = "each-type";
    const bodies: [string, Json][] = [
      ["/v1/identify", { userId, traits: { email: "each@example.com" } }],
      ["/v1/track", { userId, event: "Report Created" }],
      ["/v1/group", { userId, groupId: "each-group", traits: { name: "Each" } }],
      ["/v1/page", { userId, name: "Home" }],
      ["/v1/screen", { userId, name: "Settings" }],
      ["/v1/alias", { userId, previousId: "each-anonymous" }],
    ];
    for (const [path, body] of bodies) {
      const res = await send(path, { ...body, messageId: `${path}-${randomUUID()}` });
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body).toEqual({ success: true });
    }
    const rows = await storedOfUser(workspaceA, userId);
    expect(rows.map((r) => r.type).sort()).toEqual(["alias", "group", "identify", "page", "screen", "track"]);
  });

  it("refuses a wrong or missing write key with 401 and stores nothing", async () => {
    const cases: [string, Awaited<ReturnType<typeof send>>][] = [];
    const m1 = track("no-key");
    cases.push(["wrong Basic key", await send("/v1/batch", { batch: [m1] }, { key: "wk_not-a-key" })]);
    cases.push(["no key at all", await send("/v1/batch", { batch: [m1] }, { auth: false })]);
    cases.push([
      "wrong writeKey in the body",
      await send("/v1/batch", { batch: [m1], writeKey: "wk_not-a-key" }, { auth: false }),
    ]);
    cases.push(["no key on /v1/track", await send("/v1/track", m1, { auth: false })]);
    cases.push([
      "a bearer API token is not a write key",
      await send("/v1/track", m1, { auth: false, headers: { authorization: `Bearer ${tokenA}` } }),
    ]);
    cases.push(["an empty Basic user", await send("/v1/track", m1, { key: "" })]);
    for (const [name, res] of cases) {
      expect(res.status, name).toBe(401);
      expectError(res, 401);
    }
    expect(await stored(workspaceA, m1.messageId)).toBe(0);
  });

  it("refuses a rotated-out write key", async () => {
    const { writeKey: before } = (await app.call("/api/v1/write-key", { token: tokenB })).body as Json;
    const { writeKey: after } = (
      await app.call("/api/v1/write-key/rotate", { method: "POST", token: tokenB })
    ).body as Json;
    const m = track("rotated");
    expectError(await send("/v1/track", m, { key: before }), 401);
    expect((await send("/v1/track", m, { key: after })).status).toBe(200);
    expect(await stored(workspaceB, m.messageId)).toBe(1);
    keyB = after;
  });

  it("answers 400 to a body that is not JSON", async () => {
    for (const body of ["{bad", "", "null", "[1,2]", '"text"'])
      expectError(await send("/v1/batch", body), 400);
    expectError(await send("/v1/track", "{bad"), 400);
    expectError(await send("/v1/batch", { batch: "not a list" }), 400);
  });

  it("refuses a message over 32 KB with 400 and stores it not", async () => {
    const big = track("big-message", { properties: { blob: "x".repeat(33 * 1024) } });
    expectError(await send("/v1/track", big), 400);
    expectError(await send("/v1/batch", { batch: [big] }), 400);
    expect(await stored(workspaceA, big.messageId)).toBe(0);
    // Just under the limit is fine.
    const fits = track("big-message", { properties: { blob: "x".repeat(31 * 1024) } });
    expect((await send("/v1/track", fits)).status).toBe(200);
    expect(await stored(workspaceA, fits.messageId)).toBe(1);
  });

  /** A POST over node:http on the given agent (a connection of its own when none is given). */
  const postOn = (agent: http.Agent | false, path: string, body: string) =>
    new Promise<{ status: number; body: Json; connection: string | undefined }>((resolve, reject) => {
      const req = http.request(
        `${app.url}${path}`,
        {
          method: "POST",
          agent,
          headers: { authorization: basic(keyA), "content-type": "application/json" },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () => {
            let parsed: Json = {};
            try {
              parsed = JSON.parse(text);
            } catch {}
            resolve({ status: res.statusCode!, body: parsed, connection: res.headers.connection });
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  // 20 messages of 30 KB each: every message fits, the request (≈ 600 KB) does not.
  const oversizedBatch = () =>
    JSON.stringify({
      batch: Array.from({ length: 20 }, () =>
        track("big-batch", { properties: { blob: "y".repeat(30 * 1024) } }),
      ),
    });

  it("refuses a batch request over 500 KB with 400 and stores none of it", async () => {
    const res = await postOn(false, "/v1/batch", oversizedBatch());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) },
    });
    expect(await storedOfUser(workspaceA, "big-batch")).toEqual([]);
  });

  it("after refusing an oversized batch, keeps the connection usable or says it closes it", async () => {
    // A client's next batch goes out on the same keep-alive connection (Segment's and
    // RudderStack's clients both keep connections alive).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const refused = await postOn(agent, "/v1/batch", oversizedBatch());
      expect(refused.status).toBe(400);
      if (refused.connection !== "close") {
        const next = track("after-big");
        const res = await postOn(agent, "/v1/track", JSON.stringify(next)).catch((err: Error) => ({
          status: 0,
          body: {
            error: `${err.message}: the server closed a connection it had answered with Connection: keep-alive`,
          },
          connection: undefined,
        }));
        expect(res.body).toEqual({ success: true });
        expect(res.status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  it("refuses a single message without userId or anonymousId and stores nothing", async () => {
    const { userId: _u, ...anonymous } = track("nobody");
    const res = await send("/v1/track", anonymous);
    expectError(res, 400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(JSON.stringify(res.body.error)).toMatch(/userId or anonymousId/);
    expect(await stored(workspaceA, anonymous.messageId)).toBe(0);
    const inBatch = await send("/v1/batch", { batch: [anonymous] });
    expectError(inBatch, 400);
    expect(await stored(workspaceA, anonymous.messageId)).toBe(0);
  });

  it("stores the valid messages of a partly invalid batch, names the rejected one, lists it as rejected", async () => {
    const first = track("partly");
    const { userId: _u, ...bad } = track("partly");
    const third = track("partly", { event: "Invite Sent" });
    const res = await send("/v1/batch", { batch: [first, bad, third] });
    expectError(res, 400);
    expect(res.body).toEqual({
      error: {
        code: "validation_failed",
        message: "1 of 3 messages rejected; the other 2 are stored",
        details: [{ path: "batch.1", message: "userId or anonymousId is required" }],
      },
    });
    expect(await stored(workspaceA, first.messageId)).toBe(1);
    expect(await stored(workspaceA, third.messageId)).toBe(1);
    expect(await stored(workspaceA, bad.messageId)).toBe(0);
    const recent = (await app.call("/api/v1/events/recent?limit=50", { token: tokenA })).body as Json;
    expect(recent.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          messageId: bad.messageId,
          type: "track",
          reason: expect.stringMatching(/userId or anonymousId/),
        }),
      ]),
    );
  });

  it("stores a messageId once: twice in one batch, again in later requests", async () => {
    const m = track("dup");
    const twice = await send("/v1/batch", { batch: [m, { ...m, event: "Changed On Retry" }] });
    expect(twice.status).toBe(200);
    expect(twice.body).toEqual({ success: true });
    for (let i = 0; i < 3; i++) {
      const again = await send("/v1/batch", { batch: [m] });
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ success: true });
    }
    expect((await send("/v1/track", m)).status).toBe(200);
    expect(await stored(workspaceA, m.messageId)).toBe(1);
    const rows = await storedOfUser(workspaceA, "dup");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.event).toBe("Report Created");

    // Concurrent retries of the same batch: still once.
    const burst = Array.from({ length: 6 }, (_, i) => track("dup-burst", { messageId: `burst-${i}` }));
    const answers = await Promise.all(Array.from({ length: 8 }, () => send("/v1/batch", { batch: burst })));
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(await storedOfUser(workspaceA, "dup-burst")).toHaveLength(6);
    const report = (await app.call("/api/v1/events/names", { token: tokenA })).body as Json;
    expect(report.items.find((i: Json) => i.event === "Changed On Retry")).toBeUndefined();

    // The same messageId in another workspace is that workspace's own event.
    expect((await send("/v1/batch", { batch: [m] }, { key: keyB })).status).toBe(200);
    expect(await stored(workspaceB, m.messageId)).toBe(1);
    expect(await stored(workspaceA, m.messageId)).toBe(1);
  });

  it("merges a batch's top-level context and integrations into each message", async () => {
    const created = await app.call("/api/v1/accounts", {
      method: "POST",
      token: tokenA,
      body: { externalId: "ENVELOPE", name: "Envelope Inc." },
    });
    expect(created.status).toBe(201);
    const first = track("envelope");
    const second = track("envelope", { context: { ip: "203.0.113.9" } });
    const res = await send("/v1/batch", {
      batch: [first, second],
      context: { groupId: "ENVELOPE", library: { name: "curl" } },
      integrations: { All: true },
    });
    expect(res.status).toBe(200);
    const rows = rowsOf<{ account_id: string; message: Json }>(
      await app.services.database.db.execute(
        sql`select account_id, message from events where workspace_id = ${workspaceA} and user_id = 'envelope'`,
      ),
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.account_id).toBe((created.body as Json).id);
      expect(r.message.context).toMatchObject({ groupId: "ENVELOPE", library: { name: "curl" } });
      expect(r.message.integrations).toEqual({ All: true });
    }
  });

  it("gives a message without messageId one of its own", async () => {
    const { messageId: _m, ...m } = track("no-message-id");
    expect((await send("/v1/batch", { batch: [m, m] })).status).toBe(200);
    const rows = await storedOfUser(workspaceA, "no-message-id");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.message_id).not.toBe(rows[1]!.message_id);
  });

  it("keeps workspaces apart: A's key writes into A only, even naming B's account", async () => {
    const created = await app.call("/api/v1/accounts", {
      method: "POST",
      token: tokenB,
      body: { externalId: "B-ONLY", name: "B's customer", groupId: "b-group" },
    });
    expect(created.status).toBe(201);
    const accountB = (created.body as Json).id as string;
    const m = track("crossing", { context: { groupId: "b-group" } });
    const group = { type: "group", userId: "crossing", groupId: "b-group", messageId: randomUUID() };
    expect((await send("/v1/batch", { batch: [m, group] }, { key: keyA })).status).toBe(200);

    expect(await stored(workspaceA, m.messageId)).toBe(1);
    expect(await stored(workspaceB, m.messageId)).toBe(0);
    expect(await stored(workspaceB, group.messageId)).toBe(0);
    const [row] = await storedOfUser(workspaceA, "crossing").then((r) => r.filter((x) => x.type === "track"));
    expect(row!.account_id).toBeNull();

    const usageB = (await app.call(`/api/v1/accounts/${accountB}/usage`, { token: tokenB })).body as Json;
    expect(usageB.totalEvents).toBe(0);
    const recentB = (await app.call("/api/v1/events/recent?limit=50", { token: tokenB })).body as Json;
    expect(recentB.received.map((r: Json) => r.userId)).not.toContain("crossing");
    const unmatchedA = (await app.call("/api/v1/events/unmatched-groups", { token: tokenA })).body as Json;
    expect(unmatchedA.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ groupId: "b-group" })]),
    );
    const unmatchedB = (await app.call("/api/v1/events/unmatched-groups", { token: tokenB })).body as Json;
    expect(unmatchedB.items.map((i: Json) => i.groupId)).not.toContain("b-group");
    // A's staff cannot read B's account through the usage route either.
    expect((await app.call(`/api/v1/accounts/${accountB}/usage`, { token: tokenA })).status).toBe(404);
  });
});
