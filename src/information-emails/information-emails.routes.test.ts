import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { inWorkspace } from "../platform/db/client.ts";
import {
  accounts,
  contacts,
  informationEnrolments,
  informationSends,
  mailOutbox,
  onboardings,
  workspaces,
} from "../platform/db/schema.ts";
import { zonedTimeToInstant } from "../platform/time.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { runInformationEmails } from "./run-information-emails.ts";

type Json = Record<string, any>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = "Asia/Tokyo";

describeEachDatabase("information e-mails", (kind) => {
  let app: TestApp;
  let manager: string;
  let outsider: string;
  let workspace: Workspace;
  let sequence: Json;
  /** 09:00 in Tokyo on the day after the sequence is turned on: the onboardings' start. */
  let start: Date;
  const ids: Record<string, { accountId: string; onboardingId: string; contactIds: string[] }> = {};

  const at = (days: number, hour: number) => new Date(start.getTime() + days * DAY + (hour - 9) * HOUR);
  const run = (now: Date) =>
    inWorkspace(app.services.database.db, workspace.id, (tx) =>
      runInformationEmails(tx, workspace, { now, secret: "test-secret", publicUrl: app.url }),
    );
  const sendsOf = async (name: string) => {
    const { db } = app.services.database;
    return db
      .select({ send: informationSends, mail: mailOutbox })
      .from(informationSends)
      .innerJoin(informationEnrolments, eq(informationEnrolments.id, informationSends.enrolmentId))
      .leftJoin(mailOutbox, eq(mailOutbox.id, informationSends.mailId))
      .where(eq(informationEnrolments.accountId, ids[name]!.accountId));
  };
  const enrolmentOf = async (name: string) => {
    const { db } = app.services.database;
    const [row] = await db
      .select()
      .from(informationEnrolments)
      .where(eq(informationEnrolments.accountId, ids[name]!.accountId));
    return row;
  };

  async function addOnboarding(
    name: string,
    touchModel: string,
    startedAt: Date,
    people: { email: string; name: string; locale?: string; role?: string; unsubscribed?: boolean }[],
  ) {
    const { db } = app.services.database;
    const [account] = await db
      .insert(accounts)
      .values({ workspaceId: workspace.id, externalId: name, name, groupId: name, touchModel })
      .returning({ id: accounts.id });
    const contactIds: string[] = [];
    for (const p of people) {
      const [c] = await db
        .insert(contacts)
        .values({
          workspaceId: workspace.id,
          accountId: account!.id,
          email: p.email,
          name: p.name,
          locale: p.locale ?? null,
          role: p.role ?? "admin",
          unsubscribedAt: p.unsubscribed ? new Date() : null,
        })
        .returning({ id: contacts.id });
      contactIds.push(c!.id);
    }
    const [onboarding] = await db
      .insert(onboardings)
      .values({ workspaceId: workspace.id, accountId: account!.id, touchModel, startedAt })
      .returning({ id: onboardings.id });
    ids[name] = { accountId: account!.id, onboardingId: onboarding!.id, contactIds };
  }

  beforeAll(async () => {
    app = await startTestApp(kind);
    const m = await app.workspaceWith("info", "manager");
    manager = m.token;
    const { db } = app.services.database;
    await db
      .update(workspaces)
      .set({ settings: { timezone: TZ } })
      .where(eq(workspaces.id, m.workspace.id));
    workspace = (await getWorkspaceById(db, m.workspace.id))!;
    outsider = (await app.workspaceWith("info-other", "admin")).token;
  });
  afterAll(() => app?.close());

  it("offers the standard tech-touch sequence once, paused, with five steps in both languages", async () => {
    const list = await app.call("/api/v1/information-sequences", { token: manager });
    expect(list.status).toBe(200);
    expect((list.body as Json).items).toEqual([]);
    expect((list.body as Json).placeholders).toEqual(["account_name", "contact_name", "portal_link"]);

    const created = await app.call("/api/v1/information-sequences/standard", {
      method: "POST",
      token: manager,
      body: { locale: "en" },
    });
    expect(created.status).toBe(201);
    sequence = created.body as Json;
    expect(sequence.active).toBe(false);
    expect(sequence.touchModels).toEqual(["tech"]);
    expect(sequence.name).toBe("Standard tech-touch onboarding e-mails");
    expect(sequence.steps.map((s: Json) => s.dayOffset)).toEqual([0, 3, 10, 17, 28]);
    expect(sequence.steps.map((s: Json) => s.category)).toContain("success_story");
    for (const s of sequence.steps) {
      expect(s.subject.ja.length).toBeGreaterThan(5);
      expect(s.body.en).toContain("{{contact_name}}");
    }
    const again = await app.call("/api/v1/information-sequences/standard", {
      method: "POST",
      token: manager,
    });
    expect(again.status).toBe(409);
  });

  it("validates the target and refuses to turn on an empty sequence", async () => {
    const bad = await app.call(`/api/v1/information-sequences/${sequence.id}`, {
      method: "PUT",
      token: manager,
      body: { name: "x", touchModels: [], segments: [], steps: [] },
    });
    expect(bad.status).toBe(400);
    const empty = await app.call("/api/v1/information-sequences", {
      method: "POST",
      token: manager,
      body: { name: "Empty", touchModels: ["low"] },
    });
    expect(empty.status).toBe(201);
    const on = await app.call(`/api/v1/information-sequences/${(empty.body as Json).id}/activate`, {
      method: "POST",
      token: manager,
    });
    expect(on.status).toBe(400);
    const gone = await app.call(`/api/v1/information-sequences/${(empty.body as Json).id}`, {
      method: "DELETE",
      token: manager,
    });
    expect(gone.status).toBe(204);
  });

  it("enrols only matching onboardings that started after the sequence was turned on", async () => {
    const on = await app.call(`/api/v1/information-sequences/${sequence.id}/activate`, {
      method: "POST",
      token: manager,
    });
    expect(on.status).toBe(200);
    const activatedAt = new Date((on.body as Json).activatedAt);
    const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone: TZ })
      .format(new Date(activatedAt.getTime() + DAY))
      .split("-")
      .map(Number) as [number, number, number];
    start = zonedTimeToInstant(y, m, d, TZ, 9);

    await addOnboarding("Tech Start", "tech", start, [
      { email: "sato@tech-start.example", name: "佐藤 花子" },
      { email: "kim@tech-start.example", name: "Kim Lee", locale: "en" },
      { email: "gone@tech-start.example", name: "Unsubscribed", unsubscribed: true },
    ]);
    await addOnboarding("Old Tech", "tech", new Date(activatedAt.getTime() - DAY), [
      { email: "a@old.example", name: "A" },
    ]);
    await addOnboarding("High Touch", "high", start, [{ email: "a@high.example", name: "A" }]);
    await addOnboarding("Completer", "tech", start, [{ email: "a@done.example", name: "A" }]);
    await addOnboarding("Churner", "tech", start, [{ email: "a@churn.example", name: "A" }]);
    await addOnboarding("Mover", "tech", start, [{ email: "a@move.example", name: "A" }]);

    // Before the start nothing is enrolled; at 09:30 on day 0 the four tech-touch ones are, and day 0's
    // step (10:00) is not due yet.
    expect(await run(new Date(start.getTime() - HOUR))).toEqual({ enrolled: 0, stopped: 0, queued: 0 });
    const first = await run(at(0, 9.5));
    expect(first).toEqual({ enrolled: 4, stopped: 0, queued: 0 });
    expect(await enrolmentOf("Old Tech")).toBeUndefined();
    expect(await enrolmentOf("High Touch")).toBeUndefined();
    expect((await enrolmentOf("Tech Start"))!.startedAt.getTime()).toBe(start.getTime());
  });

  it("queues each step on its day at 10:00 in the workspace time zone, exactly once, in each contact's language", async () => {
    const r = await run(at(0, 10.1));
    // Four enrolments: Tech Start has three contacts, the others one each.
    expect(r.queued).toBe(6);
    expect((await run(at(0, 10.2))).queued).toBe(0);
    expect((await run(at(2, 12))).queued).toBe(0);

    const day0 = await sendsOf("Tech Start");
    expect(day0).toHaveLength(3);
    const byTo = Object.fromEntries(day0.map((s) => [s.mail!.to, s.mail!]));
    const ja = byTo["sato@tech-start.example"]!;
    expect(ja.locale).toBe("ja");
    expect(ja.category).toBe("information");
    expect(ja.purpose).toBe("marketing");
    expect(ja.status).toBe("queued");
    expect(ja.subject).toContain("Tech Start様");
    expect(ja.text).toContain("佐藤 花子 様");
    expect(ja.text).not.toContain("{{");
    expect(ja.text).not.toContain("/portal/"); // no active portal link: the line is left out
    expect(ja.nextAttemptAt.getTime()).toBe(zonedTimeToInstant(...ymd(start), TZ, 10).getTime());
    const en = byTo["kim@tech-start.example"]!;
    expect(en.locale).toBe("en");
    expect(en.subject).toBe("Welcome aboard, Tech Start — your first three steps");
    expect(en.text).toContain("Hello Kim Lee,");
    expect(en.dedupeKey).toMatch(/^information:[0-9a-f-]{36}:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    // The unsubscribed contact's copy is kept by the outbox as suppressed, never sent.
    expect(byTo["gone@tech-start.example"]!.status).toBe("suppressed");

    // Day 3: the set-up tips; the account now has an active portal link, so the e-mail carries one.
    const link = await app.call(`/api/v1/accounts/${ids["Tech Start"]!.accountId}/portal-links`, {
      method: "POST",
      token: manager,
      body: { label: "Customer" },
    });
    expect(link.status).toBe(201);
    expect((await run(at(3, 9))).queued).toBe(0);
    expect((await run(at(3, 10.5))).queued).toBe(6);
    const day3 = (await sendsOf("Tech Start")).filter((s) => s.send.stepId === sequence.steps[1].id);
    expect(day3).toHaveLength(3);
    const url = /(http:\/\/\S+\/portal\/[A-Za-z0-9_-]{43})/.exec(day3[0]!.mail!.text)?.[1];
    expect(url).toBeDefined();
    const portal = await app.call(`/api/portal/${url!.split("/portal/")[1]}`);
    expect(portal.status).toBe(200);
    expect(day3.every((s) => s.mail!.text.includes(url!))).toBe(true);
  });

  it("two overlapping runs queue a step once", async () => {
    const [a, b] = await Promise.all([run(at(10, 10.5)), run(at(10, 10.5))]);
    expect(a.queued + b.queued).toBe(6);
    const { db } = app.services.database;
    const step2 = await db
      .select()
      .from(informationSends)
      .where(eq(informationSends.stepId, sequence.steps[2].id));
    expect(step2).toHaveLength(6);
    const outbox = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.workspaceId, workspace.id), eq(mailOutbox.category, "information")));
    expect(outbox).toHaveLength(18);
    expect(new Set(outbox.map((m) => m.dedupeKey)).size).toBe(18);
  });

  it("stops when the onboarding completes, the account churns or leaves the target", async () => {
    const { db } = app.services.database;
    await db
      .update(onboardings)
      .set({ completedAt: at(12, 12), status: "completed" })
      .where(eq(onboardings.id, ids.Completer!.onboardingId));
    await db
      .update(accounts)
      .set({ lifecyclePhase: "churned", churnedAt: at(12, 12) })
      .where(eq(accounts.id, ids.Churner!.accountId));
    await db.update(accounts).set({ touchModel: "low" }).where(eq(accounts.id, ids.Mover!.accountId));
    const r = await run(at(13, 12));
    expect(r).toEqual({ enrolled: 0, stopped: 3, queued: 0 });
    expect((await enrolmentOf("Completer"))!.stopReason).toBe("completed");
    expect((await enrolmentOf("Churner"))!.stopReason).toBe("churned");
    expect((await enrolmentOf("Mover"))!.stopReason).toBe("left_target");
    // Day 17: only the running enrolment gets the step.
    expect((await run(at(17, 11))).queued).toBe(3);
    expect(await sendsOf("Completer")).toHaveLength(3);
  });

  it("lists enrolments with each account's progress, and the account's own", async () => {
    const list = await app.call(`/api/v1/information-sequences/${sequence.id}/enrolments`, {
      token: manager,
    });
    expect(list.status).toBe(200);
    const items = (list.body as Json).items as Json[];
    expect(items).toHaveLength(4);
    const running = items[0]!;
    expect(running).toMatchObject({
      accountName: "Tech Start",
      stopReason: null,
      stepsTotal: 5,
      stepsSent: 4,
      sentCount: 12,
    });
    expect(running.nextStep.position).toBe(4);
    expect(new Date(running.nextStep.dueAt).getTime()).toBe(at(28, 10).getTime());
    const completer = items.find((i) => i.accountName === "Completer")!;
    expect(completer).toMatchObject({ stopReason: "completed", stepsSent: 3, nextStep: null });

    const own = await app.call(`/api/v1/accounts/${ids["Tech Start"]!.accountId}/information-enrolments`, {
      token: manager,
    });
    expect(own.status).toBe(200);
    expect((own.body as Json).items).toHaveLength(1);
    expect((own.body as Json).items[0].sequenceName).toBe(sequence.name);

    const summary = await app.call("/api/v1/information-sequences", { token: manager });
    expect((summary.body as Json).items[0]).toMatchObject({
      stepCount: 5,
      enrolments: 4,
      activeEnrolments: 1,
      sentCount: 21,
    });
  });

  it("previews a step for an account in Japanese and English", async () => {
    const step = sequence.steps[0];
    const res = await app.call("/api/v1/information-sequences/preview", {
      method: "POST",
      token: manager,
      body: { accountId: ids["Tech Start"]!.accountId, subject: step.subject, body: step.body },
    });
    expect(res.status).toBe(200);
    const p = res.body as Json;
    expect(p).toMatchObject({ accountName: "Tech Start", contactName: "佐藤 花子", hasPortalLink: true });
    expect(p.ja.subject).toContain("Tech Start様");
    expect(p.en.text).toContain("Hello 佐藤 花子,");
    expect(p.en.text).toContain("/portal/");
    const noLink = await app.call("/api/v1/information-sequences/preview", {
      method: "POST",
      token: manager,
      body: { accountId: ids.Mover!.accountId, subject: step.subject, body: step.body },
    });
    expect((noLink.body as Json).hasPortalLink).toBe(false);
    expect((noLink.body as Json).ja.text).not.toContain("portal");
  });

  it("pausing stops the running enrolments; turning on again enrols only newer onboardings", async () => {
    const paused = await app.call(`/api/v1/information-sequences/${sequence.id}/pause`, {
      method: "POST",
      token: manager,
    });
    expect(paused.status).toBe(200);
    expect((paused.body as Json).active).toBe(false);
    expect((await enrolmentOf("Tech Start"))!.stopReason).toBe("sequence_paused");
    expect((await run(at(28, 11))).queued).toBe(0);

    const on = await app.call(`/api/v1/information-sequences/${sequence.id}/activate`, {
      method: "POST",
      token: manager,
    });
    expect(on.status).toBe(200);
    // An onboarding is enrolled in a sequence once: the paused ones are not mailed again.
    const r = await run(new Date(Math.max(Date.now(), at(28, 11).getTime())));
    expect(r.queued).toBe(0);
    expect(await sendsOf("Tech Start")).toHaveLength(12);
  });

  it("only managers change sequences; every role reads them and previews", async () => {
    const { addStaffUser } = await import("../staff/staff-users.ts");
    const { createApiToken } = await import("../platform/auth/api-tokens.ts");
    const { db } = app.services.database;
    const user = await addStaffUser(db, workspace.id, {
      email: "csm@info.example",
      name: "CSM",
      role: "csm",
    });
    const csm = (
      await createApiToken(db, { workspaceId: workspace.id, name: "csm", userId: user.userId, role: "csm" })
    ).token;
    expect((await app.call(`/api/v1/information-sequences/${sequence.id}`, { token: csm })).status).toBe(200);
    const pause = await app.call(`/api/v1/information-sequences/${sequence.id}/pause`, {
      method: "POST",
      token: csm,
    });
    expect(pause.status).toBe(403);
    const create = await app.call("/api/v1/information-sequences", {
      method: "POST",
      token: csm,
      body: { name: "x", touchModels: ["tech"] },
    });
    expect(create.status).toBe(403);
  });

  it("another workspace can neither read nor change the sequences, enrolments or previews", async () => {
    const list = await app.call("/api/v1/information-sequences", { token: outsider });
    expect((list.body as Json).items).toEqual([]);
    for (const [method, path, body] of [
      ["GET", `/api/v1/information-sequences/${sequence.id}`],
      ["GET", `/api/v1/information-sequences/${sequence.id}/enrolments`],
      ["PUT", `/api/v1/information-sequences/${sequence.id}`, { name: "x", touchModels: ["tech"] }],
      ["POST", `/api/v1/information-sequences/${sequence.id}/pause`],
      ["POST", `/api/v1/information-sequences/${sequence.id}/activate`],
      ["DELETE", `/api/v1/information-sequences/${sequence.id}`],
      ["GET", `/api/v1/accounts/${ids["Tech Start"]!.accountId}/information-enrolments`],
      [
        "POST",
        "/api/v1/information-sequences/preview",
        {
          accountId: ids["Tech Start"]!.accountId,
          subject: { ja: "a", en: "a" },
          body: { ja: "b", en: "b" },
        },
      ],
    ] as const) {
      const res = await app.call(path, { method, token: outsider, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const still = await app.call(`/api/v1/information-sequences/${sequence.id}`, { token: manager });
    expect((still.body as Json).name).toBe(sequence.name);
    expect((still.body as Json).steps).toHaveLength(5);
  });
});

function ymd(instant: Date): [number, number, number] {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(instant).split("-").map(Number) as [
    number,
    number,
    number,
  ];
}
