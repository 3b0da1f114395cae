import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { importAccounts } from "../accounts/import-accounts.ts";
import { parseCsv } from "../platform/imports/csv-rows.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { importOnboardings } from "./import-onboardings.ts";

type Json = Record<string, any>;

describeEachDatabase("onboardings import", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    ({ workspace, token } = await app.workspaceWith("onb-import", "admin"));
    await importAccounts(
      app.services.database.db,
      workspace,
      parseCsv("external_id,name\nA-1,Alpha\nA-2,Beta\nA-3,Gamma\nA-4,Delta\n"),
    );
  });
  afterAll(() => app?.close());

  const run = (csv: string) => importOnboardings(app.services.database.db, workspace, parseCsv(csv));

  it("rejects unknown columns by name, and files without the key columns", async () => {
    await expect(run("account_external_id,started_at,owner\nA-1,2026-01-01,x\n")).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringContaining('"owner"'),
    });
    await expect(run("account_external_id,target_date\nA-1,2026-01-01\n")).rejects.toMatchObject({
      message: expect.stringContaining('"started_at"'),
    });
  });

  it("imports history with per-row errors, idempotently", async () => {
    const csv = [
      "account_external_id,started_at,target_date,completed_at",
      "A-1,2025-01-10,2025-03-10,2025-03-01",
      "A-1,2026-01-05,2026-03-05,",
      "A-2,2025-06-01T09:00:00+09:00,2025-08-01,2025-07-20T18:00:00+09:00",
      "NOPE,2025-01-01,,",
      "A-3,not-a-date,,",
      "A-3,2025-05-01,2025-04-01,",
      "A-3,2025-05-01,,2025-04-01",
      "A-1,2025-01-10,,2025-03-01",
      "A-1,2026-02-01,,",
    ].join("\n");
    const first = await run(csv);
    expect(first).toMatchObject({ kind: "onboardings", created: 3, updated: 0, unchanged: 0 });
    expect(first.rejected).toEqual([
      { line: 5, reason: 'account_external_id: no account has external_id "NOPE"' },
      { line: 6, reason: 'started_at: "not-a-date" is not a date (YYYY-MM-DD) or ISO-8601 instant' },
      { line: 7, reason: "target_date: is before started_at" },
      { line: 8, reason: "completed_at: is before started_at" },
      { line: 9, reason: "started_at: this account's onboarding started then is already on line 2" },
      {
        line: 10,
        reason:
          "completed_at: is empty, but the account already has a running onboarding (started on another date)",
      },
    ]);
    const again = await run(csv);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });

    const all = await app.call("/api/v1/onboardings?status=all", { token });
    const items = (all.body as Json).items as Json[];
    expect(items).toHaveLength(3);
    const completed = items.filter((i) => i.status === "completed");
    expect(completed).toHaveLength(2);
    expect(completed.every((i) => i.progress === 1)).toBe(true);
    const running = items.find((i) => i.completedAt === null)!;
    expect(running).toMatchObject({ targetDate: "2026-03-05", accountName: "Alpha" });
    expect(["on_track", "at_risk", "overdue"]).toContain(running.status);
    expect((all.body as Json).counts.completed).toBe(2);

    // a change is an update; completing the running one works too
    const changed = await run("account_external_id,started_at,completed_at\nA-1,2026-01-05,2026-02-20\n");
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: [] });
    const after = await app.call(`/api/v1/onboardings/${running.id}`, { token });
    expect(after.body).toMatchObject({
      status: "completed",
      completionSource: "import",
      targetDate: "2026-03-05",
    });
  });

  it("never gives an account two running onboardings, even from a file without completed_at", async () => {
    const result = await run("account_external_id,started_at\nA-4,2026-02-01\nA-4,2026-02-15\n");
    expect(result.created).toBe(1);
    expect(result.rejected).toEqual([
      {
        line: 3,
        reason:
          "completed_at: is empty, but the account already has a running onboarding (started on another date)",
      },
    ]);
    expect((await run("account_external_id,started_at\nA-4,2026-03-01\n")).rejected).toHaveLength(1);
  });
});
