import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { insertOnboarding } from "../follow-up/follow-up-fixtures.ts";
import { portalAttempts, surveyResponses } from "../platform/db/schema.ts";
import { PORTAL_MAX_FAILURES } from "../portal/portal-attempts.ts";
import { insertContact } from "./survey-fixtures.ts";

type Json = Record<string, any>;

describeEachDatabase("surveys in the portal", (kind) => {
  let app: TestApp;
  let token: string;
  let portalToken: string;
  let cookie: string;
  let accountId: string;
  let otherSurveyId: string;

  const portal = (path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) =>
    app.call(`/api/portal/${portalToken}${path}`, {
      ...init,
      headers: (init.cookie ?? cookie) ? { cookie: (init.cookie ?? cookie)! } : {},
    });

  beforeAll(async () => {
    app = await startTestApp(kind);
    const ws = await app.workspaceWith("sv-portal", "manager");
    token = ws.token;
    const db = app.services.database.db;
    ({ accountId } = await insertOnboarding(db, ws.workspace.id, {
      name: "Portal 株式会社",
      touchModel: "low",
      startedDaysAgo: 5,
      targetInDays: 30,
    }));
    const contactId = await insertContact(db, ws.workspace.id, accountId, {
      email: "kato@portal.example",
      name: "加藤",
    });
    await insertContact(db, ws.workspace.id, accountId, { email: "ito@portal.example", name: "伊藤" });
    const survey = (
      await app.call("/api/v1/surveys", {
        method: "POST",
        token,
        body: { kind: "csat", title: { ja: "満足度", en: "Satisfaction" } },
      })
    ).body as Json;
    await app.call(`/api/v1/surveys/${survey.id}/send`, {
      method: "POST",
      token,
      body: { contactIds: [contactId] },
    });
    otherSurveyId = survey.id;
    const link = await app.call(`/api/v1/accounts/${accountId}/portal-links`, {
      method: "POST",
      token,
      body: {},
    });
    portalToken = (link.body as Json).url.split("/portal/")[1];
    const who = await portal("/identify", {
      method: "POST",
      body: { email: "kato@portal.example" },
      cookie: "",
    });
    cookie = who.headers.get("set-cookie")!.split(";")[0]!;
  });
  afterAll(() => app?.close());

  it("shows the identified contact their open surveys and takes the answer with source portal", async () => {
    const list = (await portal("/surveys")).body as Json;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ accountName: "Portal 株式会社", response: null });
    const sendId = list.items[0].id;
    const answered = await portal(`/surveys/${sendId}`, {
      method: "POST",
      body: { score: 5, comment: "丁寧でした" },
    });
    expect(answered.status).toBe(200);
    const [row] = await app.services.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.sendId, sendId));
    expect(row).toMatchObject({ source: "portal", score: 5, kind: "csat" });

    // Another contact of the same account sees none of it; without identifying, nothing at all.
    const other = await portal("/identify", {
      method: "POST",
      body: { email: "ito@portal.example" },
      cookie: "",
    });
    const theirs = other.headers.get("set-cookie")!.split(";")[0]!;
    expect(((await portal("/surveys", { cookie: theirs })).body as Json).items).toEqual([]);
    expect(
      (await portal(`/surveys/${sendId}`, { method: "POST", body: { score: 1 }, cookie: theirs })).status,
    ).toBe(404);
    expect(((await portal("/surveys", { cookie: "" })).body as Json).items).toEqual([]);
    expect(
      (await portal(`/surveys/${sendId}`, { method: "POST", body: { score: 1 }, cookie: "" })).status,
    ).toBe(401);
    expect(otherSurveyId).toBeTruthy();
  });

  it("rate-limits failed survey-link lookups by client address", async () => {
    await app.services.database.db.delete(portalAttempts);
    let last = 0;
    for (let i = 0; i <= PORTAL_MAX_FAILURES; i++)
      last = (await app.call(`/api/survey/${"z".repeat(42)}${i % 10}`)).status;
    expect(last).toBe(429);
    await app.services.database.db.delete(portalAttempts);
  });
});
