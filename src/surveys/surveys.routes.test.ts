import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { insertOnboarding } from "../follow-up/follow-up-fixtures.ts";
import { createApiToken } from "../platform/auth/api-tokens.ts";
import {
  accounts,
  followUpSuggestions,
  mailOutbox,
  onboardingTasks,
  surveyResponses,
  surveySends,
  timelineEntries,
  touchModelChanges,
  workspaces,
} from "../platform/db/schema.ts";
import { loggedPath } from "../platform/http/app.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { insertContact, outboxLike, setAccount, surveyMailsTo, tokenIn } from "./survey-fixtures.ts";
import { runSurveyTriggers } from "./survey-triggers.ts";

type Json = Record<string, any>;

describeEachDatabase("surveys", (kind) => {
  let app: TestApp;
  let manager: string;
  let csm: string;
  let outsider: string;
  let workspace: Workspace;
  let csmId: string;
  let alpha: { accountId: string; onboardingId: string };
  let beta: { accountId: string; onboardingId: string };
  const contacts: Record<string, string> = {};
  let npsId: string;

  const db = () => app.services.database.db;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const m = await app.workspaceWith("sv", "manager");
    workspace = m.workspace;
    manager = m.token;
    const owner = await addStaffUser(db(), workspace.id, {
      email: "sato@sv.example",
      name: "佐藤 花子",
      role: "csm",
    });
    csmId = owner.userId;
    csm = (await createApiToken(db(), { workspaceId: workspace.id, name: "csm", userId: csmId, role: "csm" }))
      .token;
    outsider = (await app.workspaceWith("sv-other", "admin")).token;
    await db()
      .update(workspaces)
      .set({
        settings: {
          ...workspace.settings,
          "notifications.chatWebhookUrl": "https://hooks.example.com/services/T0/B0/x",
        },
      })
      .where(eq(workspaces.id, workspace.id));

    alpha = await insertOnboarding(db(), workspace.id, {
      name: "Alpha 株式会社",
      touchModel: "tech",
      ownerId: csmId,
      startedDaysAgo: 20,
      targetInDays: 30,
    });
    beta = await insertOnboarding(db(), workspace.id, {
      name: "Beta 合同会社",
      touchModel: "low",
      ownerId: csmId,
      startedDaysAgo: 10,
      targetInDays: 30,
    });
    await setAccount(db(), alpha.accountId, { segment: "small", touchModel: "tech" });
    await setAccount(db(), beta.accountId, { segment: "mid_market", touchModel: "low" });
    contacts.yamada = await insertContact(db(), workspace.id, alpha.accountId, {
      email: "yamada@alpha.example",
      name: "山田 太郎",
      role: "decision_maker",
    });
    contacts.suzuki = await insertContact(db(), workspace.id, alpha.accountId, {
      email: "suzuki@alpha.example",
      name: "鈴木 一郎",
      role: "end_user",
      unsubscribed: true,
    });
    contacts.smith = await insertContact(db(), workspace.id, beta.accountId, {
      email: "smith@beta.example",
      name: "John Smith",
      role: "champion",
      locale: "en",
    });
  });

  afterAll(() => app?.close());

  const npsInput = {
    kind: "nps",
    title: { ja: "サービスのおすすめ度", en: "How likely are you to recommend us?" },
    intro: { ja: "1分で終わります。", en: "It takes a minute." },
    questions: [
      { type: "scale", text: { ja: "サポートの満足度", en: "Support satisfaction" }, required: false },
      {
        type: "choice",
        text: { ja: "よく使う機能", en: "Most used feature" },
        options: [
          { value: "reports", label: { ja: "レポート", en: "Reports" } },
          { value: "alerts", label: { ja: "アラート", en: "Alerts" } },
        ],
      },
    ],
    closeAfterDays: 14,
  };

  it("defines a survey (managers only) and lists it", async () => {
    expect((await app.call("/api/v1/surveys", { method: "POST", token: csm, body: npsInput })).status).toBe(
      403,
    );
    const bad = await app.call("/api/v1/surveys", {
      method: "POST",
      token: manager,
      body: { ...npsInput, kind: "custom", questions: [] },
    });
    expect(bad.status).toBe(400);
    const res = await app.call("/api/v1/surveys", { method: "POST", token: manager, body: npsInput });
    expect(res.status).toBe(201);
    const survey = res.body as Json;
    npsId = survey.id;
    expect(survey.questions).toHaveLength(2);
    expect(survey.questions[0].id).toMatch(/^q_/);
    const list = (await app.call("/api/v1/surveys", { token: csm })).body as Json;
    expect(list.items.map((s: Json) => s.id)).toContain(npsId);
  });

  it("sends to a segment's contacts with a role, skipping the unsubscribed and saying why", async () => {
    const preview = (
      await app.call(`/api/v1/surveys/${npsId}/send/preview`, {
        method: "POST",
        token: csm,
        body: { contactIds: [contacts.yamada, contacts.suzuki] },
      })
    ).body as Json;
    expect(preview.recipients.map((r: Json) => r.email)).toEqual(["yamada@alpha.example"]);
    expect(preview.skipped).toEqual([
      expect.objectContaining({ email: "suzuki@alpha.example", reason: "unsubscribed" }),
    ]);
    const sent = await app.call(`/api/v1/surveys/${npsId}/send`, {
      method: "POST",
      token: csm,
      body: { contactIds: [contacts.yamada, contacts.suzuki] },
    });
    expect(sent.status).toBe(200);
    expect((sent.body as Json).sent).toBe(1);
    const [mail] = await surveyMailsTo(db(), workspace.id, "yamada@alpha.example");
    expect(mail).toMatchObject({ purpose: "marketing", locale: "ja", contactId: contacts.yamada });
    expect(mail!.dedupeKey).toMatch(/^survey-send:/);
    expect(mail!.subject).toContain("サービスのおすすめ度");
    expect(mail!.text).toContain(`${app.url}/survey/`);
    expect(await surveyMailsTo(db(), workspace.id, "suzuki@alpha.example")).toHaveLength(0);

    // A segment send with a role: Beta is mid-market, its champion writes English.
    const bySegment = (
      await app.call(`/api/v1/surveys/${npsId}/send`, {
        method: "POST",
        token: csm,
        body: { segment: "mid_market", roles: ["champion", "decision_maker"] },
      })
    ).body as Json;
    expect(bySegment.recipients.map((r: Json) => r.email)).toEqual(["smith@beta.example"]);
    const [english] = await surveyMailsTo(db(), workspace.id, "smith@beta.example");
    expect(english).toMatchObject({ locale: "en" });
    expect(english!.subject).toContain("How likely");
    // Sending again while the link is open skips the contact.
    const again = (
      await app.call(`/api/v1/surveys/${npsId}/send/preview`, {
        method: "POST",
        token: csm,
        body: { segment: "mid_market" },
      })
    ).body as Json;
    expect(again.skipped).toEqual([
      expect.objectContaining({ email: "smith@beta.example", reason: "already_open" }),
    ]);
  });

  it("a link answers its own send and reads nothing else; other workspaces see nothing", async () => {
    const [mail] = await surveyMailsTo(db(), workspace.id, "yamada@alpha.example");
    const token = tokenIn(mail!.text);
    const view = await app.call(`/api/survey/${token}`);
    expect(view.status).toBe(200);
    const body = view.body as Json;
    expect(body).toMatchObject({
      accountName: "Alpha 株式会社",
      contactName: "山田 太郎",
      locale: "ja",
      response: null,
    });
    expect(body.survey.kind).toBe("nps");
    expect(JSON.stringify(body)).not.toContain("smith");
    expect(view.headers.get("cache-control")).toBe("no-store");
    const [send] = await db().select().from(surveySends).where(eq(surveySends.contactId, contacts.yamada));
    expect(send!.openedAt).not.toBeNull();

    // Unknown, malformed and changed tokens: the same 404, nothing revealed.
    for (const t of ["x".repeat(43), "short", `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`]) {
      const res = await app.call(`/api/survey/${t}`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain("Alpha");
    }
    // Another workspace's staff cannot read the survey, its sends or its responses.
    expect((await app.call(`/api/v1/surveys/${npsId}`, { token: outsider })).status).toBe(404);
    expect((await app.call(`/api/v1/surveys/${npsId}/sends`, { token: outsider })).status).toBe(404);
    expect((await app.call(`/api/v1/surveys/${npsId}/results`, { token: outsider })).status).toBe(404);
    for (const [method, path, body] of [
      ["PUT", "", { name: "stolen" }],
      ["POST", "/archive", {}],
      ["POST", "/send/preview", { name: "stolen" }],
    ] as const)
      expect(
        (await app.call(`/api/v1/surveys/${npsId}${path}`, { method, token: outsider, body })).status,
      ).toBe(404);
    expect(loggedPath(`/api/survey/${token}`)).toBe("/api/survey/:token");
    const theirs = (await app.call("/api/v1/survey-responses", { token: outsider })).body as Json;
    expect(theirs.total).toBe(0);
    expect(
      (
        await app.call(`/api/v1/surveys/${npsId}/send`, {
          method: "POST",
          token: outsider,
          body: { segment: "small" },
        })
      ).status,
    ).toBe(404);
  });

  it("a detractor answer through the public page: task for the CSM, e-mail, chat, signal, timeline — once", async () => {
    const [mail] = await surveyMailsTo(db(), workspace.id, "yamada@alpha.example");
    const token = tokenIn(mail!.text);
    const invalid = await app.call(`/api/survey/${token}`, { method: "POST", body: { score: 11 } });
    expect(invalid.status).toBe(400);
    const wrongOption = await app.call(`/api/survey/${token}`, {
      method: "POST",
      body: { score: 3, answers: { nope: 1 } },
    });
    expect(wrongOption.status).toBe(400);

    const survey = (await app.call(`/api/v1/surveys/${npsId}`, { token: csm })).body as Json;
    const [scaleQ, choiceQ] = survey.questions as Json[];
    const answered = await app.call(`/api/survey/${token}`, {
      method: "POST",
      body: {
        score: 3,
        comment: "設定が難しく、使いこなせていません",
        answers: { [scaleQ!.id]: 2, [choiceQ!.id]: "reports" },
      },
    });
    expect(answered.status).toBe(200);
    expect((answered.body as Json).response).toMatchObject({
      score: 3,
      comment: "設定が難しく、使いこなせていません",
    });

    const tasks = await db()
      .select()
      .from(onboardingTasks)
      .where(
        and(eq(onboardingTasks.onboardingId, alpha.onboardingId), eq(onboardingTasks.source, "follow_up")),
      );
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ side: "cs", assigneeUserId: csmId, status: "todo" });
    expect(tasks[0]!.internalNote).toContain("NPS 3");
    expect(tasks[0]!.internalNote).toContain("設定が難しく");
    expect(JSON.stringify(tasks[0]!.title)).not.toContain("NPS");
    const [suggestion] = await db()
      .select()
      .from(followUpSuggestions)
      .where(eq(followUpSuggestions.accountId, alpha.accountId));
    expect(suggestion).toMatchObject({
      trigger: "detractor",
      action: "call",
      status: "accepted",
      taskId: tasks[0]!.id,
    });
    const accepted = (await app.call("/api/v1/follow-ups?status=accepted&ownerId=me", { token: csm }))
      .body as Json;
    expect(accepted.items.map((i: Json) => i.id)).toContain(suggestion!.id);

    const staffMail = await outboxLike(db(), workspace.id, "survey-detractor:");
    expect(staffMail).toHaveLength(1);
    expect(staffMail[0]).toMatchObject({ to: "sato@sv.example", channel: "email", purpose: "transactional" });
    expect(staffMail[0]!.text).toContain("設定が難しく");
    const chat = await outboxLike(db(), workspace.id, "survey-detractor-chat:");
    expect(chat).toHaveLength(1);
    expect(chat[0]).toMatchObject({ channel: "chat" });
    expect(chat[0]!.text).toContain("Alpha 株式会社");

    // The default policy switches a tech-touch detractor to low touch.
    const [account] = await db().select().from(accounts).where(eq(accounts.id, alpha.accountId));
    expect(account!.touchModel).toBe("low");
    const changes = await db()
      .select()
      .from(touchModelChanges)
      .where(eq(touchModelChanges.accountId, alpha.accountId));
    expect(changes.map((c) => c.reason).join()).toContain("detractor answer (score 3)");

    const timeline = await db()
      .select()
      .from(timelineEntries)
      .where(eq(timelineEntries.accountId, alpha.accountId));
    const responses = timeline.filter((e) => e.kind === "survey_response");
    expect(responses).toHaveLength(1);
    expect(responses[0]!.data).toMatchObject({
      score: 3,
      comment: "設定が難しく、使いこなせていません",
      surveyKind: "nps",
    });
    expect(timeline.filter((e) => e.kind === "follow_up" && e.data.trigger === "detractor")).toHaveLength(1);

    // Changing to 9 and back to 3 changes the one response and acts on it no further.
    for (const score of [9, 3]) {
      const res = await app.call(`/api/survey/${token}`, {
        method: "POST",
        body: { score, comment: "再回答" },
      });
      expect(res.status).toBe(200);
    }
    const rows = await db()
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.accountId, alpha.accountId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 3, comment: "再回答", source: "link" });
    expect(await outboxLike(db(), workspace.id, "survey-detractor")).toHaveLength(2);
    expect(
      await db().select().from(followUpSuggestions).where(eq(followUpSuggestions.accountId, alpha.accountId)),
    ).toHaveLength(1);
    const after = await db()
      .select()
      .from(timelineEntries)
      .where(eq(timelineEntries.accountId, alpha.accountId));
    expect(after.filter((e) => e.kind === "survey_response")).toHaveLength(3);
    expect(after.filter((e) => e.kind === "follow_up")).toHaveLength(1);
  });

  it("a passive that becomes a detractor is acted on when it changes", async () => {
    const [mail] = await surveyMailsTo(db(), workspace.id, "smith@beta.example");
    const token = tokenIn(mail!.text);
    expect((await app.call(`/api/survey/${token}`, { method: "POST", body: { score: 8 } })).status).toBe(200);
    expect(
      await db().select().from(followUpSuggestions).where(eq(followUpSuggestions.accountId, beta.accountId)),
    ).toHaveLength(0);
    const view = (
      await app.call(`/api/survey/${token}`, { method: "POST", body: { score: 5, comment: "Too slow" } })
    ).body as Json;
    expect(view.locale).toBe("en");
    expect(
      await db().select().from(followUpSuggestions).where(eq(followUpSuggestions.accountId, beta.accountId)),
    ).toHaveLength(1);
  });

  it("a closed link answers like an unknown one", async () => {
    const [mail] = await surveyMailsTo(db(), workspace.id, "smith@beta.example");
    const token = tokenIn(mail!.text);
    await db()
      .update(surveySends)
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where(eq(surveySends.contactId, contacts.smith));
    expect((await app.call(`/api/survey/${token}`)).status).toBe(404);
    expect((await app.call(`/api/survey/${token}`, { method: "POST", body: { score: 10 } })).status).toBe(
      404,
    );
  });

  it("lists responses with filters and the NPS summary; results per survey", async () => {
    const all = (await app.call("/api/v1/survey-responses", { token: csm })).body as Json;
    expect(all.total).toBe(2);
    expect(all.summary.nps).toMatchObject({ n: 2, detractors: 2, promoters: 0, value: -100 });
    const detractors = (
      await app.call("/api/v1/survey-responses?band=detractor&segment=small", { token: csm })
    ).body as Json;
    expect(detractors.items.map((i: Json) => i.accountName)).toEqual(["Alpha 株式会社"]);
    expect(detractors.items[0]).toMatchObject({ band: "detractor", comment: "再回答", followedUp: true });
    const promoters = (await app.call("/api/v1/survey-responses?band=promoter", { token: csm })).body as Json;
    expect(promoters.total).toBe(0);
    const low = (await app.call("/api/v1/survey-responses?touchModel=low", { token: csm })).body as Json;
    expect(low.total).toBe(2); // Alpha switched to low touch, Beta was low already
    const future = (await app.call("/api/v1/survey-responses?from=2099-01-01", { token: csm })).body as Json;
    expect(future.total).toBe(0);
    const past = (await app.call("/api/v1/survey-responses?to=2000-01-01", { token: csm })).body as Json;
    expect(past.total).toBe(0);
    expect((await app.call("/api/v1/survey-responses?from=yesterday", { token: csm })).status).toBe(400);
    expect((await app.call("/api/v1/survey-responses?band=great", { token: csm })).status).toBe(400);

    const results = (await app.call(`/api/v1/surveys/${npsId}/results`, { token: csm })).body as Json;
    expect(results).toMatchObject({ sends: 2, answeredSends: 2, responses: 2, responseRate: 1 });
    expect(results.nps).toMatchObject({ value: -100, detractors: 2 });
    expect(results.distribution).toHaveLength(11);
    expect(results.distribution.find((d: Json) => d.score === 3).count).toBe(1);
    const sends = (await app.call(`/api/v1/surveys/${npsId}/sends`, { token: csm })).body as Json;
    expect(sends.items.map((s: Json) => s.status).sort()).toEqual(["answered", "answered"]);
  });

  it("triggers send once per contact and onboarding, only for onboardings after the trigger", async () => {
    const created = (
      await app.call("/api/v1/surveys", {
        method: "POST",
        token: manager,
        body: {
          kind: "csat",
          title: { ja: "オンボーディングの満足度", en: "Onboarding satisfaction" },
          triggers: [
            { kind: "days_after_start", days: 7, roles: ["decision_maker", "champion"] },
            { kind: "at_completion", touchModels: ["high"] },
          ],
        },
      })
    ).body as Json;
    expect(created.triggers).toHaveLength(2);
    // Started 10 days ago, before the trigger existed: not sent.
    expect(await runSurveyTriggers(app.services)).toBe(0);

    const gamma = await insertOnboarding(db(), workspace.id, {
      name: "Gamma",
      touchModel: "high",
      startedDaysAgo: 0,
      targetInDays: 30,
    });
    await setAccount(db(), gamma.accountId, { touchModel: "high" });
    await insertContact(db(), workspace.id, gamma.accountId, {
      email: "dm@gamma.example",
      role: "decision_maker",
    });
    await insertContact(db(), workspace.id, gamma.accountId, {
      email: "user@gamma.example",
      role: "end_user",
    });
    const { onboardings } = await import("../platform/db/schema.ts");
    // Not due yet (started today, the trigger waits 7 days).
    expect(await runSurveyTriggers(app.services)).toBe(0);
    const inEightDays = new Date(Date.now() + 8 * 86_400_000);
    expect(await runSurveyTriggers(app.services, inEightDays)).toBe(1);
    expect(await runSurveyTriggers(app.services, inEightDays)).toBe(0);
    // Completion: every contact of a high-touch account (no role limit on that trigger).
    await db()
      .update(onboardings)
      .set({ completedAt: new Date(Date.now() + 1000) })
      .where(eq(onboardings.id, gamma.onboardingId));
    const later = new Date(Date.now() + 9 * 86_400_000);
    const [first, second] = await Promise.all([
      runSurveyTriggers(app.services, later),
      runSurveyTriggers(app.services, later),
    ]);
    expect(first + second).toBe(2);
    expect(await runSurveyTriggers(app.services, later)).toBe(0);
    const sends = await db().select().from(surveySends).where(eq(surveySends.surveyId, created.id));
    expect(sends).toHaveLength(3);
    expect(sends.every((s) => s.onboardingId === gamma.onboardingId && s.source === "trigger")).toBe(true);
    const mails = await db().select().from(mailOutbox).where(eq(mailOutbox.to, "dm@gamma.example"));
    expect(mails).toHaveLength(2);
  });
});
