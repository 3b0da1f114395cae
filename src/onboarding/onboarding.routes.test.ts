import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { importAccounts } from "../accounts/import-accounts.ts";
import { inWorkspace } from "../platform/db/client.ts";
import { parseCsv } from "../platform/imports/csv-rows.ts";
import { tokenFor } from "../segmentation/classification-test-helpers.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { agreeToCriteria, confirmCompletion } from "./plan-actions.ts";

type Json = Record<string, any>;

describeEachDatabase("onboarding API", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let manager: string;
  let csm: string;
  let viewer: string;
  let other: string;
  let accountSeq = 0;

  const call = async (path: string, token: string, method = "GET", body?: unknown) =>
    app.call(`/api/v1${path}`, { method, token, body });
  const ok = async (path: string, token: string, method = "GET", body?: unknown, status = 200) => {
    const res = await call(path, token, method, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body as Json;
  };
  const createAccount = async (touchModel: string, extra: Json = {}) =>
    ok(
      "/accounts",
      csm,
      "POST",
      { externalId: `O-${++accountSeq}`, name: `顧客 ${accountSeq}`, touchModel, ...extra },
      201,
    );
  const start = async (accountId: string, body: Json = {}) =>
    ok(`/accounts/${accountId}/onboardings`, csm, "POST", body, 201);
  const currentWorkspace = async () => (await getWorkspaceById(app.services.database.db, workspace.id))!;
  /** Runs a plan action as the portal does, in the workspace (settings read fresh first). */
  const asCustomer = async (action: typeof agreeToCriteria, id: string, label = "山田 (customer)") => {
    const current = await currentWorkspace();
    return inWorkspace(app.services.database.db, workspace.id, (tx) =>
      action(tx, current, id, { contactId: null, label }),
    );
  };
  const timeline = async (accountId: string) =>
    ((await ok(`/accounts/${accountId}/timeline?limit=200`, viewer)).items as Json[]).filter(
      (e) => e.kind === "onboarding" || e.kind === "meeting",
    );

  beforeAll(async () => {
    app = await startTestApp(kind);
    workspace = (await app.workspaceWith("onb", "admin")).workspace;
    manager = (await tokenFor(app, workspace, "manager", "鈴木")).token;
    csm = (await tokenFor(app, workspace, "csm", "佐藤")).token;
    viewer = (await tokenFor(app, workspace, "viewer", "Viewer")).token;
    other = (await app.workspaceWith("onb-other", "admin")).token;
  });
  afterAll(() => app?.close());

  it("lists the measures and the default templates for high, low and tech touch in both languages", async () => {
    const measures = (await ok("/onboarding/measures", viewer)).items as Json[];
    expect(measures.map((m) => m.key)).toContain("setup_on_behalf");
    expect(measures.find((m) => m.key === "webinar")).toMatchObject({
      label: { ja: "ウェビナー", en: "Webinar" },
      touchModels: ["low", "tech", "community"],
    });
    const templates = (await ok("/onboarding/templates", viewer)).items as Json[];
    expect(templates.map((t) => t.touchModel)).toEqual(["high", "low", "tech"]);
    const high = await ok(`/onboarding/templates/${templates[0]!.id}`, viewer);
    const stages = new Set((high.definition.tasks as Json[]).map((t) => t.stage));
    expect([...stages].sort()).toEqual(["initial_response", "measure_design", "training"]);
    expect(high.definition.tasks[0].title.ja).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect((high.definition.criteria as Json[]).map((c) => c.kind).sort()).toEqual([
      "event",
      "manual",
      "manual",
      "usage",
    ]);
    expect((high.definition.meetings as Json[]).map((m) => m.type)).toEqual([
      "kickoff",
      "progress_check",
      "completion",
    ]);
    // a second read does not add them again
    expect(((await ok("/onboarding/templates", viewer)).items as Json[]).length).toBe(3);
  });

  it("validates templates with paths, and only managers write them", async () => {
    const templates = (await ok("/onboarding/templates", viewer)).items as Json[];
    const base = await ok(`/onboarding/templates/${templates[1]!.id}`, viewer);
    const definition = structuredClone(base.definition);
    definition.tasks[0].dependsOn = ["nope"];
    definition.tasks[1].dependsOn = [definition.tasks[2].key];
    definition.tasks[2].dependsOn = [definition.tasks[1].key];
    definition.criteria.push({
      key: "usage2",
      kind: "usage",
      title: { ja: "利用", en: "Use" },
      minActiveUsers: 2,
    });
    definition.resources.push({
      key: "manual",
      kind: "manual",
      title: { ja: "手順", en: "Steps" },
      url: "javascript:alert(1)",
    });
    const bad = await call("/onboarding/templates", manager, "POST", {
      name: "Broken",
      touchModel: "low",
      definition,
    });
    expect(bad.status).toBe(400);
    const details = (bad.body as Json).error.details as Json[];
    const paths = details.map((d) => d.path);
    expect(details).toContainEqual({
      path: "definition.tasks.0.dependsOn",
      message: "depends on unknown task nope",
    });
    expect(details.find((d) => d.path === "definition.tasks.1.dependsOn")?.message).toMatch(/^cycle/);
    expect(paths).toContain(`definition.criteria.${definition.criteria.length - 1}.minDays`);
    expect(paths).toContain("definition.resources.0.url");

    const input = {
      name: "Enterprise high",
      touchModel: "high",
      segment: "enterprise",
      definition: base.definition,
    };
    expect((await call("/onboarding/templates", csm, "POST", input)).status).toBe(403);
    const created = await ok("/onboarding/templates", manager, "POST", input, 201);
    expect(created).toMatchObject({ name: "Enterprise high", touchModel: "high", segment: "enterprise" });
    const renamed = await ok(`/onboarding/templates/${created.id}`, manager, "PUT", {
      ...input,
      name: "Renamed",
    });
    expect(renamed.name).toBe("Renamed");
    expect((await call(`/onboarding/templates/${created.id}`, csm, "DELETE")).status).toBe(403);
    expect((await call(`/onboarding/templates/${created.id}`, manager, "DELETE")).status).toBe(204);
    expect((await call(`/onboarding/templates/${created.id}`, viewer)).status).toBe(404);
    expect((await call("/onboarding/templates/not-a-uuid", viewer)).status).toBe(404);
  });

  it("starts a plan from the template of the account's touch model; 409 while one is running", async () => {
    const account = await createAccount("high");
    const plan = await start(account.id, { startedAt: "2026-04-01" });
    expect(plan).toMatchObject({
      accountId: account.id,
      templateName: "ハイタッチ標準 / High touch standard",
      touchModel: "high",
      targetDate: "2026-05-31",
      confirmation: { available: false, blockedBy: ["not_agreed", "completion_meeting_not_held"] },
    });
    expect(plan.tasks.length).toBeGreaterThan(5);
    const byKey = new Map((plan.tasks as Json[]).map((t) => [t.key, t]));
    expect(byKey.get("introduce-csm")).toMatchObject({
      startsOn: "2026-04-01",
      dueOn: "2026-04-02",
      side: "cs",
    });
    expect(byKey.get("hearing")).toMatchObject({
      startsOn: "2026-04-03",
      dependsOn: [byKey.get("introduce-csm")!.id],
    });
    expect((plan.meetings as Json[]).map((m) => m.type)).toContain("completion");
    expect((plan.criteria as Json[]).find((c) => c.kind === "event")).toMatchObject({
      rule: { event: "Tutorial Completed" },
      waitingForEvents: true,
    });
    // Default templates ship without links: the product's own manuals are the team's to add.
    expect(plan.resources).toEqual([]);
    const again = await call(`/accounts/${account.id}/onboardings`, csm, "POST", {});
    expect(again.status).toBe(409);
    expect((again.body as Json).error.code).toBe("conflict");
    const list = await ok(`/accounts/${account.id}/onboardings`, viewer);
    expect(list.items).toHaveLength(1);
    expect((await timeline(account.id)).map((e) => e.data.action)).toContain("started");

    const tech = await createAccount("tech");
    expect((await start(tech.id)).templateName).toBe("テックタッチ標準 / Tech touch standard");
    expect((await call(`/accounts/${tech.id}/onboardings`, viewer, "POST", {})).status).toBe(403);
  });

  it("edits tasks, moves dependants when a due date moves later, and computes progress", async () => {
    const account = await createAccount("low");
    const plan = await start(account.id);
    const id = plan.id;
    const added = await ok(
      `/onboardings/${id}/tasks`,
      csm,
      "POST",
      {
        title: "追加の設定確認",
        stage: "measure_design",
        side: "customer",
        startsOn: "2026-04-02",
        dueOn: "2026-04-03",
      },
      201,
    );
    const task = (added.tasks as Json[]).find((t) => t.title.ja === "追加の設定確認")!;
    expect(task).toMatchObject({ source: "manual", title: { en: "追加の設定確認" } });
    const bad = await call(`/onboardings/${id}/tasks/${task.id}`, csm, "PATCH", { dueOn: "2026-04-01" });
    expect(bad.status).toBe(400);
    expect((bad.body as Json).error.details[0].path).toBe("dueOn");
    const cyc = await call(`/onboardings/${id}/tasks/${task.id}`, csm, "PATCH", { dependsOn: [task.id] });
    expect(cyc.status).toBe(400);

    // dependants move with a later due date
    const first = (plan.tasks as Json[]).find((t) => t.key === "welcome-email")!;
    const dependants = (plan.tasks as Json[]).filter((t) => t.dependsOn.includes(first.id));
    const moved = await ok(`/onboardings/${id}/tasks/${first.id}`, csm, "PATCH", {
      dueOn: addDaysTo(first.dueOn, 5),
    });
    for (const d of dependants) {
      const now = (moved.tasks as Json[]).find((t) => t.id === d.id)!;
      expect(now.startsOn).toBe(addDaysTo(d.startsOn, 5));
      expect(now.dueOn).toBe(addDaysTo(d.dueOn, 5));
    }

    const done = await ok(`/onboardings/${id}/tasks/${first.id}`, csm, "PATCH", { status: "done" });
    const doneTask = (done.tasks as Json[]).find((t) => t.id === first.id)!;
    expect(doneTask).toMatchObject({ status: "done", doneByLabel: "佐藤" });
    expect(done.tasksDone).toBe(1);
    expect(done.progress).toBeCloseTo(1 / done.tasksTotal);
    // meetings
    const scheduled = await ok(
      `/onboardings/${id}/meetings`,
      csm,
      "POST",
      {
        type: "progress_check",
        title: "臨時の進捗確認",
        scheduledAt: "2026-04-20T10:00:00+09:00",
        durationMinutes: 30,
      },
      201,
    );
    const meeting = (scheduled.meetings as Json[]).find((m) => m.title.ja === "臨時の進捗確認")!;
    expect(meeting).toMatchObject({
      type: "progress_check",
      scheduledAt: "2026-04-20T01:00:00.000Z",
      heldAt: null,
    });
    const badMeeting = await call(`/onboardings/${id}/meetings`, csm, "POST", {
      type: "party",
      title: "x",
      scheduledAt: "soon",
    });
    expect((badMeeting.body as Json).error.details.map((d: Json) => d.path).sort()).toEqual([
      "scheduledAt",
      "type",
    ]);
    const unscheduled = await ok(`/onboardings/${id}/meetings/${meeting.id}`, csm, "DELETE");
    expect((unscheduled.meetings as Json[]).some((m) => m.id === meeting.id)).toBe(false);

    const removed = await ok(`/onboardings/${id}/tasks/${task.id}`, csm, "DELETE");
    expect((removed.tasks as Json[]).some((t) => t.id === task.id)).toBe(false);
    expect((await timeline(account.id)).map((e) => e.data?.action)).toEqual(
      expect.arrayContaining(["task_added", "task_changed", "task_done", "task_removed"]),
    );
    expect(
      (await call(`/onboardings/${id}/tasks/${crypto.randomUUID()}`, csm, "PATCH", { status: "done" }))
        .status,
    ).toBe(404);
  });

  it("runs the agreement: propose → agree → a change clears it → confirmation after the completion meeting", async () => {
    const account = await createAccount("high");
    let plan = await start(account.id);
    const id = plan.id;
    // the customer cannot agree before a proposal
    await expect(asCustomer(agreeToCriteria, id)).rejects.toMatchObject({ code: "conflict" });

    plan = await ok(`/onboardings/${id}/propose`, csm, "POST");
    expect(plan.proposedAt).not.toBeNull();
    expect(plan.proposedByName).toBe("佐藤");
    await asCustomer(agreeToCriteria, id);
    plan = await ok(`/onboardings/${id}`, viewer);
    expect(plan).toMatchObject({ agreedByLabel: "山田 (customer)" });
    expect(plan.agreedAt).not.toBeNull();
    expect((await call(`/onboardings/${id}/propose`, csm, "POST")).status).toBe(409);

    // a new criterion clears the agreement
    plan = await ok(
      `/onboardings/${id}/criteria`,
      csm,
      "POST",
      { title: { ja: "CSV連携の確認", en: "CSV link checked" } },
      201,
    );
    expect(plan.agreedAt).toBeNull();
    expect((await timeline(account.id)).map((e) => e.data?.action)).toContain("agreement_cleared");
    await asCustomer(agreeToCriteria, id);
    // the due date too
    plan = await ok(`/onboardings/${id}`, csm, "PATCH", { targetDate: "2027-01-31" });
    expect(plan).toMatchObject({ targetDate: "2027-01-31", agreedAt: null });
    await asCustomer(agreeToCriteria, id);

    // manual criteria are ticked; event criteria are not
    const manual = (plan.criteria as Json[]).find((c) => c.kind === "manual")!;
    const eventCriterion = (plan.criteria as Json[]).find((c) => c.kind === "event")!;
    plan = await ok(`/onboardings/${id}/criteria/${manual.id}`, csm, "PATCH", { met: true });
    expect((plan.criteria as Json[]).find((c) => c.id === manual.id)).toMatchObject({ metByLabel: "佐藤" });
    expect(plan.agreedAt).not.toBeNull();
    expect(
      (await call(`/onboardings/${id}/criteria/${eventCriterion.id}`, csm, "PATCH", { met: true })).status,
    ).toBe(400);

    expect(plan.confirmation).toEqual({ available: false, blockedBy: ["completion_meeting_not_held"] });
    const completion = (plan.meetings as Json[]).find((m) => m.type === "completion")!;
    plan = await ok(`/onboardings/${id}/meetings/${completion.id}`, csm, "PATCH", {
      heldAt: new Date().toISOString(),
      notes: "成果を振り返った",
    });
    expect(plan.confirmation).toEqual({ available: true, blockedBy: [] });
    const entries = await timeline(account.id);
    expect(entries.find((e) => e.kind === "meeting")).toMatchObject({
      meetingType: "completion",
      body: "成果を振り返った",
    });

    await asCustomer(confirmCompletion, id);
    plan = await ok(`/onboardings/${id}`, viewer);
    expect(plan).toMatchObject({
      status: "completed",
      progress: 1,
      completionSource: "customer",
      completedByLabel: "山田 (customer)",
      statusReasons: [{ code: "completed", source: "customer" }],
      confirmation: { available: false, blockedBy: ["completed"] },
    });
    await expect(asCustomer(confirmCompletion, id, "x")).rejects.toMatchObject({ code: "conflict" });
    // a new one can start now
    await start(account.id);
  });

  it("lets the CSM complete with a reason", async () => {
    const account = await createAccount("low");
    const plan = await start(account.id);
    const noReason = await call(`/onboardings/${plan.id}/complete`, csm, "POST", {});
    expect(noReason.status).toBe(400);
    expect((noReason.body as Json).error.details[0].path).toBe("reason");
    const done = await ok(`/onboardings/${plan.id}/complete`, csm, "POST", {
      reason: "顧客が確認できないため電話で合意",
    });
    expect(done).toMatchObject({
      status: "completed",
      completionSource: "csm",
      completionReason: "顧客が確認できないため電話で合意",
      completedByLabel: "佐藤",
    });
    expect((await call(`/onboardings/${plan.id}/complete`, csm, "POST", { reason: "again" })).status).toBe(
      409,
    );
    // A completed plan is history: its criteria, dates and tasks no longer change.
    const criterion = await call(`/onboardings/${plan.id}/criteria`, csm, "POST", {
      title: "後から追加",
      kind: "manual",
    });
    expect(criterion.status).toBe(409);
    expect((await call(`/onboardings/${plan.id}`, csm, "PATCH", { targetDate: "2030-01-01" })).status).toBe(
      409,
    );
    const far = await call(`/onboardings/${plan.id}`, csm, "PATCH", { targetDate: "9999-12-31" });
    expect(far.status).toBe(400);
    expect((far.body as Json).error.details[0]).toMatchObject({ path: "targetDate" });
  });

  it("refuses dates outside 2000–2099 and a due date before the start", async () => {
    const account = await createAccount("low");
    const far = await call(`/accounts/${account.id}/onboardings`, csm, "POST", { startedAt: "9999-12-20" });
    expect(far.status).toBe(400);
    const plan = await start(account.id);
    const before = await call(`/onboardings/${plan.id}`, csm, "PATCH", { targetDate: "2001-01-01" });
    expect(before.status).toBe(400);
    expect((before.body as Json).error.details[0]).toMatchObject({ path: "targetDate" });
  });

  it("lists onboardings with filters, counts and pages", async () => {
    const all = await ok("/onboardings?status=all&pageSize=2", viewer);
    expect(all.items).toHaveLength(2);
    expect(all.total).toBe(Object.values(all.counts as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(all.counts.completed).toBeGreaterThanOrEqual(2);
    const running = await ok("/onboardings", viewer);
    expect((running.items as Json[]).every((i) => i.completedAt === null)).toBe(true);
    expect(running.total).toBe(running.counts.on_track + running.counts.at_risk + running.counts.overdue);
    const tech = await ok("/onboardings?status=all&touchModel=tech", viewer);
    expect((tech.items as Json[]).every((i) => i.touchModel === "tech")).toBe(true);
    expect(tech.items.length).toBeGreaterThan(0);
    expect((await ok("/onboardings?q=no-such-account", viewer)).items).toEqual([]);
    expect((await call("/onboardings?status=bogus", viewer)).status).toBe(400);
    expect((await call("/onboardings?pageSize=0", viewer)).status).toBe(400);
  });

  it("starts onboardings by itself with onboarding.autoStart = onboarding_phase", async () => {
    const off = await createAccount("low");
    expect((await ok(`/accounts/${off.id}/onboardings`, viewer)).items).toEqual([]);
    await ok("/settings", manager, "PATCH", { "onboarding.autoStart": "onboarding_phase" });
    const created = await createAccount("low");
    const items = (await ok(`/accounts/${created.id}/onboardings`, viewer)).items as Json[];
    expect(items).toHaveLength(1);
    const adoption = await createAccount("tech", { lifecyclePhase: "adoption" });
    expect((await ok(`/accounts/${adoption.id}/onboardings`, viewer)).items).toEqual([]);
    // churned → onboarding again starts one
    await ok(`/accounts/${adoption.id}`, csm, "PATCH", {
      lifecyclePhase: "churned",
      churnedAt: "2026-01-01",
    });
    await ok(`/accounts/${adoption.id}`, csm, "PATCH", { lifecyclePhase: "onboarding" });
    expect((await ok(`/accounts/${adoption.id}/onboardings`, viewer)).items).toHaveLength(1);
    // the accounts import starts them too (new accounts in onboarding only)
    const result = await importAccounts(
      app.services.database.db,
      await currentWorkspace(),
      parseCsv("external_id,name,lifecycle_phase\nIMP-1,Imported 1,onboarding\nIMP-2,Imported 2,adoption\n"),
    );
    expect(result.created).toBe(2);
    const imported = await ok("/onboardings?q=Imported", viewer);
    expect((imported.items as Json[]).map((i) => i.accountName)).toEqual(["Imported 1"]);
    await ok("/settings", manager, "PATCH", { "onboarding.autoStart": "off" });
  });

  it("marks a running onboarding churned when its account churns", async () => {
    const account = await createAccount("low");
    const plan = await start(account.id);
    await ok(`/accounts/${account.id}`, csm, "PATCH", {
      lifecyclePhase: "churned",
      churnedAt: "2026-01-01",
      churnReason: "予算",
    });
    const now = await ok(`/onboardings/${plan.id}/propose`, csm, "POST");
    expect(now).toMatchObject({ status: "churned", statusReasons: [{ code: "churned", reason: "予算" }] });
  });

  it("keeps other workspaces' onboardings out of reach (404)", async () => {
    const account = await createAccount("low");
    const plan = await start(account.id);
    const task = plan.tasks[0];
    expect((await call(`/onboardings/${plan.id}`, other)).status).toBe(404);
    expect(
      (await call(`/onboardings/${plan.id}/tasks/${task.id}`, other, "PATCH", { status: 7 })).status,
    ).toBe(404);
    expect((await call(`/onboardings/${plan.id}/propose`, other, "POST")).status).toBe(404);
    expect((await call(`/accounts/${account.id}/onboardings`, other)).status).toBe(404);
    expect((await call(`/onboardings/not-a-uuid`, viewer)).status).toBe(404);
    expect((await ok("/onboardings?status=all", other)).items).toEqual([]);
  });
});

function addDaysTo(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
