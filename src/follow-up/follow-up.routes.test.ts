import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import {
  followUpSuggestions,
  onboardings,
  onboardingTasks,
  timelineEntries,
  workspaces,
} from "../platform/db/schema.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { runDailyReview, startDailyReviews } from "./daily-review.ts";
import { dayFromToday, insertOnboarding } from "./follow-up-fixtures.ts";

type Json = Record<string, any>;

describeEachDatabase("follow-up", (kind) => {
  let app: TestApp;
  let manager: string;
  let csm: string;
  let viewer: string;
  let outsider: string;
  let workspace: Workspace;
  let ownerId: string;
  const ids: Record<string, { accountId: string; onboardingId: string }> = {};

  const list = async (query = "") =>
    (await app.call(`/api/v1/follow-ups${query}`, { token: csm })).body as Json;
  const review = () => app.call("/api/v1/follow-ups/review", { method: "POST", token: manager });
  const find = (items: Json[], account: string, action: string) =>
    items.find((i) => i.accountName === account && i.action === action);

  beforeAll(async () => {
    app = await startTestApp(kind);
    const m = await app.workspaceWith("fu", "manager");
    workspace = m.workspace;
    manager = m.token;
    const { db } = app.services.database;
    const { createApiToken } = await import("../platform/auth/api-tokens.ts");
    const owner = await addStaffUser(db, workspace.id, {
      email: "tanaka@fu.example",
      name: "田中 一郎",
      role: "csm",
    });
    ownerId = owner.userId;
    csm = (await createApiToken(db, { workspaceId: workspace.id, name: "csm", userId: ownerId, role: "csm" }))
      .token;
    const v = await addStaffUser(db, workspace.id, {
      email: "viewer@fu.example",
      name: "Viewer",
      role: "viewer",
    });
    viewer = (
      await createApiToken(db, { workspaceId: workspace.id, name: "v", userId: v.userId, role: "viewer" })
    ).token;
    outsider = (await app.workspaceWith("other", "admin")).token;

    // High touch, large contract: a customer set-up task 10 days overdue.
    ids.alpha = await insertOnboarding(db, workspace.id, {
      name: "Alpha",
      touchModel: "high",
      ownerId,
      contractValue: 12_000_000,
      startedDaysAgo: 20,
      targetInDays: 40,
      agreed: true,
      tasks: [
        { key: "account-setup", stage: "initial_response", starts: -20, due: -10 },
        { key: "kickoff", stage: "initial_response", side: "cs", starts: -20, due: -18, status: "done" },
        { key: "training", stage: "training", starts: 10, due: 20 },
      ],
      criteria: [false],
    });
    // Low touch, criteria never agreed three weeks in; nothing overdue yet.
    ids.beta = await insertOnboarding(db, workspace.id, {
      name: "Beta",
      touchModel: "low",
      startedDaysAgo: 21,
      targetInDays: 40,
      tasks: [
        { key: "first", starts: -21, due: -19, status: "done" },
        { key: "later", stage: "measure_design", starts: 5, due: 15 },
      ],
    });
    // Tech touch: a training task 3 days overdue (an understanding gap).
    ids.gamma = await insertOnboarding(db, workspace.id, {
      name: "Gamma",
      touchModel: "tech",
      ownerId,
      startedDaysAgo: 10,
      targetInDays: 30,
      agreed: true,
      tasks: [
        { key: "setup", starts: -10, due: -8, status: "done" },
        { key: "learn", stage: "training", starts: -8, due: -3 },
      ],
    });
    // On track, completed and churned ones get nothing.
    ids.delta = await insertOnboarding(db, workspace.id, {
      name: "Delta",
      touchModel: "high",
      startedDaysAgo: 2,
      targetInDays: 40,
      agreed: true,
      tasks: [{ key: "setup", starts: 0, due: 10 }],
    });
    ids.done = await insertOnboarding(db, workspace.id, {
      name: "Done",
      touchModel: "high",
      startedDaysAgo: 60,
      targetInDays: -10,
      completed: true,
      tasks: [{ key: "setup", starts: -60, due: -50 }],
    });
    ids.gone = await insertOnboarding(db, workspace.id, {
      name: "Gone",
      touchModel: "high",
      startedDaysAgo: 60,
      targetInDays: -10,
      churned: true,
      tasks: [{ key: "setup", starts: -60, due: -50 }],
    });
  });
  afterAll(() => app?.close());

  it("lets only managers run the review", async () => {
    expect((await app.call("/api/v1/follow-ups/review", { method: "POST", token: csm })).status).toBe(403);
  });

  it("detects follow-ups over real plans and ranks them", async () => {
    const res = await review();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ refreshed: 5, onboardings: 4, opened: 4, resolved: 0 });

    const body = await list();
    expect(body.total).toBe(4);
    const pairs = body.items.map((i: Json) => `${i.accountName}:${i.trigger}/${i.action}`);
    expect(pairs.sort()).toEqual(
      [
        "Alpha:overdue/setup_on_behalf",
        "Alpha:overdue/call",
        "Beta:not_agreed/agree_criteria",
        "Gamma:overdue/webinar",
      ].sort(),
    );
  });

  it("ranks by score, high-touch and large contracts first", async () => {
    const { items } = await list();
    const scores = items.map((i: Json) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(`${items[0].accountName}/${items[0].action}`).toBe("Alpha/setup_on_behalf");
    const alpha = items[0];
    expect(alpha).toMatchObject({
      accountId: ids.alpha!.accountId,
      onboardingId: ids.alpha!.onboardingId,
      touchModel: "high",
      ownerId,
      ownerName: "田中 一郎",
      status: "open",
      onboarding: { status: "overdue" },
    });
    expect(alpha.details.tasks.map((t: Json) => [t.key, t.daysOverdue])).toEqual([["account-setup", 10]]);
    expect(alpha.onboarding.statusReasons.map((r: Json) => r.code)).toContain("tasks_overdue");
  });

  it("filters by owner, touch model and status, and pages", async () => {
    expect((await list(`?ownerId=${ownerId}`)).items.map((i: Json) => i.accountName).sort()).toEqual([
      "Alpha",
      "Alpha",
      "Gamma",
    ]);
    expect((await list("?ownerId=me")).total).toBe(3);
    expect((await list("?touchModel=low")).items.map((i: Json) => i.action)).toEqual(["agree_criteria"]);
    const page = await list("?pageSize=2&page=2");
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    expect((await list("?status=dismissed")).total).toBe(0);
    expect((await app.call("/api/v1/follow-ups?status=nope", { token: csm })).status).toBe(400);
  });

  it("keeps one open suggestion per cause when the review runs again", async () => {
    const res = await review();
    expect(res.body).toMatchObject({ opened: 0, updated: 4, resolved: 0 });
    expect((await list()).total).toBe(4);
  });

  it("accepts a follow-up: a CS task joins the plan, assigned to the account owner", async () => {
    const alpha = find((await list()).items, "Alpha", "setup_on_behalf")!;
    const dueOn = dayFromToday(4);
    expect(
      (await app.call(`/api/v1/follow-ups/${alpha.id}/accept`, { method: "POST", token: viewer, body: {} }))
        .status,
    ).toBe(403);
    const res = await app.call(`/api/v1/follow-ups/${alpha.id}/accept`, {
      method: "POST",
      token: csm,
      body: { dueOn },
    });
    expect(res.status).toBe(200);
    const accepted = res.body as Json;
    expect(accepted).toMatchObject({ status: "accepted", decidedBy: ownerId, decidedByName: "田中 一郎" });
    const { db } = app.services.database;
    const [task] = await db.select().from(onboardingTasks).where(eq(onboardingTasks.id, accepted.taskId));
    expect(task).toMatchObject({
      onboardingId: ids.alpha!.onboardingId,
      side: "cs",
      source: "follow_up",
      measure: "setup_on_behalf",
      assigneeUserId: ownerId,
      dueOn,
      status: "todo",
      stage: "initial_response",
      title: { ja: "設定代行", en: "Set up on the customer's behalf" },
    });
    const entries = await db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.accountId, ids.alpha!.accountId), eq(timelineEntries.kind, "follow_up")));
    expect(entries.map((e) => e.data.action).sort()).toEqual(["accepted", "proposed", "proposed"]);

    const again = await app.call(`/api/v1/follow-ups/${alpha.id}/accept`, {
      method: "POST",
      token: csm,
      body: {},
    });
    expect(again.status).toBe(409);
    expect((again.body as Json).error.code).toBe("conflict");
  });

  it("rejects a due date in the past and an assignee from outside the workspace", async () => {
    const call = find((await list()).items, "Alpha", "call")!;
    const past = await app.call(`/api/v1/follow-ups/${call.id}/accept`, {
      method: "POST",
      token: csm,
      body: { dueOn: dayFromToday(-3) },
    });
    expect(past.status).toBe(400);
    expect((past.body as Json).error.details[0].path).toBe("dueOn");
    const stranger = await app.call(`/api/v1/follow-ups/${call.id}/accept`, {
      method: "POST",
      token: csm,
      body: { assigneeUserId: "nobody" },
    });
    expect(stranger.status).toBe(400);
    expect(
      (await app.call(`/api/v1/follow-ups/${call.id}/accept`, { method: "POST", token: csm, body: { x: 1 } }))
        .status,
    ).toBe(400);
  });

  it("dismisses only with a reason, and does not propose the same again within the stall window", async () => {
    const beta = find((await list()).items, "Beta", "agree_criteria")!;
    for (const body of [{}, { reason: "   " }]) {
      const res = await app.call(`/api/v1/follow-ups/${beta.id}/dismiss`, {
        method: "POST",
        token: csm,
        body,
      });
      expect(res.status).toBe(400);
      expect((res.body as Json).error.code).toBe("validation_failed");
    }
    const res = await app.call(`/api/v1/follow-ups/${beta.id}/dismiss`, {
      method: "POST",
      token: csm,
      body: { reason: "The customer agreed by e-mail; recording it next week" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "dismissed",
      decisionReason: "The customer agreed by e-mail; recording it next week",
    });
    const { db } = app.services.database;
    const [entry] = await db
      .select()
      .from(timelineEntries)
      .where(
        and(
          eq(timelineEntries.accountId, ids.beta!.accountId),
          eq(timelineEntries.kind, "follow_up"),
          eq(timelineEntries.actorUserId, ownerId),
        ),
      );
    expect(entry?.data).toMatchObject({
      action: "dismissed",
      followUpAction: "agree_criteria",
      trigger: "not_agreed",
    });

    await review();
    const open = await list();
    expect(find(open.items, "Beta", "agree_criteria")).toBeUndefined();
    expect(find(open.items, "Alpha", "setup_on_behalf")).toBeUndefined();
    expect((await list("?status=dismissed")).total).toBe(1);
  });

  it("proposes a dismissed follow-up again once the stall window has passed", async () => {
    const { db } = app.services.database;
    const old = new Date(Date.now() - 15 * 86_400_000);
    await db
      .update(followUpSuggestions)
      .set({ decidedAt: old })
      .where(
        and(
          eq(followUpSuggestions.status, "dismissed"),
          eq(followUpSuggestions.accountId, ids.beta!.accountId),
        ),
      );
    await review();
    const again = find((await list()).items, "Beta", "agree_criteria");
    expect(again?.status).toBe("open");
  });

  it("resolves a suggestion as soon as the plan change removes its cause", async () => {
    const { db } = app.services.database;
    const gamma = find((await list()).items, "Gamma", "webinar")!;
    const [learn] = await db
      .select({ id: onboardingTasks.id })
      .from(onboardingTasks)
      .where(
        and(eq(onboardingTasks.onboardingId, ids.gamma!.onboardingId), eq(onboardingTasks.key, "learn")),
      );
    const done = await app.call(`/api/v1/onboardings/${ids.gamma!.onboardingId}/tasks/${learn!.id}`, {
      method: "PATCH",
      token: csm,
      body: { status: "done" },
    });
    expect(done.status).toBe(200);
    // No review run needed: the plan change reviews its onboarding.
    const resolved = (await list("?status=resolved")).items;
    expect(resolved.map((i: Json) => i.id)).toContain(gamma.id);
    expect(find((await list()).items, "Gamma", "webinar")).toBeUndefined();
    const late = await app.call(`/api/v1/follow-ups/${gamma.id}/dismiss`, {
      method: "POST",
      token: csm,
      body: { reason: "too late" },
    });
    expect(late.status).toBe(409);
  });

  it("resolves open suggestions of onboardings that completed", async () => {
    const { db } = app.services.database;
    await db
      .update(onboardings)
      .set({ completedAt: new Date(), completionSource: "csm" })
      .where(eq(onboardings.id, ids.beta!.onboardingId));
    await review();
    const open = (await list()).items;
    expect(open.filter((i: Json) => i.accountName === "Beta")).toEqual([]);
    const all = (await list("?status=all")).items.filter((i: Json) => i.accountName === "Beta");
    expect(all.map((i: Json) => i.status).sort()).toEqual(["dismissed", "resolved"]);
  });

  it("keeps workspaces apart", async () => {
    const mine = (await list()).items[0];
    const theirs = await app.call("/api/v1/follow-ups?status=all", { token: outsider });
    expect((theirs.body as Json).total).toBe(0);
    for (const [path, body] of [
      ["accept", {}],
      ["dismiss", { reason: "no" }],
      ["dismiss", {}],
    ] as const) {
      const res = await app.call(`/api/v1/follow-ups/${mine.id}/${path}`, {
        method: "POST",
        token: outsider,
        body,
      });
      expect(res.status).toBe(404);
      expect((res.body as Json).error.code).toBe("not_found");
    }
    const review = await app.call("/api/v1/follow-ups/review", { method: "POST", token: outsider });
    expect(review.body).toMatchObject({ onboardings: 0, opened: 0 });
    expect(
      (await app.call("/api/v1/follow-ups/not-a-uuid/dismiss", { method: "POST", token: csm, body: {} }))
        .status,
    ).toBe(404);
  });

  describe("daily review", () => {
    it("runs once per workspace per day", async () => {
      const now = new Date();
      const tomorrow = new Date(now.getTime() + 86_400_000);
      const dayAfter = new Date(now.getTime() + 2 * 86_400_000);
      expect(await runDailyReview(app.services, workspace, tomorrow)).toBe(true);
      expect(await runDailyReview(app.services, workspace, tomorrow)).toBe(false);
      const both = await Promise.all([
        runDailyReview(app.services, workspace, dayAfter),
        runDailyReview(app.services, workspace, dayAfter),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
    });

    it("starts and stops with the server", async () => {
      const scheduler = startDailyReviews(app.services, { intervalMs: 50 });
      await new Promise((r) => setTimeout(r, 120));
      await scheduler.stop();
      const rows = await app.services.database.db
        .select({
          slug: workspaces.slug,
          last: workspaces.followUpReviewedOn,
        })
        .from(workspaces)
        .orderBy(workspaces.slug);
      const today = new Date().toISOString().slice(0, 10);
      expect(rows.find((r) => r.slug === "other")?.last).toBe(today);
      expect(rows.find((r) => r.slug === "fu")!.last! > today).toBe(true);
      // Saving settings leaves the day of the last review alone.
      const settings = await app.call("/api/v1/settings", {
        method: "PATCH",
        token: manager,
        body: { "onboarding.stallDays": 14 },
      });
      expect(settings.status).toBe(200);
      expect(await runDailyReview(app.services, workspace)).toBe(false);
    });
  });
});
