import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { createApiToken } from "../platform/auth/api-tokens.ts";
import { onboardings } from "../platform/db/schema.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import { portalViewSchema } from "./portal-view.ts";

type Json = Record<string, any>;

describeEachDatabase("customer portal: the plan, the checklist, agreement and completion", (kind) => {
  let app: TestApp;
  let csm: string;
  let csmId: string;
  let accountA: string;
  let accountB: string;
  let planA: Json;
  let planB: Json;
  let tokenA: string;
  let cookie: string;

  const v1 = (path: string, init: { method?: string; body?: unknown } = {}) =>
    app.call(`/api/v1${path}`, { token: csm, ...init });
  const portal = (
    path = "",
    init: { method?: string; body?: unknown; token?: string; cookie?: string } = {},
  ) =>
    app.call(`/api/portal/${init.token ?? tokenA}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      body: init.body,
      headers: (init.cookie ?? cookie) ? { cookie: (init.cookie ?? cookie)! } : {},
    });
  const act = (path: string) => portal(path, { method: "POST" });
  const plan = async (id: string) => (await v1(`/onboardings/${id}`)).body as Json;
  const portalEntries = async (accountId: string) =>
    ((await v1(`/accounts/${accountId}/timeline?limit=200`)).body as Json).items as Json[];

  beforeAll(async () => {
    app = await startTestApp(kind);
    const { workspace } = await app.workspaceWith("portal-flow");
    const user = await addStaffUser(app.services.database.db, workspace.id, {
      email: "sato@cs.example",
      name: "佐藤 CSM",
      role: "csm",
      password: "member-pass-1",
    });
    csmId = user.userId;
    csm = (
      await createApiToken(app.services.database.db, {
        workspaceId: workspace.id,
        name: "csm",
        userId: csmId,
        role: "csm",
      })
    ).token;
    const account = async (externalId: string, name: string) =>
      ((await v1("/accounts", { method: "POST", body: { externalId, name, ownerId: csmId } })).body as Json)
        .id;
    accountA = await account("FLOW-A", "フロー株式会社");
    accountB = await account("FLOW-B", "Secret Other Corp");
    await v1(`/accounts/${accountA}/contacts`, {
      method: "POST",
      body: { email: "yamada@flow-a.example", name: "山田 太郎" },
    });
    const start = async (accountId: string) => {
      const res = await v1(`/accounts/${accountId}/onboardings`, { method: "POST", body: {} });
      expect(res.status).toBe(201);
      return res.body as Json;
    };
    planA = await start(accountA);
    planB = await start(accountB);
    const link = await v1(`/accounts/${accountA}/portal-links`, { method: "POST", body: {} });
    tokenA = (link.body as Json).url.split("/portal/")[1];
    const who = await portal("/identify", { body: { email: "yamada@flow-a.example" }, cookie: "" });
    cookie = who.headers.get("set-cookie")!.split(";")[0]!;
  });
  afterAll(() => app?.close());

  const customerTask = (p: Json) => (p.tasks as Json[]).find((t) => t.side === "customer")!;
  const csTask = (p: Json) => (p.tasks as Json[]).find((t) => t.side === "cs")!;

  it("shows the plan with progress and dates, and nothing internal", async () => {
    const secretNote = "社内メモ: 決裁者が導入に消極的";
    const csSecret = "CS internal: escalate pricing";
    const patched = [
      await v1(`/onboardings/${planA.id}/tasks/${customerTask(planA).id}`, {
        method: "PATCH",
        body: { internalNote: secretNote },
      }),
      await v1(`/onboardings/${planA.id}/tasks/${csTask(planA).id}`, {
        method: "PATCH",
        body: { internalNote: csSecret, description: { ja: csSecret, en: csSecret } },
      }),
    ];
    expect(patched.map((r) => r.status)).toEqual([200, 200]);
    expect(JSON.stringify(await plan(planA.id))).toContain(csSecret);

    const res = await portal();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const view = res.body as Json;
    expect(portalViewSchema.safeParse(view).success).toBe(true);
    expect(view).toMatchObject({
      account: { name: "フロー株式会社" },
      csm: { name: "佐藤 CSM", email: "sato@cs.example" },
      // Identified by e-mail alone: the contact's stored name is not echoed back.
      visitor: { name: null, email: "yamada@flow-a.example" },
    });
    const o = view.onboarding as Json;
    expect(o.id).toBe(planA.id);
    expect(o.progress).toBe(0);
    expect(o.targetDate).toBe(planA.targetDate);
    const staff = await plan(planA.id);
    const visible = (staff.tasks as Json[]).filter((t) => t.status !== "skipped");
    expect(o.tasks).toHaveLength(visible.length);
    for (const t of o.tasks as Json[]) {
      if (t.side === "cs") expect(t).toMatchObject({ id: null, description: null, done: null });
      else expect(typeof t.id).toBe("string");
    }
    expect((o.criteria as Json[]).length).toBe((staff.criteria as Json[]).length);

    const text = JSON.stringify(view);
    for (const hidden of [
      secretNote,
      csSecret,
      "internalNote",
      "statusReasons",
      "on_track",
      "at_risk",
      "overdue",
      "assignee",
      "notes",
      "Secret Other Corp",
      planB.id,
    ])
      expect(text).not.toContain(hidden);
  });

  it("ticks the customer's own tasks only; anything else is 404", async () => {
    const task = customerTask(planA);
    const done = await act(`/tasks/${task.id}/done`);
    expect(done.status).toBe(200);
    const mine = ((done.body as Json).onboarding.tasks as Json[]).find((t) => t.id === task.id)!;
    // The portal names people by name only; the staff keep "name (e-mail)".
    expect(mine).toMatchObject({ done: true, doneByName: "山田 太郎", doneByCsTeam: false });
    expect(mine).not.toHaveProperty("doneByLabel");
    expect((done.body as Json).onboarding.progress).toBeGreaterThan(0);
    expect(JSON.stringify((done.body as Json).onboarding)).not.toContain("yamada@flow-a.example");
    expect((await plan(planA.id)).tasks.find((t: Json) => t.id === task.id)).toMatchObject({
      status: "done",
      doneByLabel: "山田 太郎 (yamada@flow-a.example)",
    });
    // Again: nothing changes, nothing more is recorded.
    expect((await act(`/tasks/${task.id}/done`)).status).toBe(200);
    const undone = await act(`/tasks/${task.id}/undone`);
    expect(((undone.body as Json).onboarding.tasks as Json[]).find((t) => t.id === task.id)!.done).toBe(
      false,
    );
    expect((await plan(planA.id)).tasks.find((t: Json) => t.id === task.id).status).toBe("todo");

    // A CS-side task of this plan, another account's task, and garbage: all 404.
    expect((await act(`/tasks/${csTask(planA).id}/done`)).status).toBe(404);
    const foreign = await act(`/tasks/${customerTask(planB).id}/done`);
    expect(foreign.status).toBe(404);
    expect((foreign.body as Json).error.code).toBe("not_found");
    expect((await plan(planB.id)).tasks.find((t: Json) => t.id === customerTask(planB).id).status).toBe(
      "todo",
    );
    expect((await act("/tasks/not-a-uuid/done")).status).toBe(404);

    const entries = await portalEntries(accountA);
    const portalActions = entries.filter((e) => e.kind === "portal").map((e) => e.data.action);
    expect(portalActions.filter((a) => a === "task_done")).toHaveLength(1);
    expect(portalActions.filter((a) => a === "task_reopened")).toHaveLength(1);
    const tick = entries.find((e) => e.kind === "portal" && e.data.action === "task_done")!;
    expect(tick).toMatchObject({ actorLabel: "山田 太郎 (yamada@flow-a.example)" });
    expect(tick.data).toMatchObject({ taskId: task.id, onboardingId: planA.id });
    // One fact, one entry: what the customer did in the portal is recorded as a portal entry only.
    expect(
      entries.filter(
        (e) => e.kind === "onboarding" && ["task_done", "task_reopened"].includes(e.data.action),
      ),
    ).toHaveLength(0);
    // Nothing about account A appears on account B.
    expect((await portalEntries(accountB)).filter((e) => e.kind === "portal")).toHaveLength(0);
  });

  it("runs the agreement flow end to end: propose, agree, completion meeting, confirm", async () => {
    expect((await act("/agree")).status).toBe(409);
    const before = (await portal()).body as Json;
    expect(before.onboarding.agreement).toMatchObject({ proposed: false, canAgree: false });
    expect(before.onboarding.confirmation.available).toBe(false);

    const proposed = await v1(`/onboardings/${planA.id}/propose`, { method: "POST", body: {} });
    expect(proposed.status).toBe(200);
    expect(((await portal()).body as Json).onboarding.agreement).toMatchObject({
      proposed: true,
      canAgree: true,
    });

    const agreed = await act("/agree");
    expect(agreed.status).toBe(200);
    expect((agreed.body as Json).onboarding.agreement).toMatchObject({
      canAgree: false,
      agreedByName: "山田 太郎",
    });
    expect((agreed.body as Json).onboarding.agreement.agreedAt).toBeTruthy();
    const afterAgree = await plan(planA.id);
    expect(afterAgree.agreedAt).toBeTruthy();
    expect(afterAgree.agreedByLabel).toBe("山田 太郎 (yamada@flow-a.example)");
    expect((await act("/agree")).status).toBe(409);

    const early = await act("/confirm-completion");
    expect(early.status).toBe(409);
    expect(((await portal()).body as Json).onboarding.confirmation).toEqual({
      available: false,
      blockedBy: ["completion_meeting_not_held"],
    });

    const meeting = (afterAgree.meetings as Json[]).find((m) => m.type === "completion");
    expect(meeting).toBeTruthy();
    const held = await v1(`/onboardings/${planA.id}/meetings/${meeting!.id}`, {
      method: "PATCH",
      body: { heldAt: new Date().toISOString(), notes: "議事録: 社内限定" },
    });
    expect(held.status).toBe(200);
    const ready = (await portal()).body as Json;
    expect(ready.onboarding.confirmation.available).toBe(true);
    expect(JSON.stringify(ready)).not.toContain("議事録");

    const confirmed = await act("/confirm-completion");
    expect(confirmed.status).toBe(200);
    expect((confirmed.body as Json).onboarding).toMatchObject({
      completed: true,
      completedBy: "customer",
      completedByName: "山田 太郎",
    });
    const done = await plan(planA.id);
    expect(done.completedAt).toBeTruthy();
    expect(done.completionSource).toBe("customer");
    expect(done.agreedByLabel).toBe("山田 太郎 (yamada@flow-a.example)");
    expect((await act("/confirm-completion")).status).toBe(409);

    const entries = await portalEntries(accountA);
    const portalActions = entries.filter((e) => e.kind === "portal").map((e) => e.data.action);
    expect(portalActions).toEqual(expect.arrayContaining(["agreed", "completed", "identified"]));
    expect(entries.filter((e) => e.kind === "onboarding" && e.data.action === "agreed")).toHaveLength(0);
    expect(entries.filter((e) => e.kind === "onboarding" && e.data.action === "proposed")).toHaveLength(1);
  });

  it("lets a visitor who is not a contact act under the name they gave", async () => {
    const other = await portal("/identify", {
      body: { email: "helper@agency.example", name: "外部 支援" },
      cookie: "",
    });
    const theirs = other.headers.get("set-cookie")!.split(";")[0]!;
    const task = customerTask(planB);
    const linkB = await v1(`/accounts/${accountB}/portal-links`, { method: "POST", body: {} });
    const tokenB = (linkB.body as Json).url.split("/portal/")[1];
    // The cookie of link A means nothing on link B.
    expect(
      (await portal(`/tasks/${task.id}/done`, { method: "POST", token: tokenB, cookie: theirs })).status,
    ).toBe(401);
    const who = await portal("/identify", {
      token: tokenB,
      body: { email: "yamada@flow-a.example" },
      cookie: "",
    });
    // An e-mail of account A's contact is not linked to account B and does not reveal A's contact.
    expect((who.body as Json).visitor).toEqual({ name: null, email: "yamada@flow-a.example" });
    const c = who.headers.get("set-cookie")!.split(";")[0]!;
    const res = await portal(`/tasks/${task.id}/done`, { method: "POST", token: tokenB, cookie: c });
    expect(res.status).toBe(200);
    expect((await plan(planB.id)).tasks.find((t: Json) => t.id === task.id).doneByLabel).toBe(
      "yamada@flow-a.example",
    );
    // In the portal, someone without a name is not shown by their e-mail (the web says "a customer contact").
    const mine = ((res.body as Json).onboarding.tasks as Json[]).find((t) => t.id === task.id)!;
    expect(mine).toMatchObject({ done: true, doneByName: null, doneByCsTeam: false });

    // A task the CS team ticked says so, without the staff member's name (or "API").
    const staffTicked = (planB.tasks as Json[]).filter((t) => t.side === "customer")[1]!;
    expect(
      (
        await v1(`/onboardings/${planB.id}/tasks/${staffTicked.id}`, {
          method: "PATCH",
          body: { status: "done" },
        })
      ).status,
    ).toBe(200);
    const seen = ((await portal("", { token: tokenB, cookie: c })).body as Json).onboarding.tasks as Json[];
    expect(seen.find((t) => t.id === staffTicked.id)).toMatchObject({
      done: true,
      doneByName: null,
      doneByCsTeam: true,
    });
    expect(JSON.stringify(seen)).not.toContain("佐藤");
  });

  it("offers nothing to agree or confirm on a churned onboarding, and refuses both", async () => {
    const accountC = (
      (
        await v1("/accounts", {
          method: "POST",
          body: { externalId: "FLOW-C", name: "解約 株式会社", ownerId: csmId },
        })
      ).body as Json
    ).id;
    const started = (await v1(`/accounts/${accountC}/onboardings`, { method: "POST", body: {} }))
      .body as Json;
    expect((await v1(`/onboardings/${started.id}/propose`, { method: "POST", body: {} })).status).toBe(200);
    await app.services.database.db
      .update(onboardings)
      .set({ status: "churned" })
      .where(eq(onboardings.id, started.id));
    const link = await v1(`/accounts/${accountC}/portal-links`, { method: "POST", body: {} });
    const token = (link.body as Json).url.split("/portal/")[1];
    const who = await portal("/identify", { token, body: { email: "someone@flow-c.example" }, cookie: "" });
    const c = who.headers.get("set-cookie")!.split(";")[0]!;
    const o = ((await portal("", { token, cookie: c })).body as Json).onboarding;
    expect(o.agreement).toMatchObject({ proposed: true, canAgree: false });
    expect(o.confirmation.available).toBe(false);
    expect(o.confirmation.blockedBy).toContain("churned");
    expect((await portal("/agree", { method: "POST", token, cookie: c })).status).toBe(409);
    expect((await portal("/confirm-completion", { method: "POST", token, cookie: c })).status).toBe(409);
    expect((await plan(started.id)).agreedAt).toBeNull();
  });
});
