import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { describeEachDatabase } from "../../../test/support/test-database.ts";
import { authCredentials, authRateLimits, authSessions, users } from "../db/schema.ts";

type Json = Record<string, any>;

describeEachDatabase("staff sign-in", (kind) => {
  let app: TestApp;
  let email: string;
  let password: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    ({ email, password } = await app.workspaceWith("north", "csm"));
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    await app.services.database.db.delete(authRateLimits);
  });

  const signIn = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url, ...headers },
      body: JSON.stringify(body),
    });
  const cookieOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");

  it("signs in, reaches the API with the session, and signs out", async () => {
    const res = await signIn({ email, password });
    expect(res.status).toBe(200);
    const cookie = cookieOf(res);
    expect(cookie).toContain("embark.session_token=");
    expect(res.headers.getSetCookie().join()).toMatch(/HttpOnly/i);
    const me = await app.call("/api/v1/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      role: "csm",
      via: "session",
      workspace: { slug: "north" },
      user: { email },
    });

    const out = await fetch(`${app.url}/api/auth/sign-out`, {
      method: "POST",
      headers: { cookie, origin: app.url, "content-type": "application/json" },
      body: "{}",
    });
    expect(out.status).toBe(200);
    expect((await app.call("/api/v1/me", { headers: { cookie } })).status).toBe(401);
  });

  it("never stores the password in the clear", async () => {
    const [row] = await app.services.database.db
      .select({ hash: authCredentials.password })
      .from(authCredentials)
      .innerJoin(users, eq(users.id, authCredentials.userId))
      .where(eq(users.email, email));
    expect(row!.hash).not.toContain(password);
    expect(row!.hash!.length).toBeGreaterThan(60);
  });

  it("refuses a wrong password and a request from another site", async () => {
    expect(
      (await signIn({ email, password: "wrong-password" }, { "x-forwarded-for": "10.0.0.9" })).status,
    ).toBe(401);
    const crossSiteForm = await signIn(
      { email, password },
      { origin: "https://evil.example", "content-type": "text/plain" },
    );
    expect(crossSiteForm.status).toBe(403);
    const cookie = cookieOf(await signIn({ email, password }));
    const forged = await app.call("/api/v1/accounts", {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "text/plain" },
      body: JSON.stringify({ externalId: "X", name: "forged" }),
    });
    expect(forged.status).toBe(403);
  });

  it("ends idle sessions and sessions past the absolute limit", async () => {
    const { db } = app.services.database;
    const idle = cookieOf(await signIn({ email, password }));
    const token = decodeURIComponent(idle.split("embark.session_token=")[1]!.split(".")[0]!);
    await db
      .update(authSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authSessions.token, token));
    expect((await app.call("/api/v1/me", { headers: { cookie: idle } })).status).toBe(401);

    const old = cookieOf(await signIn({ email, password }));
    const oldToken = decodeURIComponent(old.split("embark.session_token=")[1]!.split(".")[0]!);
    await db
      .update(authSessions)
      .set({ createdAt: sql`now() - interval '8 days'` })
      .where(eq(authSessions.token, oldToken));
    const res = await app.call("/api/v1/me", { headers: { cookie: old } });
    expect(res.status).toBe(401);
    expect((res.body as Json).error.message).toMatch(/ended/);
  });

  it("rate-limits repeated sign-in attempts", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn({ email, password: `guess-${i}-xxxx` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const res = await signIn({ email, password });
    expect(res.status).toBe(429);
  });

  it("answers 401 with the error shape without a session or token", async () => {
    const res = await app.call("/api/v1/accounts");
    expect(res.status).toBe(401);
    expect((res.body as Json).error.code).toBe("unauthorized");
    const bad = await app.call("/api/v1/accounts", { token: "emb_not-a-real-token" });
    expect(bad.status).toBe(401);
  });
});
