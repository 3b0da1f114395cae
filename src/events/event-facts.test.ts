import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { getWriteKey } from "../workspaces/workspaces.ts";

type Json = Record<string, any>;

describeEachDatabase("usage events become account facts", (kind) => {
  let app: TestApp;
  let token: string;
  let basic: string;
  let n = 0;
  const id = () => `m-${++n}`;

  const send = async (batch: Json[]) => {
    const res = await fetch(`${app.url}/v1/batch`, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/json" },
      body: JSON.stringify({ batch: batch.map((m) => ({ messageId: id(), ...m })) }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };
  const account = async (externalId: string, groupId?: string) =>
    (
      await app.call("/api/v1/accounts", {
        method: "POST",
        token,
        body: { externalId, name: externalId, groupId },
      })
    ).body as Json;
  const usage = async (accountId: string) =>
    (await app.call(`/api/v1/accounts/${accountId}/usage?days=30`, { token })).body as Json;
  const waitFor = async <T>(read: () => Promise<T>, ok: (v: T) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const v = await read();
      if (ok(v)) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    return read();
  };

  beforeAll(async () => {
    app = await startTestApp(kind);
    const ws = await app.workspaceWith("facts");
    token = ws.token;
    basic = `Basic ${Buffer.from(`${await getWriteKey(app.services.database.db, ws.workspace.id)}:`).toString("base64")}`;
    await app.call("/api/v1/settings", {
      method: "PATCH",
      token,
      body: { "activation.events": ["Tutorial Completed", "First Data Imported"], "activation.mode": "all" },
    });
  });
  afterAll(() => app?.close());

  it("counts events per account and day and activates on the last of all activation events", async () => {
    const acme = await account("acme");
    const day = "2026-11-02T03:00:00.000Z";
    await send([
      {
        type: "track",
        userId: "u1",
        event: "Tutorial Completed",
        timestamp: day,
        context: { groupId: "acme" },
      },
      { type: "track", userId: "u2", event: "Report Viewed", timestamp: day, context: { groupId: "acme" } },
      { type: "track", userId: "u2", event: "Report Viewed", timestamp: day, context: { groupId: "acme" } },
    ]);
    let facts = await usage(acme.id);
    expect(facts.activatedAt).toBeNull();
    expect(facts.totalEvents).toBe(3);
    expect(facts.days).toContainEqual({ day: "2026-11-02", events: 3, activeUsers: 2 });
    expect(facts.topEvents[0]).toMatchObject({ event: "Report Viewed", count: 2 });

    await send([
      {
        type: "track",
        userId: "u1",
        event: "First Data Imported",
        timestamp: "2026-11-04T01:00:00.000Z",
        context: { groupId: "acme" },
      },
    ]);
    facts = await usage(acme.id);
    expect(facts.activatedAt).toBe("2026-11-04T01:00:00.000Z");
    expect(facts.activation.seen.map((s: Json) => s.event).sort()).toEqual([
      "First Data Imported",
      "Tutorial Completed",
    ]);
  });

  it("attributes a user's events to the group of a group call, whichever arrives first", async () => {
    const beta = await account("beta");
    await send([{ type: "track", userId: "early", event: "Logged In", timestamp: "2026-11-05T00:00:00Z" }]);
    expect((await usage(beta.id)).totalEvents).toBe(0);
    await send([{ type: "group", userId: "early", groupId: "beta", traits: { name: "Beta" } }]);
    await send([{ type: "track", userId: "early", event: "Logged In", timestamp: "2026-11-06T00:00:00Z" }]);
    const facts = await usage(beta.id);
    expect(facts.topEvents).toEqual([expect.objectContaining({ event: "Logged In", count: 2 })]);
  });

  it("gives an anonymous visitor's events to the account of the user an alias names", async () => {
    const eta = await account("eta");
    await send([
      { type: "track", anonymousId: "anon-1", event: "Signed Up", timestamp: "2026-11-09T00:00:00Z" },
    ]);
    await send([
      { type: "group", userId: "known", groupId: "eta" },
      { type: "alias", previousId: "anon-1", userId: "known" },
    ]);
    expect((await usage(eta.id)).topEvents).toEqual([
      expect.objectContaining({ event: "Signed Up", count: 1 }),
    ]);
  });

  it("keeps events of an unknown group and attaches them when the account appears", async () => {
    await send([
      {
        type: "group",
        userId: "g1",
        groupId: "future-co",
        traits: { name: "Future Co" },
        timestamp: "2026-11-06T00:00:00Z",
      },
      { type: "track", userId: "g1", event: "Tutorial Completed", timestamp: "2026-11-07T00:00:00Z" },
      { type: "track", userId: "g1", event: "First Data Imported", timestamp: "2026-11-08T00:00:00Z" },
    ]);
    const unmatched = (await app.call("/api/v1/events/unmatched-groups", { token })).body as Json;
    expect(unmatched.items).toContainEqual(
      expect.objectContaining({
        groupId: "future-co",
        name: "Future Co",
        events: 3,
        firstSeenAt: "2026-11-06T00:00:00.000Z",
        lastSeenAt: "2026-11-08T00:00:00.000Z",
      }),
    );

    const future = await account("FUT-1", "future-co");
    const facts = await usage(future.id);
    expect(facts.totalEvents).toBe(2);
    expect(facts.activatedAt).toBe("2026-11-08T00:00:00.000Z");
    const after = (await app.call("/api/v1/events/unmatched-groups", { token })).body as Json;
    expect(after.items.map((i: Json) => i.groupId)).not.toContain("future-co");
  });

  it("stores a message id once however often it is sent", async () => {
    const gamma = await account("gamma");
    const once = {
      type: "track",
      userId: "u",
      event: "Saved",
      messageId: "dup-1",
      context: { groupId: "gamma" },
    };
    await send([once, once]);
    await send([once]);
    expect((await usage(gamma.id)).totalEvents).toBe(1);
  });

  it("takes analytics.js's short paths, with the write key in a text/plain body", async () => {
    const theta = await account("theta");
    const writeKey = Buffer.from(basic.slice(6), "base64").toString().slice(0, -1);
    for (const [path, body] of [
      ["t", { event: "Clicked", userId: "t1", context: { groupId: "theta" } }],
      ["p", { name: "Home", userId: "t1", context: { groupId: "theta" } }],
    ] as const) {
      const res = await fetch(`${app.url}/v1/${path}`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ ...body, writeKey }),
      });
      expect(res.status).toBe(200);
    }
    const facts = await usage(theta.id);
    expect(facts.totalEvents).toBe(2);
    expect(facts.topEvents).toEqual([expect.objectContaining({ event: "Clicked" })]);
  });

  it("takes gzip-compressed batches", async () => {
    const zeta = await account("zeta");
    const body = gzipSync(
      JSON.stringify({
        batch: [{ type: "track", userId: "z", event: "Zipped", context: { groupId: "zeta" } }],
      }),
    );
    const res = await fetch(`${app.url}/v1/batch`, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/json", "content-encoding": "gzip" },
      body,
    });
    expect(res.status).toBe(200);
    expect((await usage(zeta.id)).topEvents).toEqual([
      expect.objectContaining({ event: "Zipped", count: 1 }),
    ]);
  });

  it("derives the usage frequency from the days with use", async () => {
    const delta = await account("delta");
    const today = new Date();
    const days = Array.from({ length: 20 }, (_, i) =>
      new Date(today.getTime() - i * 86_400_000).toISOString(),
    );
    await send(days.map((t) => ({ type: "page", userId: "d", timestamp: t, context: { groupId: "delta" } })));
    const facts = await waitFor(
      () => usage(delta.id),
      (f) => f.usageFrequency === "daily",
    );
    expect(facts.usageFrequency).toBe("daily");
    const list = (await app.call("/api/v1/accounts?usageFrequency=daily", { token })).body as Json;
    expect(list.items.map((a: Json) => a.externalId)).toContain("delta");
  });

  it("meets an onboarding's event criterion when the event arrives, naming the event and when", async () => {
    const epsilon = await account("epsilon");
    const started = await app.call(`/api/v1/accounts/${epsilon.id}/onboardings`, {
      method: "POST",
      token,
      body: {},
    });
    expect(started.status).toBe(201);
    const plan = started.body as Json;
    const criterion = plan.criteria.find((c: Json) => c.kind === "event");
    expect(criterion).toMatchObject({ rule: { event: "Tutorial Completed" }, metAt: null });
    const seenAt = new Date(Date.now() + 1_000).toISOString();
    await send([
      {
        type: "track",
        userId: "e",
        event: "Tutorial Completed",
        timestamp: seenAt,
        context: { groupId: "epsilon" },
      },
    ]);
    const met = await waitFor(
      async () => ((await app.call(`/api/v1/onboardings/${plan.id}`, { token })).body as Json).criteria,
      (criteria: Json[]) => criteria.some((c) => c.id === criterion.id && c.metAt),
    );
    expect(met.find((c: Json) => c.id === criterion.id)).toMatchObject({
      metByLabel: "Embark",
      evidence: { event: "Tutorial Completed", seenAt },
    });
  });

  it("shows recent messages and the reasons for rejected ones", async () => {
    const res = await fetch(`${app.url}/v1/batch`, {
      method: "POST",
      headers: { authorization: basic },
      body: JSON.stringify({
        batch: [
          { type: "track", event: "No One" },
          { type: "track", userId: "x", event: "Ok" },
        ],
      }),
    });
    expect(res.status).toBe(400);
    const recent = (await app.call("/api/v1/events/recent", { token })).body as Json;
    expect(recent.received[0]).toMatchObject({ type: "track", event: "Ok", userId: "x" });
    expect(recent.rejected[0]).toMatchObject({ reason: "userId or anonymousId is required", type: "track" });
    const metrics = (await app.call("/metrics")).body as string;
    expect(metrics).toMatch(/embark_events_total\{outcome="rejected"\} [1-9]/);
    expect(metrics).toMatch(/embark_events_total\{outcome="duplicate"\} [1-9]/);
  });
});
