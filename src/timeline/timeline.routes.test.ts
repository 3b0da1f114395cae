import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { createApiToken } from "../platform/auth/api-tokens.ts";
import type { Role } from "../platform/db/schema.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import { timelineEntrySchema } from "./timeline.routes.ts";

type Json = Record<string, any>;

describeEachDatabase("account timeline API", (kind) => {
  let app: TestApp;
  let accountId: string;
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};

  async function member(workspaceId: string, name: string, role: Role) {
    const user = await addStaffUser(app.services.database.db, workspaceId, {
      email: `${name}@tl.example`,
      name,
      role,
      password: "member-pass-1",
    });
    userId[name] = user.userId;
    token[name] = (
      await createApiToken(app.services.database.db, { workspaceId, name, userId: user.userId, role })
    ).token;
  }

  beforeAll(async () => {
    app = await startTestApp(kind);
    const { workspace, token: admin } = await app.workspaceWith("tl");
    token.admin = admin;
    await member(workspace.id, "Sato", "csm");
    await member(workspace.id, "Suzuki", "csm");
    await member(workspace.id, "Tanaka", "manager");
    await member(workspace.id, "Viewer", "viewer");
    accountId = (
      (
        await app.call("/api/v1/accounts", {
          method: "POST",
          token: admin,
          body: { externalId: "TL-1", name: "タイムライン株式会社" },
        })
      ).body as Json
    ).id;
  });
  afterAll(() => app?.close());

  const timeline = (query = "", as = "Sato") =>
    app.call(`/api/v1/accounts/${accountId}/timeline${query}`, { token: token[as] });
  const write = (body: unknown, as = "Sato") =>
    app.call(`/api/v1/accounts/${accountId}/timeline`, { method: "POST", token: token[as], body });

  it("records notes and meetings with their author, newest first", async () => {
    const note = await write({
      kind: "note",
      body: "決裁者は来期の全社展開に前向き",
      occurredAt: "2026-04-01T10:00:00+09:00",
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      kind: "note",
      body: "決裁者は来期の全社展開に前向き",
      occurredAt: "2026-04-01T01:00:00.000Z",
      actorUserId: userId.Sato,
      actorName: "Sato",
      editable: true,
    });
    const meeting = await write(
      {
        kind: "meeting",
        meetingType: "kickoff",
        title: "キックオフミーティング",
        body: "完了基準を合意",
        occurredAt: "2026-04-02",
        attendees: ["山田 (champion)", "Sato"],
      },
      "Suzuki",
    );
    expect(meeting.status).toBe(201);
    expect(meeting.body).toMatchObject({
      kind: "meeting",
      meetingType: "kickoff",
      title: "キックオフミーティング",
      data: { attendees: ["山田 (champion)", "Sato"] },
      actorName: "Suzuki",
    });
    const page = (await timeline()).body as Json;
    expect(page.items.map((e: Json) => e.kind)).toEqual(["meeting", "note"]);
    expect(page.items.map((e: Json) => e.editable)).toEqual([false, true]); // Sato wrote only the note
    expect(page.nextCursor).toBeNull();
    const managerView = (await timeline("", "Tanaka")).body as Json;
    expect(managerView.items.every((e: Json) => e.editable)).toBe(true);
  });

  it("rejects entries people cannot write, with the error shape", async () => {
    const cases: [unknown, string][] = [
      [{ kind: "meeting", title: "no type" }, "meetingType"],
      [{ kind: "note" }, "body"],
      [{ kind: "handoff", body: "forged system entry" }, "kind"],
      [{ kind: "note", body: "x", occurredAt: "2026-02-30" }, "occurredAt"],
    ];
    for (const [body, path] of cases) {
      const res = await write(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = (res.body as Json).error;
      expect(error.code).toBe("validation_failed");
      expect(error.details.map((d: Json) => d.path)).toContain(path);
    }
    const denied = await write({ kind: "note", body: "viewer" }, "Viewer");
    expect(denied.status).toBe(403);
    expect((denied.body as Json).error.code).toBe("forbidden");
    expect(((await timeline("", "Viewer")).body as Json).items).toHaveLength(2);
  });

  it("pages through entries with a cursor, also across entries at the same instant", async () => {
    for (let i = 0; i < 5; i++)
      await write({ kind: "note", body: `same time ${i}`, occurredAt: "2026-03-15T12:00:00Z" });
    for (let i = 0; i < 4; i++)
      await write({ kind: "note", body: `day ${i}`, occurredAt: `2026-03-0${i + 1}T09:00:00Z` });
    const all = ((await timeline("?limit=200")).body as Json).items as Json[];
    expect(all).toHaveLength(11);
    for (const entry of all) expect(timelineEntrySchema.safeParse(entry).error).toBeUndefined();
    const times = all.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);

    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${before ? `&before=${encodeURIComponent(before)}` : ""}`;
      const page = (await timeline(query)).body as Json;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e: Json) => e.id));
      before = page.nextCursor;
      pages++;
    } while (before && pages < 20);
    expect(seen).toEqual(all.map((e) => e.id));

    const older = ((await timeline(`?before=${encodeURIComponent("2026-03-03T00:00:00Z")}`)).body as Json)
      .items;
    expect(older.map((e: Json) => e.body)).toEqual(["day 1", "day 0"]);
    const meetings = ((await timeline("?kind=meeting")).body as Json).items;
    expect(meetings).toHaveLength(1);
    expect(((await timeline("?kind=note,meeting&limit=200")).body as Json).items).toHaveLength(11);
    const bad = await timeline("?before=not-a-cursor");
    expect(bad.status).toBe(400);
    expect((bad.body as Json).error.details[0].path).toBe("before");
    expect((await timeline("?limit=0")).status).toBe(400);
  });

  it("lets only the author or a manager change or delete a note, and never a system entry", async () => {
    const note = (await write({ kind: "note", body: "初稿" })).body as Json;
    const other = await app.call(`/api/v1/timeline/${note.id}`, {
      method: "PATCH",
      token: token.Suzuki,
      body: { body: "書き換え" },
    });
    expect(other.status).toBe(403);
    const own = await app.call(`/api/v1/timeline/${note.id}`, {
      method: "PATCH",
      token: token.Sato,
      body: { body: "修正版", title: "メモ" },
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ body: "修正版", title: "メモ", actorName: "Sato" });
    expect((own.body as Json).data.editedBy).toBe(userId.Sato);
    const asNote = await app.call(`/api/v1/timeline/${note.id}`, {
      method: "PATCH",
      token: token.Sato,
      body: { meetingType: "kickoff" },
    });
    expect(asNote.status).toBe(400);
    const byManager = await app.call(`/api/v1/timeline/${note.id}`, {
      method: "PATCH",
      token: token.Tanaka,
      body: { occurredAt: "2026-05-01T00:00:00Z" },
    });
    expect(byManager.body).toMatchObject({ occurredAt: "2026-05-01T00:00:00.000Z", body: "修正版" });
    expect(
      (await app.call(`/api/v1/timeline/${note.id}`, { method: "DELETE", token: token.Suzuki })).status,
    ).toBe(403);
    expect(
      (await app.call(`/api/v1/timeline/${note.id}`, { method: "DELETE", token: token.Sato })).status,
    ).toBe(204);
    expect(
      (await app.call(`/api/v1/timeline/${note.id}`, { method: "DELETE", token: token.Sato })).status,
    ).toBe(404);

    // A change recorded by the system (here a hand-off edit) is history: immutable even for a manager.
    await app.call(`/api/v1/accounts/${accountId}/handoff`, {
      method: "PATCH",
      token: token.Sato,
      body: { industry: "小売業" },
    });
    const [system] = ((await timeline("?kind=handoff")).body as Json).items as Json[];
    expect(system).toMatchObject({ kind: "handoff", actorName: "Sato", editable: false });
    for (const method of ["PATCH", "DELETE"]) {
      const res = await app.call(`/api/v1/timeline/${system!.id}`, {
        method,
        token: token.admin,
        body: method === "PATCH" ? { body: "x" } : undefined,
      });
      expect(res.status, method).toBe(409);
      expect((res.body as Json).error.code).toBe("conflict");
    }
  });

  it("hides other workspaces' timelines", async () => {
    const { token: stranger } = await app.workspaceWith("tl-other");
    expect((await app.call(`/api/v1/accounts/${accountId}/timeline`, { token: stranger })).status).toBe(404);
    const post = await app.call(`/api/v1/accounts/${accountId}/timeline`, {
      method: "POST",
      token: stranger,
      body: { kind: "note", body: "x" },
    });
    expect(post.status).toBe(404);
    const [entry] = ((await timeline()).body as Json).items as Json[];
    const patch = await app.call(`/api/v1/timeline/${entry!.id}`, {
      method: "PATCH",
      token: stranger,
      body: { body: "x" },
    });
    expect(patch.status).toBe(404);
  });
});
