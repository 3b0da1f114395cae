import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { insertOnboarding } from "../follow-up/follow-up-fixtures.ts";
import {
  accounts,
  contacts,
  followUpSuggestions,
  mailOutbox,
  onboardings,
  seminarInvitations,
  timelineEntries,
} from "../platform/db/schema.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { runSeminarJob } from "./seminar-job.ts";

type Json = Record<string, any>;
const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

describeEachDatabase("seminars", (kind) => {
  let app: TestApp;
  let token: string;
  let outsider: string;
  let workspace: Workspace;
  let accountId: string;
  const contactIds: string[] = [];

  const api = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
    app.call(`/api/v1${path}`, { token, ...init });
  const db = () => app.services.database.db;
  const mails = (category: string) =>
    db()
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.workspaceId, workspace.id), eq(mailOutbox.category, category)));
  const tokenIn = (text: string) => /\/seminar\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;
  const upload = async (path: string, name: string, content: string) => {
    const form = new FormData();
    form.append("file", new File([content], name, { type: "text/csv" }));
    const res = await fetch(`${app.url}/api/v1${path}`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    app = await startTestApp(kind);
    const m = await app.workspaceWith("sem", "manager");
    workspace = m.workspace;
    token = m.token;
    outsider = (await app.workspaceWith("sem-other", "admin")).token;
    const [account] = await db()
      .insert(accounts)
      .values({
        workspaceId: workspace.id,
        externalId: "A-1",
        name: "株式会社アルファ",
        groupId: "A-1",
        touchModel: "low",
        segment: "smb",
      })
      .returning();
    accountId = account!.id;
    for (const [email, name, locale] of [
      ["sato@alpha.example", "佐藤 花子", "ja"],
      ["smith@alpha.example", "John Smith", "en"],
    ] as const) {
      const [c] = await db()
        .insert(contacts)
        .values({ workspaceId: workspace.id, accountId, email, name, locale })
        .returning();
      contactIds.push(c!.id);
    }
  });
  afterAll(() => app?.close());

  let seminarId: string;
  let sessionId: string;
  let laterSessionId: string;

  it("creates a seminar and sessions; another workspace cannot see them", async () => {
    const created = await api("/seminars", {
      method: "POST",
      body: {
        kind: "welcome",
        title: { ja: "ウェルカムセミナー", en: "Welcome seminar" },
        reminderHours: 24,
      },
    });
    expect(created.status).toBe(201);
    seminarId = (created.body as Json).id;
    const s1 = await api(`/seminars/${seminarId}/sessions`, {
      method: "POST",
      body: { startsAt: inHours(10), durationMinutes: 60, onlineUrl: "https://zoom.example/j/1" },
    });
    expect(s1.status).toBe(201);
    sessionId = (s1.body as Json).id;
    const later = inHours(24 * 8);
    const s2 = await api(`/seminars/${seminarId}/sessions`, {
      method: "POST",
      body: { startsAt: later },
    });
    laterSessionId = (s2.body as Json).id;
    const dup = await api(`/seminars/${seminarId}/sessions`, {
      method: "POST",
      body: { startsAt: later },
    });
    expect(dup.status).toBe(409);
    const list = (await api("/seminars")).body as Json;
    expect(list.items[0].nextSessions).toHaveLength(2);
    expect((await api(`/seminars/${seminarId}`, { token: outsider })).status).toBe(404);
    expect((await api(`/seminar-sessions/${sessionId}/invitations`, { token: outsider })).status).toBe(404);
    expect((await api("/seminars", { token: outsider })).body).toEqual({ items: [] });
  });

  it("invites by hand with a mail in the contact's language; again invites nobody twice", async () => {
    const res = await api(`/seminar-sessions/${sessionId}/invitations`, {
      method: "POST",
      body: { contactIds },
    });
    expect(res.body).toEqual({ invited: 2, alreadyInvited: 0, withoutEmail: 0 });
    const again = await api(`/seminar-sessions/${sessionId}/invitations`, {
      method: "POST",
      body: { segment: "smb" },
    });
    expect(again.body).toEqual({ invited: 0, alreadyInvited: 2, withoutEmail: 0 });
    const sent = await mails("seminar_invitation");
    expect(sent).toHaveLength(2);
    const ja = sent.find((m) => m.to === "sato@alpha.example")!;
    expect(ja.locale).toBe("ja");
    expect(ja.purpose).toBe("marketing");
    expect(ja.subject).toContain("ウェルカムセミナー");
    expect(sent.find((m) => m.to === "smith@alpha.example")!.subject).toBe("Invitation: Welcome seminar");
    expect(ja.text).toContain(`${app.url}/seminar/`);
    const other = await api(`/seminar-sessions/${sessionId}/invitations`, {
      method: "POST",
      token: outsider,
      body: { contactIds },
    });
    expect(other.status).toBe(404);
  });

  it("registers through the public link, which reaches that one invitation only; a reminder is queued once", async () => {
    const ja = (await mails("seminar_invitation")).find((m) => m.to === "sato@alpha.example")!;
    const link = tokenIn(ja.text);
    const view = await app.call(`/api/seminar/${link}`);
    expect(view.status).toBe(200);
    const v = view.body as Json;
    expect(v.locale).toBe("ja");
    expect(v.contact.email).toBe("sato@alpha.example");
    expect(v.invitation.status).toBe("invited");
    expect(v.session.onlineUrl).toBeNull();
    expect(v.sessions.map((s: Json) => s.id)).toEqual([sessionId, laterSessionId]);
    expect(JSON.stringify(v)).not.toContain("smith@alpha.example");
    expect(JSON.stringify(v)).not.toContain(accountId);

    const registered = (await app.call(`/api/seminar/${link}/register`, { method: "POST", body: {} }))
      .body as Json;
    expect(registered.invitation.status).toBe("registered");
    expect(registered.session.onlineUrl).toBe("https://zoom.example/j/1");
    const entries = await db()
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.accountId, accountId), eq(timelineEntries.kind, "seminar")));
    expect(entries.map((e) => e.data.action).sort()).toEqual(["invited", "registered"]);

    // A session of another seminar cannot be chosen; unknown links reveal nothing.
    const other = await api("/seminars", {
      method: "POST",
      body: { kind: "other", title: { ja: "別", en: "Other" } },
    });
    const otherSession = await api(`/seminars/${(other.body as Json).id}/sessions`, {
      method: "POST",
      body: { startsAt: inHours(30) },
    });
    const wrong = await app.call(`/api/seminar/${link}/register`, {
      method: "POST",
      body: { sessionId: (otherSession.body as Json).id },
    });
    expect(wrong.status).toBe(400);
    const unknown = await app.call(`/api/seminar/${"x".repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).not.toContain("sato");

    // Starts in 10 hours, reminders 24 hours ahead: due. Two runs queue it once.
    // Two runs at once (as two app instances would), then again: one reminder.
    await Promise.all([runSeminarJob(db(), app.url), runSeminarJob(db(), app.url)]);
    await runSeminarJob(db(), app.url);
    const reminders = await mails("seminar_reminder");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.to).toBe("sato@alpha.example");
    expect(reminders[0]!.purpose).toBe("transactional");
    expect(reminders[0]!.text).toContain("https://zoom.example/j/1");
  });

  it("changes to another session and declines from the link", async () => {
    const en = (await mails("seminar_invitation")).find((m) => m.to === "smith@alpha.example")!;
    const link = tokenIn(en.text);
    const moved = (
      await app.call(`/api/seminar/${link}/register`, { method: "POST", body: { sessionId: laterSessionId } })
    ).body as Json;
    expect(moved.locale).toBe("en");
    expect(moved.session.id).toBe(laterSessionId);
    expect(moved.invitation.status).toBe("registered");
    const declined = (await app.call(`/api/seminar/${link}/decline`, { method: "POST" })).body as Json;
    expect(declined.invitation.status).toBe("declined");
  });

  it("the portal lists the account's upcoming sessions and registers the identified visitor", async () => {
    const link = (await api(`/accounts/${accountId}/portal-links`, { method: "POST", body: {} }))
      .body as Json;
    const portalToken = (link.url as string).split("/portal/")[1]!;
    const anonymous = (await app.call(`/api/portal/${portalToken}/seminars`)).body as Json;
    expect(anonymous.identified).toBe(false);
    expect(anonymous.items.map((i: Json) => i.sessionId)).toEqual([sessionId, laterSessionId]);
    const refused = await app.call(`/api/portal/${portalToken}/seminars/${laterSessionId}/register`, {
      method: "POST",
    });
    expect(refused.status).toBe(401);
    const identified = await app.call(`/api/portal/${portalToken}/identify`, {
      method: "POST",
      body: { email: "kimura@alpha.example", name: "木村 次郎" },
    });
    const cookie = identified.headers.get("set-cookie")!.split(";")[0]!;
    const registered = await app.call(`/api/portal/${portalToken}/seminars/${laterSessionId}/register`, {
      method: "POST",
      headers: { cookie },
    });
    expect(registered.status).toBe(200);
    const mine = (registered.body as Json).items.find((i: Json) => i.sessionId === laterSessionId);
    expect(mine.status).toBe("registered");
    const [row] = await db()
      .select()
      .from(seminarInvitations)
      .where(
        and(
          eq(seminarInvitations.sessionId, laterSessionId),
          eq(seminarInvitations.contactEmail, "kimura@alpha.example"),
        ),
      );
    expect(row).toMatchObject({ accountId, source: "portal", status: "registered" });
    const bogus = await app.call(`/api/portal/${"y".repeat(43)}/seminars`);
    expect(bogus.status).toBe(404);
  });

  it("imports the attendee report: listed attended, registered not listed absent, unknown reported", async () => {
    const [smith] = await db()
      .insert(contacts)
      .values({ workspaceId: workspace.id, accountId, email: "tanaka@alpha.example", name: "田中" })
      .returning();
    await api(`/seminar-sessions/${sessionId}/invitations`, {
      method: "POST",
      body: { contactIds: [smith!.id] },
    });
    const items = ((await api(`/seminar-sessions/${sessionId}/invitations`)).body as Json).items as Json[];
    const tanaka = items.find((i) => i.contactEmail === "tanaka@alpha.example")!;
    await api(`/seminar-invitations/${tanaka.id}`, { method: "PATCH", body: { status: "registered" } });
    const report = [
      "出席者レポート,,",
      "トピック,ウェルカムセミナー,",
      "",
      "名前（元の名前）,ユーザーのメール,参加時刻",
      "佐藤 花子,Sato@alpha.example,2026/11/20 14:01",
      "ゲスト,guest@elsewhere.example,2026/11/20 14:03",
    ].join("\n");
    const res = await upload(`/seminar-sessions/${sessionId}/attendance`, "zoom.csv", `\uFEFF${report}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      emailColumn: "ユーザーのメール",
      attended: 1,
      absent: 1,
      unknown: ["guest@elsewhere.example"],
    });
    const after = ((await api(`/seminar-sessions/${sessionId}/invitations`)).body as Json).items as Json[];
    expect(after.find((i) => i.contactEmail === "sato@alpha.example")!.attended).toBe(true);
    expect(after.find((i) => i.contactEmail === "tanaka@alpha.example")!.attended).toBe(false);
    expect(after.some((i) => i.contactEmail === "guest@elsewhere.example")).toBe(false);
    const bad = await upload(`/seminar-sessions/${sessionId}/attendance`, "x.csv", "name,joined\na,b\n");
    expect(bad.status).toBe(400);
    // Marked by hand
    const toggled = await api(`/seminar-invitations/${tanaka.id}`, {
      method: "PATCH",
      body: { attended: true },
    });
    expect((toggled.body as Json).attended).toBe(true);
    const seminar = (await api(`/seminars/${seminarId}`)).body as Json;
    expect(seminar.participation).toEqual({ numerator: 1, denominator: 1, value: 1 });
    const kpi = (await api("/seminars/participation?kind=welcome")).body as Json;
    expect(kpi).toEqual({ numerator: 1, denominator: 1, value: 1 });
  });

  it("invites automatically only onboardings started after switching on, once", async () => {
    const before = await insertOnboarding(db(), workspace.id, {
      name: "Before",
      touchModel: "low",
      startedDaysAgo: 2,
      targetInDays: 30,
    });
    await db()
      .insert(contacts)
      .values({ workspaceId: workspace.id, accountId: before.accountId, email: "old@before.example" });
    const on = await api(`/seminars/${seminarId}`, {
      method: "PATCH",
      body: { autoInviteTouchModels: ["low"] },
    });
    expect((on.body as Json).autoInviteSince).not.toBeNull();
    const after = await insertOnboarding(db(), workspace.id, {
      name: "After",
      touchModel: "low",
      startedDaysAgo: 0,
      targetInDays: 30,
    });
    await db()
      .update(onboardings)
      .set({ startedAt: new Date(Date.now() + 1000) })
      .where(eq(onboardings.id, after.onboardingId));
    const high = await insertOnboarding(db(), workspace.id, {
      name: "High",
      touchModel: "high",
      startedDaysAgo: 0,
      targetInDays: 30,
    });
    await db()
      .update(onboardings)
      .set({ startedAt: new Date(Date.now() + 1000) })
      .where(eq(onboardings.id, high.onboardingId));
    await db()
      .insert(contacts)
      .values([
        { workspaceId: workspace.id, accountId: after.accountId, email: "new@after.example", locale: "en" },
        { workspaceId: workspace.id, accountId: high.accountId, email: "vip@high.example" },
      ]);
    const later = new Date(Date.now() + 5000);
    const [first, twin] = await Promise.all([
      runSeminarJob(db(), app.url, later),
      runSeminarJob(db(), app.url, later),
    ]);
    const second = await runSeminarJob(db(), app.url, later);
    expect(first.invited + twin.invited).toBe(1);
    expect(second.invited).toBe(0);
    const auto = await db()
      .select()
      .from(seminarInvitations)
      .where(and(eq(seminarInvitations.workspaceId, workspace.id), eq(seminarInvitations.source, "auto")));
    expect(auto.map((i) => [i.contactEmail, i.sessionId])).toEqual([["new@after.example", sessionId]]);
    expect(
      (await mails("seminar_invitation")).some((m) => m.to === "new@after.example" && m.locale === "en"),
    ).toBe(true);
  });

  it("accepting a training follow-up invites the account's contacts to the next training session", async () => {
    const fu = await insertOnboarding(db(), workspace.id, {
      name: "Gamma",
      touchModel: "low",
      startedDaysAgo: 20,
      targetInDays: 20,
    });
    await db()
      .insert(contacts)
      .values({ workspaceId: workspace.id, accountId: fu.accountId, email: "ito@gamma.example" });
    const [suggestion] = await db()
      .insert(followUpSuggestions)
      .values({
        workspaceId: workspace.id,
        onboardingId: fu.onboardingId,
        accountId: fu.accountId,
        trigger: "stalled",
        action: "webinar",
        details: { reasons: [], touchModel: "low", stage: "training" },
      })
      .returning();
    // No training planned yet: accepted all the same, and it says so.
    const [second] = await db()
      .insert(followUpSuggestions)
      .values({
        workspaceId: workspace.id,
        onboardingId: fu.onboardingId,
        accountId: fu.accountId,
        trigger: "overdue",
        action: "supplementary_training",
        details: { reasons: [], touchModel: "low", stage: "training" },
      })
      .returning();
    const none = await api(`/follow-ups/${second!.id}/accept`, { method: "POST", body: {} });
    expect(none.status).toBe(200);
    expect((none.body as Json).details.seminarInvitation.sessionId).toBeNull();

    const training = await api("/seminars", {
      method: "POST",
      body: { kind: "training", title: { ja: "活用トレーニング", en: "Hands-on training" } },
    });
    const session = await api(`/seminars/${(training.body as Json).id}/sessions`, {
      method: "POST",
      body: { startsAt: inHours(72) },
    });
    const accepted = await api(`/follow-ups/${suggestion!.id}/accept`, { method: "POST", body: {} });
    expect(accepted.status).toBe(200);
    expect((accepted.body as Json).details.seminarInvitation).toMatchObject({
      invited: 1,
      sessionId: (session.body as Json).id,
    });
    const invited = await db()
      .select()
      .from(seminarInvitations)
      .where(and(eq(seminarInvitations.accountId, fu.accountId), eq(seminarInvitations.source, "follow_up")));
    expect(invited.map((i) => i.contactEmail)).toEqual(["ito@gamma.example"]);
  });

  it("imports seminar-invitations per the contract: good rows, rejected rows, re-import unchanged", async () => {
    const csv = [
      "account_external_id,contact_email,seminar,session_at,invited_at,kind,attended",
      "A-1,sato@alpha.example,ウェルカムセミナー（10月）,2026-10-01T05:00:00Z,2026-09-20,welcome,yes",
      "A-1,smith@alpha.example,ウェルカムセミナー（10月）,2026-10-01T05:00:00Z,2026-09-20,welcome,0",
      "A-1,new@alpha.example,ウェルカムセミナー（10月）,2026-10-01T05:00:00Z,2026-09-21,,",
      "NOPE,x@alpha.example,ウェルカムセミナー（10月）,2026-10-01T05:00:00Z,2026-09-20,welcome,yes",
      "A-1,bad-email,ウェルカムセミナー（10月）,2026-10-01T05:00:00Z,2026-09-20,welcome,yes",
      "A-1,sato@alpha.example,ウェルカムセミナー（10月）,2026-10-01T05:00:00Z,2026-09-20,welcome,maybe",
      "A-1,sato@alpha.example,ウェルカムセミナー（10月）,2026-10-01T05:00:00Z,2026-09-20,training,1",
      "A-1,ito@alpha.example,ウェルカムセミナー（10月）,2026-10-01T05:00:00Z,,welcome,1",
    ].join("\n");
    const first = await upload("/imports/seminar-invitations", "inv.csv", csv);
    expect(first.status).toBe(200);
    expect(first.body.created).toBe(3);
    expect(first.body.rejected.map((r: Json) => r.line)).toEqual([5, 6, 7, 8, 9]);
    expect(first.body.rejected[0].reason).toContain("NOPE");
    expect(first.body.rejected[2].reason).toContain("attended");
    expect(first.body.rejected[4].reason).toContain("invited_at");
    const again = await upload("/imports/seminar-invitations", "inv.csv", csv);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const seminars = ((await api("/seminars")).body as Json).items as Json[];
    const imported = seminars.find((s) => s.title.ja === "ウェルカムセミナー（10月）")!;
    expect(imported.kind).toBe("welcome");
    expect(imported.counts).toMatchObject({ invited: 3, attended: 1, absent: 1 });
    const unknownColumn = await upload(
      "/imports/seminar-invitations",
      "x.csv",
      "account_external_id,contact_email,seminar,session_at,invited_at,room\n",
    );
    expect(unknownColumn.status).toBe(400);
    expect(JSON.stringify(unknownColumn.body)).toContain("room");
  });

  it("lists an account's invitations for its page; another workspace gets 404", async () => {
    const own = (await api(`/accounts/${accountId}/seminar-invitations`)).body as Json;
    expect(own.items.length).toBeGreaterThan(3);
    expect(own.items[0]).toHaveProperty("seminarTitle");
    expect((await api(`/accounts/${accountId}/seminar-invitations`, { token: outsider })).status).toBe(404);
  });

  it("rate-limits guessing links: after 20 failed lookups from one address, 429", async () => {
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await app.call(`/api/seminar/${"z".repeat(42)}${i % 10}`)).status;
    expect(last).toBe(429);
  });
});
