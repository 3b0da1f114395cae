import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { importCsv } from "../kpis/kpi-fixtures.ts";
import { inWorkspace } from "../platform/db/client.ts";
import { inquiries } from "../platform/db/schema.ts";
import { parseCsv } from "../platform/imports/csv-rows.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { importInquiries } from "./import-inquiries.ts";

describeEachDatabase("inquiries import", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let other: Workspace;
  const db = () => app.services.database.db;
  const run = (csv: string, ws = workspace) => importInquiries(db(), ws, parseCsv(csv));
  const rows = (ws = workspace) =>
    inWorkspace(db(), ws.id, (tx) => tx.select().from(inquiries).where(eq(inquiries.workspaceId, ws.id)));

  beforeAll(async () => {
    app = await startTestApp(kind);
    ({ workspace } = await app.workspaceWith("inq-import"));
    ({ workspace: other } = await app.workspaceWith("inq-other"));
    await importCsv(db(), workspace, "accounts", ["external_id,name", "A-1,アルファ", "A-2,ベータ"]);
    await importCsv(db(), other, "accounts", ["external_id,name", "B-1,他社"]);
  }, 120_000);
  afterAll(() => app?.close());

  it("rejects unknown columns by name and files without the required columns", async () => {
    await expect(run("account_external_id,opened_at,priority\nA-1,2026-01-01,high\n")).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringContaining('"priority"'),
    });
    await expect(run("account_external_id,subject\nA-1,x\n")).rejects.toMatchObject({
      message: expect.stringContaining('"opened_at"'),
    });
  });

  const csv = [
    "\uFEFFexternal_id,account_external_id,opened_at,first_response_at,resolved_at,channel,subject,body",
    'T-1,A-1,2026-01-10T09:00:00+09:00,2026-01-10T11:30:00+09:00,2026-01-11,email,ログインできない,"パスワードを再設定しても\nログインできません"',
    ",A-2,2026-01-12,,,chat,請求書について,", // no external_id: keyed by the whole row
    "T-3,A-1,2026-01-13,2026-01-12,,email,,", // responded before it was opened
    "T-4,A-1,2026-01-13,,2026-01-12T00:00:00Z,email,,", // resolved before it was opened
    "T-5,A-9,2026-01-13,,,email,,", // unknown account
    "T-6,A-2,,,,email,,", // no opened_at
    "T-7,A-2,13/01/2026,,,email,,", // not a date
    "T-1,A-2,2026-01-14,,,email,,", // T-1 again
    "T-8,B-1,2026-01-14,,,email,,", // another workspace's account
  ].join("\n");

  it("imports good rows, names bad rows with line and reason, and re-importing changes nothing", async () => {
    const first = await run(csv);
    expect(first).toMatchObject({ kind: "inquiries", created: 2, updated: 0, unchanged: 0 });
    // The quoted body spans two lines, so the rows after it start one line later.
    expect(first.rejected).toEqual([
      { line: 5, reason: "first_response_at: is before opened_at" },
      { line: 6, reason: "resolved_at: is before opened_at" },
      { line: 7, reason: 'account_external_id: no account has external_id "A-9"' },
      { line: 8, reason: "opened_at: is required" },
      { line: 9, reason: expect.stringMatching(/^opened_at: "13\/01\/2026" is not a date/) },
      { line: 10, reason: "external_id: the same inquiry is already on line 2" },
      { line: 11, reason: 'account_external_id: no account has external_id "B-1"' },
    ]);
    const stored = await rows();
    expect(stored).toHaveLength(2);
    const t1 = stored.find((r) => r.externalId === "T-1")!;
    expect(t1).toMatchObject({
      channel: "email",
      subject: "ログインできない",
      body: "パスワードを再設定しても\nログインできません",
    });
    expect(t1.openedAt.toISOString()).toBe("2026-01-10T00:00:00.000Z");
    expect(t1.firstResponseAt!.toISOString()).toBe("2026-01-10T02:30:00.000Z");
    // A date is midnight in the workspace zone (UTC here).
    expect(t1.resolvedAt!.toISOString()).toBe("2026-01-11T00:00:00.000Z");

    const again = await run(csv);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await rows()).toHaveLength(2);
  });

  it("updates an inquiry by external_id; a changed row without one is a new inquiry", async () => {
    const result = await run(
      [
        "external_id,account_external_id,opened_at,first_response_at,channel,subject",
        "T-1,A-1,2026-01-10T00:00:00Z,2026-01-10T01:00:00Z,email,ログインできない",
        ",A-2,2026-01-12,2026-01-12T03:00:00Z,chat,請求書について",
      ].join("\n"),
    );
    expect(result).toMatchObject({ created: 1, updated: 1, unchanged: 0, rejected: [] });
    const stored = await rows();
    expect(stored).toHaveLength(3);
    const t1 = stored.find((r) => r.externalId === "T-1")!;
    expect(t1.firstResponseAt!.toISOString()).toBe("2026-01-10T01:00:00.000Z");
    // Only the columns in the file are written: body and resolved_at are not in it, so they stay.
    expect(t1.body).toBe("パスワードを再設定しても\nログインできません");
    expect(t1.resolvedAt!.toISOString()).toBe("2026-01-11T00:00:00.000Z");
  });

  it("keeps each workspace's inquiries apart", async () => {
    expect(await run("account_external_id,opened_at\nB-1,2026-01-10\n", other)).toMatchObject({ created: 1 });
    expect(await rows(other)).toHaveLength(1);
    expect((await rows()).every((r) => r.workspaceId === workspace.id)).toBe(true);
    // Another workspace's scope sees none of this one's rows, even without the filter.
    const seen = await inWorkspace(db(), other.id, (tx) => tx.select().from(inquiries));
    expect(seen).toHaveLength(1);
  });
});
