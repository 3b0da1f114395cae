import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { insertOnboarding } from "../follow-up/follow-up-fixtures.ts";
import { followUpSuggestions, surveyResponses, timelineEntries } from "../platform/db/schema.ts";
import { parseCsv } from "../platform/imports/csv-rows.ts";
import { importFile } from "../platform/imports/import-file.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { importSurveyResponses } from "./import-survey-responses.ts";
import { insertContact } from "./survey-fixtures.ts";

type Json = Record<string, any>;

describeEachDatabase("survey-responses import", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let token: string;
  let alpha: { accountId: string };
  let beta: { accountId: string };
  const db = () => app.services.database.db;
  const run = (csv: string) => importSurveyResponses(db(), workspace, parseCsv(csv));
  const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();

  beforeAll(async () => {
    app = await startTestApp(kind);
    ({ workspace, token } = await app.workspaceWith("sv-import", "admin"));
    alpha = await insertOnboarding(db(), workspace.id, {
      name: "A-1",
      touchModel: "high",
      startedDaysAgo: 30,
      targetInDays: 30,
    });
    beta = await insertOnboarding(db(), workspace.id, {
      name: "A-2",
      touchModel: "low",
      startedDaysAgo: 30,
      targetInDays: 30,
    });
    await insertContact(db(), workspace.id, alpha.accountId, { email: "yamada@a1.example", name: "山田" });
  });
  afterAll(() => app?.close());

  it("rejects unknown columns by name and files without the required columns", async () => {
    await expect(
      run("account_external_id,survey,score,answered_at,channel\nA-1,nps,9,2026-01-01,x\n"),
    ).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringContaining('"channel"'),
    });
    await expect(run("account_external_id,survey,answered_at\nA-1,nps,2026-01-01\n")).rejects.toMatchObject({
      message: expect.stringContaining('"score"'),
    });
  });

  it("imports good rows, names bad rows with line and reason, and re-importing changes nothing", async () => {
    const csv = [
      "account_external_id,survey,score,answered_at,contact_email,comment",
      "A-1,nps,9,2026-01-10,yamada@a1.example,とても使いやすい",
      "A-1,nps,3,2025-10-01,,サポートの返信が遅い",
      "A-2,csat,4,2026-02-01T10:00:00+09:00,,",
      "A-2,CSAT,1,2026-02-02,someone@a2.example,",
      "NOPE,nps,5,2026-01-01,,",
      "A-1,nps,11,2026-01-01,,",
      "A-1,csat,0,2026-01-01,,",
      "A-1,ces,3,2026-01-01,,",
      "A-1,nps,7,yesterday,,",
      "A-1,nps,8,2026-01-10,bad-email,",
      "A-1,nps,9,2026-01-10,yamada@a1.example,重複",
      `A-2,nps,2,${recent},,最近の低評価`,
    ].join("\n");
    const first = await run(csv);
    expect(first).toMatchObject({ kind: "survey-responses", created: 5, updated: 0, unchanged: 0 });
    expect(first.rejected).toEqual([
      { line: 6, reason: 'account_external_id: no account has external_id "NOPE"' },
      { line: 7, reason: "score: must be at most 10" },
      { line: 8, reason: "score: must be at least 1" },
      { line: 9, reason: 'survey: "ces" must be one of nps, csat' },
      { line: 10, reason: 'answered_at: "yesterday" is not a date (YYYY-MM-DD) or ISO-8601 instant' },
      { line: 11, reason: 'contact_email: "bad-email" is not an e-mail address' },
      { line: 12, reason: "answered_at: the same answer is already on line 2" },
    ]);
    const rows = await db()
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.workspaceId, workspace.id));
    expect(rows.filter((r) => r.source === "import")).toHaveLength(5);
    const yamada = rows.find((r) => r.contactEmail === "yamada@a1.example");
    expect(yamada).toMatchObject({ kind: "nps", score: 9, comment: "とても使いやすい" });
    expect(yamada!.contactId).not.toBeNull();

    // Old detractors are history; a recent one is acted on.
    const followUps = await db()
      .select()
      .from(followUpSuggestions)
      .where(eq(followUpSuggestions.workspaceId, workspace.id));
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ accountId: beta.accountId, trigger: "detractor" });
    const timeline = await db()
      .select()
      .from(timelineEntries)
      .where(eq(timelineEntries.kind, "survey_response"));
    expect(timeline.filter((e) => e.accountId === alpha.accountId)).toHaveLength(2);

    const again = await run(csv);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    expect(again.rejected).toHaveLength(7);
    const changed = await run(
      "account_external_id,survey,score,answered_at,contact_email,comment\nA-1,nps,10,2026-01-10,yamada@a1.example,とても使いやすい\n",
    );
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(
      await db().select().from(followUpSuggestions).where(eq(followUpSuggestions.workspaceId, workspace.id)),
    ).toHaveLength(1);

    const list = (await app.call("/api/v1/survey-responses?kind=nps", { token })).body as Json;
    expect(list.summary.nps).toMatchObject({ n: 3, promoters: 1, detractors: 2 });
  });

  it("is a kind of the import screen, through a column mapping", async () => {
    const form = new FormData();
    form.set("file", new Blob(["会社ID,種類,点数,回答日\nA-2,csat,5,2026-03-02\n"]), "nps.csv");
    form.set(
      "mapping",
      JSON.stringify({ 会社ID: "account_external_id", 種類: "survey", 点数: "score", 回答日: "answered_at" }),
    );
    const res = await fetch(`${app.url}/api/v1/imports/survey-responses`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: "survey-responses", created: 1, rejected: [] });
  });

  it("is a kind of `embark import`", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "sv-")), "responses.csv");
    writeFileSync(file, "\uFEFFaccount_external_id,survey,score,answered_at\nA-2,nps,8,2026-03-01\n");
    expect(await importFile(db(), workspace, "survey-responses", file)).toMatchObject({ created: 1 });
  });
});
