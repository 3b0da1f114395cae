import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { createApiToken } from "../platform/auth/api-tokens.ts";
import type { Role } from "../platform/db/schema.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import { hearingSheetSchema, hearingTemplateSchema } from "./hearing-sheets.routes.ts";

type Json = Record<string, any>;

const kickoffSheet = {
  name: "キックオフ前ヒアリング",
  questions: [
    { id: "purpose", type: "text", label: { ja: "導入の目的", en: "Purpose of adoption" }, required: true },
    {
      id: "literacy",
      type: "choice",
      label: { ja: "ITリテラシー", en: "IT literacy" },
      options: [
        { value: "low", label: { ja: "低い", en: "Low" } },
        { value: "high", label: { ja: "高い", en: "High" } },
      ],
      required: true,
    },
    { id: "users", type: "number", label: { ja: "利用予定人数", en: "Planned users" } },
    { id: "golive", type: "date", label: { ja: "本格稼働の目標日", en: "Target go-live" } },
  ],
};

describeEachDatabase("hearing sheets API", (kind) => {
  let app: TestApp;
  let accountId: string;
  let templateId: string;
  let defaultId: string;
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};

  async function member(workspaceId: string, name: string, role: Role) {
    const user = await addStaffUser(app.services.database.db, workspaceId, {
      email: `${name}@hearing.example`,
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
    const ws = await app.workspaceWith("hearing");
    token.admin = ws.token;
    await member(ws.workspace.id, "Sato", "csm");
    await member(ws.workspace.id, "Tanaka", "manager");
    await member(ws.workspace.id, "Viewer", "viewer");
    accountId = (
      (
        await app.call("/api/v1/accounts", {
          method: "POST",
          token: ws.token,
          body: { externalId: "HS-1", name: "ヒアリング商事" },
        })
      ).body as Json
    ).id;
  });
  afterAll(() => app?.close());

  const sheets = (as = "Sato") =>
    app.call(`/api/v1/accounts/${accountId}/hearing-sheets`, { token: token[as] });
  const answer = (answers: unknown, as = "Sato", template = templateId) =>
    app.call(`/api/v1/accounts/${accountId}/hearing-sheets/${template}`, {
      method: "PUT",
      token: token[as],
      body: { answers },
    });

  it("ships a default template built from the hand-off table, created on first use", async () => {
    const list = await app.call("/api/v1/hearing-templates", { token: token.Viewer });
    expect(list.status).toBe(200);
    const items = (list.body as Json).items as Json[];
    expect(items).toHaveLength(1);
    const template = items[0]!;
    defaultId = template.id;
    expect(template.name).toContain("ヒアリングシート");
    const literacy = template.questions.find((q: Json) => q.id === "it_literacy");
    expect(literacy).toMatchObject({ type: "choice", required: true, label: { ja: "利用者のITリテラシー" } });
    expect(literacy.options.map((o: Json) => o.value)).toEqual(["low", "medium", "high"]);
    expect(template.questions.map((q: Json) => q.id)).toEqual(
      expect.arrayContaining([
        "current_challenges",
        "adoption_purpose",
        "expected_outcomes",
        "decision_maker",
        "champion",
      ]),
    );
    // listing again does not create another one
    expect(
      ((await app.call("/api/v1/hearing-templates", { token: token.Sato })).body as Json).items,
    ).toHaveLength(1);
  });

  it("lets only managers define templates", async () => {
    for (const as of ["Viewer", "Sato"]) {
      const res = await app.call("/api/v1/hearing-templates", {
        method: "POST",
        token: token[as],
        body: kickoffSheet,
      });
      expect(res.status, as).toBe(403);
      expect((res.body as Json).error.code).toBe("forbidden");
    }
    const bad = await app.call("/api/v1/hearing-templates", {
      method: "POST",
      token: token.Tanaka,
      body: {
        name: "bad",
        questions: [
          { type: "choice", label: { ja: "選択" } },
          { type: "colour", label: { en: "x" } },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect((bad.body as Json).error.details.map((d: Json) => d.path)).toEqual(
      expect.arrayContaining(["questions.0.options", "questions.1.type"]),
    );
    const created = await app.call("/api/v1/hearing-templates", {
      method: "POST",
      token: token.Tanaka,
      body: kickoffSheet,
    });
    expect(created.status).toBe(201);
    templateId = (created.body as Json).id;
    expect(created.body).toMatchObject({
      name: "キックオフ前ヒアリング",
      archived: false,
      removedQuestions: [],
      questions: [
        { id: "purpose", required: true },
        { id: "literacy" },
        { id: "users", required: false },
        { id: "golive" },
      ],
    });
    const renamed = await app.call(`/api/v1/hearing-templates/${templateId}`, {
      method: "PATCH",
      token: token.Sato,
      body: { name: "x" },
    });
    expect(renamed.status).toBe(403);
    expect(
      ((await app.call(`/api/v1/hearing-templates/${templateId}`, { token: token.Viewer })).body as Json)
        .name,
    ).toBe("キックオフ前ヒアリング");
  });

  it("lists every open template on the account with what is still required", async () => {
    const items = ((await sheets("Viewer")).body as Json).items as Json[];
    expect(items.map((s) => s.template.id)).toEqual([defaultId, templateId]);
    expect(items[1]).toMatchObject({
      answers: {},
      removedAnswers: [],
      missingRequired: ["purpose", "literacy"],
      answeredCount: 0,
      questionCount: 4,
      updatedAt: null,
    });
  });

  it("rejects answers that do not fit their questions, with the error shape, storing nothing", async () => {
    const res = await answer({
      purpose: "工程の可視化",
      literacy: "medium",
      users: "たくさん",
      golive: "2026-02-30",
      unknown: "x",
    });
    expect(res.status).toBe(400);
    const error = (res.body as Json).error;
    expect(error.code).toBe("validation_failed");
    expect(error.message).toEqual(expect.any(String));
    expect(error.details.map((d: Json) => [d.path, d.code])).toEqual([
      ["answers.literacy", "invalid_choice"],
      ["answers.users", "invalid_number"],
      ["answers.golive", "invalid_date"],
      ["answers.unknown", "unknown_question"],
    ]);
    const sheet = (
      await app.call(`/api/v1/accounts/${accountId}/hearing-sheets/${templateId}`, { token: token.Sato })
    ).body as Json;
    expect(sheet.answers).toEqual({});
    const timeline = (
      await app.call(`/api/v1/accounts/${accountId}/timeline?kind=hearing`, { token: token.Sato })
    ).body as Json;
    expect(timeline.items).toEqual([]);
    expect((await answer({ purpose: "x" }, "Viewer")).status).toBe(403);
    expect((await answer({ purpose: "x" }, "Sato", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("keeps each answer with who gave it and when", async () => {
    const first = await answer({ purpose: "工程の進捗を全社で可視化する", literacy: "low", users: "120" });
    expect(first.status).toBe(200);
    const sheet = first.body as Json;
    expect(sheet.answers.purpose).toMatchObject({
      value: "工程の進捗を全社で可視化する",
      by: userId.Sato,
      byName: "Sato",
      outdated: false,
    });
    expect(sheet.answers.users.value).toBe(120);
    expect(Date.parse(sheet.answers.purpose.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(sheet.missingRequired).toEqual([]);
    expect(hearingSheetSchema.safeParse(sheet).error).toBeUndefined();
    expect(sheet.answeredCount).toBe(3);

    const second = (
      await answer({ purpose: "工程の進捗を全社で可視化する", users: 150, golive: "2026-07-01" }, "Tanaka")
    ).body as Json;
    expect(second.answers.purpose).toEqual(sheet.answers.purpose); // unchanged: same author and time
    expect(second.answers.users).toMatchObject({ value: 150, by: userId.Tanaka, byName: "Tanaka" });
    expect(second.answers.golive).toMatchObject({ value: "2026-07-01", byName: "Tanaka" });

    const cleared = (await answer({ literacy: null })).body as Json;
    expect(cleared.answers.literacy).toBeUndefined();
    expect(cleared.missingRequired).toEqual(["literacy"]);
    await answer({ literacy: "high" });

    const entries = (
      (await app.call(`/api/v1/accounts/${accountId}/timeline?kind=hearing`, { token: token.Sato }))
        .body as Json
    ).items as Json[];
    expect(entries).toHaveLength(4);
    expect(entries[3]).toMatchObject({
      kind: "hearing",
      actorName: "Sato",
      data: {
        action: "answered",
        templateId,
        questionIds: ["purpose", "literacy", "users"],
        missingRequired: [],
      },
    });
    expect(entries[1]!.data.missingRequired).toEqual(["literacy"]);
  });

  it("keeps answers to questions a template edit removes, and marks those that no longer fit", async () => {
    const edited = await app.call(`/api/v1/hearing-templates/${templateId}`, {
      method: "PATCH",
      token: token.Tanaka,
      body: {
        questions: [
          kickoffSheet.questions[0],
          { ...kickoffSheet.questions[1], options: [{ value: "low", label: { ja: "低い", en: "Low" } }] },
          { type: "text", label: { ja: "懸念事項" } },
        ],
      },
    });
    expect(edited.status).toBe(200);
    const template = edited.body as Json;
    expect(template.questions).toHaveLength(3);
    expect(template.questions[2]).toMatchObject({
      type: "text",
      label: { ja: "懸念事項", en: "懸念事項" },
      required: false,
    });
    expect(template.removedQuestions.map((q: Json) => q.id)).toEqual(["users", "golive"]);

    const sheet = (
      await app.call(`/api/v1/accounts/${accountId}/hearing-sheets/${templateId}`, { token: token.Sato })
    ).body as Json;
    expect(Object.keys(sheet.answers).sort()).toEqual(["literacy", "purpose"]);
    expect(sheet.answers.literacy).toMatchObject({ value: "high", outdated: true });
    expect(hearingSheetSchema.safeParse(sheet).error).toBeUndefined();
    expect(hearingTemplateSchema.safeParse(template).error).toBeUndefined();
    expect(sheet.removedAnswers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          questionId: "users",
          value: 150,
          byName: "Tanaka",
          label: { ja: "利用予定人数", en: "Planned users" },
        }),
        expect.objectContaining({ questionId: "golive", value: "2026-07-01" }),
      ]),
    );
    const removed = await answer({ users: 10 });
    expect(removed.status).toBe(400);
    expect((removed.body as Json).error.details[0].code).toBe("removed_question");

    // bringing the question back brings its answer back
    const restored = (
      await app.call(`/api/v1/hearing-templates/${templateId}`, {
        method: "PATCH",
        token: token.Tanaka,
        body: { questions: [...template.questions, kickoffSheet.questions[2]] },
      })
    ).body as Json;
    expect(restored.removedQuestions.map((q: Json) => q.id)).toEqual(["golive"]);
    const back = (
      await app.call(`/api/v1/accounts/${accountId}/hearing-sheets/${templateId}`, { token: token.Sato })
    ).body as Json;
    expect(back.answers.users).toMatchObject({ value: 150, byName: "Tanaka" });
  });

  it("archives a template: no new answers, existing ones still shown", async () => {
    const archived = await app.call(`/api/v1/hearing-templates/${templateId}/archive`, {
      method: "POST",
      token: token.Tanaka,
    });
    expect(archived.body).toMatchObject({ archived: true });
    expect(
      ((await app.call("/api/v1/hearing-templates", { token: token.Sato })).body as Json).items,
    ).toHaveLength(1);
    expect(
      ((await app.call("/api/v1/hearing-templates?includeArchived=true", { token: token.Sato })).body as Json)
        .items,
    ).toHaveLength(2);
    const closed = await answer({ purpose: "x" });
    expect(closed.status).toBe(409);
    expect((closed.body as Json).error.code).toBe("conflict");
    const items = ((await sheets()).body as Json).items as Json[];
    expect(items.map((s) => [s.template.id, s.template.archived])).toEqual([
      [defaultId, false],
      [templateId, true],
    ]);
    await app.call(`/api/v1/hearing-templates/${templateId}/restore`, {
      method: "POST",
      token: token.Tanaka,
    });
    expect((await answer({ purpose: "再開" })).status).toBe(200);
  });

  it("hides templates and sheets from other workspaces", async () => {
    const other = await app.workspaceWith("hearing-other", "manager");
    expect((await app.call(`/api/v1/hearing-templates/${templateId}`, { token: other.token })).status).toBe(
      404,
    );
    const patch = await app.call(`/api/v1/hearing-templates/${templateId}`, {
      method: "PATCH",
      token: other.token,
      body: { name: "stolen" },
    });
    expect(patch.status).toBe(404);
    expect(
      (await app.call(`/api/v1/accounts/${accountId}/hearing-sheets`, { token: other.token })).status,
    ).toBe(404);
    // their own account with this workspace's template
    const theirs = (
      (
        await app.call("/api/v1/accounts", {
          method: "POST",
          token: other.token,
          body: { externalId: "O", name: "O" },
        })
      ).body as Json
    ).id;
    const cross = await app.call(`/api/v1/accounts/${theirs}/hearing-sheets/${templateId}`, {
      method: "PUT",
      token: other.token,
      body: { answers: { purpose: "x" } },
    });
    expect(cross.status).toBe(404);
    const theirSheets = (
      (await app.call(`/api/v1/accounts/${theirs}/hearing-sheets`, { token: other.token })).body as Json
    ).items as Json[];
    expect(theirSheets.map((s) => s.template.id)).not.toContain(templateId);
    expect(theirSheets).toHaveLength(1); // their own default template
  });
});
