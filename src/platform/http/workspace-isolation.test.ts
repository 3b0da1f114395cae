import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { describeEachDatabase } from "../../../test/support/test-database.ts";
import { followUpSuggestions } from "../db/schema.ts";

type Json = Record<string, any>;

/**
 * Walks every route of the OpenAPI document that takes an id and calls it with another
 * workspace's token on this workspace's records: each must answer 404 and change nothing.
 */
describeEachDatabase("workspace isolation", (kind) => {
  let app: TestApp;
  let mine: string;
  let theirs: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp(kind);
    const own = await app.workspaceWith("mine");
    mine = own.token;
    theirs = (await app.workspaceWith("theirs")).token;
    const account = (
      await app.call("/api/v1/accounts", {
        method: "POST",
        token: mine,
        body: { externalId: "M-1", name: "Mine KK" },
      })
    ).body as Json;
    const contact = (
      await app.call(`/api/v1/accounts/${account.id}/contacts`, {
        method: "POST",
        token: mine,
        body: { email: "c@mine.example" },
      })
    ).body as Json;
    const token = (
      await app.call("/api/v1/tokens", { method: "POST", token: mine, body: { name: "second" } })
    ).body as Json;
    ids.accounts = account.id;
    ids.contacts = contact.id;
    ids.tokens = token.item.id;
    const form = new FormData();
    form.set("file", new Blob(["external_id,name\nM-2,Mapped KK\n"]), "m.csv");
    form.set("mapping", JSON.stringify({ external_id: "external_id", name: "name" }));
    form.set("saveMappingAs", "mine");
    await fetch(`${app.url}/api/v1/imports/accounts`, {
      method: "POST",
      headers: { authorization: `Bearer ${mine}` },
      body: form,
    });
    const mappings = (await app.call("/api/v1/import-mappings?kind=accounts", { token: mine })).body as Json;
    ids["import-mappings"] = mappings.items[0].id;
    const template = (
      await app.call("/api/v1/hearing-templates", {
        method: "POST",
        token: mine,
        body: { name: "Mine sheet", questions: [{ id: "q1", type: "text", label: { en: "Q1" } }] },
      })
    ).body as Json;
    ids["hearing-templates"] = template.id;
    const note = (
      await app.call(`/api/v1/accounts/${account.id}/timeline`, {
        method: "POST",
        token: mine,
        body: { kind: "note", body: "Mine note" },
      })
    ).body as Json;
    ids.timeline = note.id;
    const templates = (await app.call("/api/v1/onboarding/templates", { token: mine })).body as Json;
    ids.onboarding = templates.items[0].id;
    const onboarding = (
      await app.call(`/api/v1/accounts/${account.id}/onboardings`, { method: "POST", token: mine, body: {} })
    ).body as Json;
    ids.onboardings = onboarding.id;
    const [suggestion] = await app.services.database.db
      .insert(followUpSuggestions)
      .values({
        workspaceId: own.workspace.id,
        onboardingId: onboarding.id,
        accountId: account.id,
        trigger: "stalled",
        action: "call",
      })
      .returning({ id: followUpSuggestions.id });
    ids["follow-ups"] = suggestion!.id;
    const survey = (
      await app.call("/api/v1/surveys", {
        method: "POST",
        token: mine,
        body: { kind: "nps", title: { ja: "推奨度", en: "NPS" } },
      })
    ).body as Json;
    ids.surveys = survey.id;
    const mail = (await app.call("/api/v1/mail/test-email", { method: "POST", token: mine })).body as Json;
    ids.mail = mail.id;
    const seminar = (
      await app.call("/api/v1/seminars", {
        method: "POST",
        token: mine,
        body: { kind: "welcome", title: { ja: "ウェルカムセミナー", en: "Welcome seminar" } },
      })
    ).body as Json;
    ids.seminars = seminar.id;
    const session = (
      await app.call(`/api/v1/seminars/${seminar.id}/sessions`, {
        method: "POST",
        token: mine,
        body: { startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      })
    ).body as Json;
    ids["seminar-sessions"] = session.id;
    await app.call(`/api/v1/seminar-sessions/${session.id}/invitations`, {
      method: "POST",
      token: mine,
      body: { contactIds: [contact.id] },
    });
    const invitations = (
      await app.call(`/api/v1/seminar-sessions/${session.id}/invitations`, { token: mine })
    ).body as Json;
    ids["seminar-invitations"] = invitations.items[0].id;
    const sequence = (
      await app.call("/api/v1/information-sequences", {
        method: "POST",
        token: mine,
        body: { name: "Tips", touchModels: ["tech"] },
      })
    ).body as Json;
    ids["information-sequences"] = sequence.id;
    const target = (
      await app.call("/api/v1/kpi-targets", {
        method: "POST",
        token: mine,
        body: { kpiId: "nps", effectiveFrom: "2026-01-01", value: 30 },
      })
    ).body as Json;
    ids["kpi-targets"] = target.id;
  });
  afterAll(() => app?.close());

  /** Bodies that pass validation where a route's schema refuses the default one, so the 404 is what is tested. */
  const bodies: Record<string, unknown> = {
    "patch /seminars/{id}": { reminderHours: 12 },
    "post /seminars/{id}/sessions": { startsAt: "2030-01-01T10:00:00+09:00" },
    "patch /seminar-sessions/{id}": { durationMinutes: 30 },
    "post /seminar-sessions/{id}/invitations": { touchModel: "tech" },
    "post /seminar-sessions/{id}/attendance": "csv",
    "patch /seminar-invitations/{id}": { attended: true },
    "put /information-sequences/{id}": { name: "stolen", touchModels: ["tech"] },
    "patch /kpi-targets/{id}": { value: 99 },
  };
  const upload = async (path: string, token: string) => {
    const form = new FormData();
    form.append("file", new File(["Email\nx@x.example\n"], "report.csv", { type: "text/csv" }));
    const res = await fetch(`${app.url}${path}`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it("answers 404 on every id route to another workspace's records", async () => {
    const doc = (await app.call("/api/openapi.json")).body as Json;
    const checked: string[] = [];
    for (const [path, methods] of Object.entries<Json>(doc.paths)) {
      if (!path.includes("{id}")) continue;
      const collection = path.split("/")[1]!;
      const id = ids[collection];
      expect(id, `a record for ${path} is set up by this test`).toBeDefined();
      for (const method of Object.keys(methods)) {
        const url = `/api/v1${path.replace("{id}", id!)}`;
        const res =
          bodies[`${method} ${path}`] === "csv"
            ? await upload(url, theirs)
            : await app.call(url, {
                method: method.toUpperCase(),
                token: theirs,
                body: ["post", "patch", "put"].includes(method)
                  ? (bodies[`${method} ${path}`] ?? { name: "stolen", email: "x@x.example" })
                  : undefined,
              });
        expect(res.status, `${method.toUpperCase()} ${path} ${JSON.stringify(res.body)}`).toBe(404);
        expect((res.body as Json).error.code).toBe("not_found");
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(6);
    const still = (await app.call(`/api/v1/accounts/${ids.accounts}`, { token: mine })).body as Json;
    expect(still).toMatchObject({ name: "Mine KK", contactCount: 1 });
  });

  it("lists only the caller's workspace", async () => {
    await app.call("/api/v1/accounts", {
      method: "POST",
      token: theirs,
      body: { externalId: "T-1", name: "Theirs KK" },
    });
    const list = (await app.call("/api/v1/accounts", { token: theirs })).body as Json;
    expect(list.items.map((a: Json) => a.name)).toEqual(["Theirs KK"]);
    const tokens = (await app.call("/api/v1/tokens", { token: theirs })).body as Json;
    expect(tokens.items.every((t: Json) => t.name !== "second")).toBe(true);
    const users = (await app.call("/api/v1/users", { token: theirs })).body as Json;
    expect(users.items.map((u: Json) => u.email)).toEqual(["admin@theirs.example"]);
    // The same external id may exist in both workspaces.
    expect(
      (
        await app.call("/api/v1/accounts", {
          method: "POST",
          token: theirs,
          body: { externalId: "M-1", name: "Also M-1" },
        })
      ).status,
    ).toBe(201);
  });

  it("refuses a session's request for a workspace the user is not in", async () => {
    const res = await app.call("/api/v1/accounts", {
      token: theirs,
      headers: { "x-embark-workspace": "mine" },
    });
    // A token is bound to its workspace; the header cannot move it.
    expect((res.body as Json).items.every((a: Json) => a.name !== "Mine KK")).toBe(true);
  });

  it("hides other workspaces' rows even from a query that forgets its filter", async () => {
    const { inWorkspace, rowsOf } = await import("../db/client.ts");
    const { findWorkspace } = await import("../../workspaces/workspaces.ts");
    const { sql } = await import("drizzle-orm");
    const ws = (await findWorkspace(app.services.database.db, "theirs"))!;
    const names = await inWorkspace(app.services.database.db, ws.id, async (tx) =>
      rowsOf<{ name: string }>(await tx.execute(sql`select name from accounts order by name`)).map(
        (r) => r.name,
      ),
    );
    expect(names).toEqual(["Also M-1", "Theirs KK"]);
  });
});
