import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { createApiToken } from "../platform/auth/api-tokens.ts";
import { portalAttempts, portalLinks, portalVisitors } from "../platform/db/schema.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import { attemptKey, PORTAL_MAX_FAILURES, recordFailure } from "./portal-attempts.ts";
import { createdPortalLinkSchema, hashPortalToken, portalLinkSchema } from "./portal-links.ts";
import { MAX_VISITORS_PER_LINK } from "./portal-visitors.ts";

type Json = Record<string, any>;

describeEachDatabase("portal links and identification", (kind) => {
  let app: TestApp;
  let admin: string;
  let csm: string;
  let viewer: string;
  let otherWs: string;
  let accountA: string;
  let accountB: string;

  const post = (path: string, body: unknown, token = csm) =>
    app.call(`/api/v1${path}`, { method: "POST", token, body });
  const createLink = async (accountId: string, body: unknown = {}) => {
    const res = await post(`/accounts/${accountId}/portal-links`, body);
    expect(res.status).toBe(201);
    return res.body as Json;
  };
  const tokenOf = (url: string) => url.split("/portal/")[1]!;
  const portal = (
    token: string,
    path = "",
    init: { method?: string; body?: unknown; cookie?: string } = {},
  ) =>
    app.call(`/api/portal/${token}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      body: init.body,
      headers: init.cookie ? { cookie: init.cookie } : {},
    });
  const cookieOf = (headers: Headers) => headers.get("set-cookie")!.split(";")[0]!;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const ws = await app.workspaceWith("portal");
    admin = ws.token;
    const add = async (name: string, role: "csm" | "viewer") => {
      const user = await addStaffUser(app.services.database.db, ws.workspace.id, {
        email: `${name}@portal.example`,
        name,
        role,
        password: "member-pass-1",
      });
      return (
        await createApiToken(app.services.database.db, {
          workspaceId: ws.workspace.id,
          name,
          userId: user.userId,
          role,
        })
      ).token;
    };
    csm = await add("Sato", "csm");
    viewer = await add("Viewer", "viewer");
    otherWs = (await app.workspaceWith("elsewhere")).token;
    accountA = (
      (await post("/accounts", { externalId: "P-A", name: "ポータル株式会社" }, admin)).body as Json
    ).id;
    accountB = ((await post("/accounts", { externalId: "P-B", name: "Other Corp" }, admin)).body as Json).id;
    await post(
      `/accounts/${accountA}/contacts`,
      { email: "yamada@customer-a.example", name: "山田 太郎" },
      admin,
    );
    await post(`/accounts/${accountB}/contacts`, { email: "boss@customer-b.example", name: "B Boss" }, admin);
  });
  afterAll(() => app?.close());

  it("creates a link whose URL is shown once and whose token is stored only as a hash", async () => {
    const link = await createLink(accountA, { label: "導入チーム" });
    expect(createdPortalLinkSchema.safeParse(link).success).toBe(true);
    expect(link).toMatchObject({
      label: "導入チーム",
      status: "active",
      accountId: accountA,
      createdByName: "Sato",
    });
    expect(link.url).toMatch(new RegExp(`^${app.url}/portal/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(link.url);
    const days = (new Date(link.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);

    const [row] = await app.services.database.db
      .select()
      .from(portalLinks)
      .where(eq(portalLinks.id, link.id));
    expect(row!.tokenHash).toBe(hashPortalToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const list = await app.call(`/api/v1/accounts/${accountA}/portal-links`, { token: viewer });
    expect(list.status).toBe(200);
    const items = (list.body as Json).items as Json[];
    expect(items.map((i) => i.id)).toContain(link.id);
    for (const item of items) {
      expect(portalLinkSchema.safeParse(item).success).toBe(true);
      expect(item.url).toBeUndefined();
    }

    const short = await createLink(accountA, { expiresInDays: 7 });
    expect((new Date(short.expiresAt).getTime() - Date.now()) / 86_400_000).toBeCloseTo(7, 1);
  });

  it("lets viewers read, csm write, and answers 404 for another workspace's account", async () => {
    expect((await post(`/accounts/${accountA}/portal-links`, {}, viewer)).status).toBe(403);
    expect((await app.call(`/api/v1/accounts/${accountA}/portal-links`, { token: otherWs })).status).toBe(
      404,
    );
    expect((await post(`/accounts/${accountA}/portal-links`, {}, otherWs)).status).toBe(404);
    const link = await createLink(accountA);
    expect((await post(`/accounts/${accountA}/portal-links/${link.id}/revoke`, {}, otherWs)).status).toBe(
      404,
    );
    expect((await post(`/accounts/${accountB}/portal-links/${link.id}/revoke`, {})).status).toBe(404);
    expect((await post(`/accounts/${accountA}/portal-links`, { expiresInDays: 0 })).status).toBe(400);
  });

  it("opens the portal with a live link and refuses revoked and expired ones alike", async () => {
    const link = await createLink(accountA);
    const token = tokenOf(link.url);
    const open = await portal(token);
    expect(open.status).toBe(200);
    expect(open.headers.get("cache-control")).toBe("no-store");
    expect(open.headers.get("referrer-policy")).toBe("no-referrer");
    expect(open.body).toMatchObject({ account: { name: "ポータル株式会社" }, visitor: null });

    const revoked = await post(`/accounts/${accountA}/portal-links/${link.id}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: "revoked" });
    const afterRevoke = await portal(token);
    expect(afterRevoke.status).toBe(404);
    expect(afterRevoke.headers.get("cache-control")).toBe("no-store");

    const old = await createLink(accountA);
    await app.services.database.db
      .update(portalLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(portalLinks.id, old.id));
    const expired = await portal(tokenOf(old.url));
    expect(expired.status).toBe(404);
    const unknown = await portal("A".repeat(43));
    expect(unknown.status).toBe(404);
    // One message for all three: the answer does not tell which it was.
    expect((expired.body as Json).error).toEqual((afterRevoke.body as Json).error);
    expect((unknown.body as Json).error).toEqual((afterRevoke.body as Json).error);
    expect((unknown.body as Json).error.code).toBe("not_found");

    const list = ((await app.call(`/api/v1/accounts/${accountA}/portal-links`, { token: csm })).body as Json)
      .items as Json[];
    expect(list.find((l) => l.id === old.id)?.status).toBe("expired");
  });

  it("identifies a contact of the account, an unknown e-mail, and never links another account's contact", async () => {
    const link = await createLink(accountA);
    const token = tokenOf(link.url);

    const own = await portal(token, "/identify", { body: { email: " Yamada@Customer-A.example " } });
    expect(own.status).toBe(200);
    // Only what they typed comes back: the name stored for the e-mail is not told to whoever types it.
    expect((own.body as Json).visitor).toEqual({ name: null, email: "yamada@customer-a.example" });
    expect(JSON.stringify(own.body)).not.toContain("山田 太郎");
    const cookie = own.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toContain(`Path=/api/portal/${token}`);
    const again = await portal(token, "", { cookie: cookieOf(own.headers) });
    expect((again.body as Json).visitor).toEqual({ name: null, email: "yamada@customer-a.example" });
    // The same e-mail again, now with a name: the same visitor, under the name given now.
    const named = await portal(token, "/identify", {
      body: { email: "yamada@customer-a.example", name: "山田" },
    });
    expect((named.body as Json).visitor).toEqual({ name: "山田", email: "yamada@customer-a.example" });
    expect(cookieOf(named.headers)).toBe(cookieOf(own.headers));

    // "Not you?": the cookie is cleared and the portal asks again.
    const forgotten = await portal(token, "/forget", { method: "POST", cookie: cookieOf(own.headers) });
    expect(forgotten.status).toBe(200);
    expect((forgotten.body as Json).visitor).toBeNull();
    expect(forgotten.headers.get("set-cookie")).toMatch(/embark_portal=;.*Max-Age=0/i);

    // A forged cookie names nobody.
    const forged = cookieOf(own.headers).replace(/=.{6}/, "=abcdef");
    expect(((await portal(token, "", { cookie: forged })).body as Json).visitor).toBeNull();

    const fresh = await portal(token, "/identify", {
      body: { email: "new.person@customer-a.example", name: "新人 花子" },
    });
    expect(fresh.status).toBe(200);
    const contactsA = (await app.call(`/api/v1/accounts/${accountA}/contacts`, { token: csm })).body as Json;
    const listA = (contactsA.items ?? contactsA) as Json[];
    expect(listA.map((c) => c.email)).toEqual(
      expect.arrayContaining(["yamada@customer-a.example", "new.person@customer-a.example"]),
    );

    const foreign = await portal(token, "/identify", {
      body: { email: "boss@customer-b.example", name: "Someone" },
    });
    expect(foreign.status).toBe(200);
    expect(foreign.body).toMatchObject({
      account: { name: "ポータル株式会社" },
      visitor: { name: "Someone" },
    });
    expect(JSON.stringify(foreign.body)).not.toContain("B Boss");
    expect(JSON.stringify(foreign.body)).not.toContain("Other Corp");
    const contactsB = (await app.call(`/api/v1/accounts/${accountB}/contacts`, { token: csm })).body as Json;
    expect(((contactsB.items ?? contactsB) as Json[]).map((c) => c.email)).toEqual([
      "boss@customer-b.example",
    ]);
    const listAfter = (await app.call(`/api/v1/accounts/${accountA}/contacts`, { token: csm })).body as Json;
    expect(((listAfter.items ?? listAfter) as Json[]).map((c) => c.email)).not.toContain(
      "boss@customer-b.example",
    );

    const links = ((await app.call(`/api/v1/accounts/${accountA}/portal-links`, { token: csm })).body as Json)
      .items as Json[];
    const visitors = links.find((l) => l.id === link.id)!.visitors as Json[];
    expect(visitors).toHaveLength(3);
    expect(visitors.find((v) => v.email === "boss@customer-b.example")!.contactId).toBeNull();
    expect(visitors.find((v) => v.email === "yamada@customer-a.example")!.contactId).not.toBeNull();

    const timeline = (await app.call(`/api/v1/accounts/${accountA}/timeline?kind=portal`, { token: csm }))
      .body as Json;
    const actions = (timeline.items as Json[]).map((e) => e.data.action);
    expect(actions.filter((a) => a === "identified")).toHaveLength(3);
    expect(actions).toContain("link_created");

    expect((await portal(token, "/identify", { body: { email: "not-an-email" } })).status).toBe(400);
    // The cookie of one link does not identify anyone on another.
    const other = await createLink(accountA);
    const crossed = await portal(tokenOf(other.url), "", { cookie: cookieOf(own.headers) });
    expect((crossed.body as Json).visitor).toBeNull();
  });

  it("stops a link from filling the contacts: a cap on the people per link", async () => {
    const link = await createLink(accountA);
    const token = tokenOf(link.url);
    const first = await portal(token, "/identify", { body: { email: "first@customer-a.example" } });
    expect(first.status).toBe(200);
    const [row] = await app.services.database.db
      .select()
      .from(portalLinks)
      .where(eq(portalLinks.id, link.id));
    await app.services.database.db.insert(portalVisitors).values(
      Array.from({ length: MAX_VISITORS_PER_LINK - 1 }, (_, i) => ({
        workspaceId: row!.workspaceId,
        accountId: row!.accountId,
        linkId: row!.id,
        email: `filler${i}@flood.example`,
      })),
    );
    const flood = await portal(token, "/identify", { body: { email: "one-more@flood.example" } });
    expect(flood.status).toBe(429);
    expect((flood.body as Json).error.code).toBe("rate_limited");
    // Someone already known on the link still gets in.
    expect((await portal(token, "/identify", { body: { email: "first@customer-a.example" } })).status).toBe(
      200,
    );
  });

  it("needs an identified visitor for actions", async () => {
    const token = tokenOf((await createLink(accountA)).url);
    const res = await portal(token, "/agree", { method: "POST" });
    expect(res.status).toBe(401);
    expect((res.body as Json).error.code).toBe("unauthorized");
  });

  it("slows guessing: too many failed links from one address are refused for a while", async () => {
    const db = app.services.database.db;
    await db.delete(portalAttempts);
    const live = tokenOf((await createLink(accountA)).url);
    // Concurrent failures are all counted (the count is one atomic upsert).
    await Promise.all(Array.from({ length: 5 }, (_, i) => portal(`para${i}`.padEnd(43, "x"))));
    const [counted] = await db
      .select()
      .from(portalAttempts)
      .where(eq(portalAttempts.key, attemptKey("127.0.0.1")));
    expect(counted!.count).toBe(5);
    await db.delete(portalAttempts);
    for (let i = 0; i < PORTAL_MAX_FAILURES; i++) {
      const guess = await portal(`guess${i}`.padEnd(43, "x"));
      expect(guess.status).toBe(404);
    }
    const refused = await portal("y".repeat(43));
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: { code: "rate_limited", message: expect.any(String), details: [] },
    });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Others' failures (on a shared address) never lock out a link that works.
    expect((await portal(live)).status).toBe(200);
    expect((await portal(live, "/identify", { body: { email: "after@customer-a.example" } })).status).toBe(
      200,
    );
    expect((await portal("y".repeat(43))).status).toBe(429);
    const [row] = await db
      .select()
      .from(portalAttempts)
      .where(eq(portalAttempts.key, attemptKey("127.0.0.1")));
    expect(row!.count).toBe(PORTAL_MAX_FAILURES + 2);
    // The window passes: the address may try again.
    await db
      .update(portalAttempts)
      .set({ windowStart: new Date(Date.now() - 11 * 60 * 1000) })
      .where(eq(portalAttempts.key, row!.key));
    expect((await portal(live)).status).toBe(200);
    expect((await portal("z".repeat(43))).status).toBe(404);
    const [restarted] = await db.select().from(portalAttempts).where(eq(portalAttempts.key, row!.key));
    expect(restarted!.count).toBe(1);

    // Keys that have not failed for an hour are swept now and then (here: this failure sweeps).
    await db
      .insert(portalAttempts)
      .values({ key: "ip:192.0.2.1", windowStart: new Date(Date.now() - 61 * 60 * 1000), count: 3 });
    await recordFailure(db, "ip:192.0.2.2", new Date(), () => 0);
    const keys = (await db.select().from(portalAttempts)).map((r) => r.key);
    expect(keys).not.toContain("ip:192.0.2.1");
    expect(keys).toEqual(expect.arrayContaining([row!.key, "ip:192.0.2.2"]));
    await db.delete(portalAttempts);
  });

  it("writes when a link was last used only every few minutes, not on every visit", async () => {
    const db = app.services.database.db;
    const link = await createLink(accountA);
    const token = tokenOf(link.url);
    const who = await portal(token, "/identify", { body: { email: "visits@customer-a.example" } });
    const cookie = cookieOf(who.headers);
    const usedAt = async () => {
      const [l] = await db.select().from(portalLinks).where(eq(portalLinks.id, link.id));
      const [v] = await db.select().from(portalVisitors).where(eq(portalVisitors.linkId, link.id));
      return { link: l!.lastUsedAt?.getTime() ?? null, visitor: v!.lastSeenAt.getTime() };
    };
    expect((await portal(token, "", { cookie })).status).toBe(200);
    const first = await usedAt();
    expect(first.link).not.toBeNull();
    expect((await portal(token, "", { cookie })).status).toBe(200);
    expect(await usedAt()).toEqual(first);
    const longAgo = new Date(Date.now() - 6 * 60 * 1000);
    await db.update(portalLinks).set({ lastUsedAt: longAgo }).where(eq(portalLinks.id, link.id));
    await db.update(portalVisitors).set({ lastSeenAt: longAgo }).where(eq(portalVisitors.linkId, link.id));
    expect((await portal(token, "", { cookie })).status).toBe(200);
    const later = await usedAt();
    expect(later.link!).toBeGreaterThan(longAgo.getTime());
    expect(later.visitor).toBeGreaterThan(longAgo.getTime());
  });
});

it("counts IPv6 clients by their /64", () => {
  expect(attemptKey("::ffff:10.0.0.1")).toBe("ip:10.0.0.1");
  expect(attemptKey("2001:db8:1:2:aaaa::1")).toBe(attemptKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
  expect(attemptKey("2001:db8:1:2::1")).not.toBe(attemptKey("2001:db8:1:3::1"));
  expect(attemptKey("::1")).toBe("ip6:0:0:0:0");
});
