import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { type Database, inWorkspace, openDatabase, rowsOf } from "../platform/db/client.ts";
import { formatImportResult, importFile } from "../platform/imports/import-file.ts";
import { workspaceSettings } from "../workspaces/workspace-settings.ts";
import { createWorkspace, type Workspace } from "../workspaces/workspaces.ts";

const lines = [
  JSON.stringify({ type: "group", userId: "u1", groupId: "acme", timestamp: "2026-10-01T00:00:00Z" }),
  JSON.stringify({
    type: "track",
    userId: "u1",
    event: "Tutorial Completed",
    timestamp: "2026-10-01T01:00:00Z",
  }),
  "",
  "{not json",
  JSON.stringify({ type: "track", event: "Nobody" }),
  JSON.stringify({
    type: "track",
    messageId: "keep-me",
    anonymousId: "a1",
    event: "Page Viewed",
    context: { groupId: "acme" },
    receivedAt: "2026-10-02T00:00:00Z",
    timestamp: "2026-10-02T00:00:00Z",
  }),
];

describeEachDatabase("embark import events", (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  let ws: Workspace;
  const file = path.join(mkdtempSync(path.join(tmpdir(), "embark-events-")), "events.ndjson");
  beforeAll(async () => {
    const test = await createTestDatabase(kind);
    drop = test.drop;
    database = await openDatabase(test.target);
    await database.migrate();
    ws = await createWorkspace(database.db, { slug: "ev", name: "Events" });
    ws.settings = workspaceSettings.parse({ "activation.events": "Tutorial Completed" });
    await inWorkspace(database.db, ws.id, (tx) =>
      createAccount(tx, ws, { externalId: "acme", name: "Acme" }),
    );
    writeFileSync(file, `${lines.join("\n")}\n`);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("stores each line once, names rejected lines, and changes nothing the second time", async () => {
    const first = await importFile(database.db, ws, "events", file);
    expect(formatImportResult(first)).toEqual([
      "events: 3 created, 0 updated, 0 unchanged, 2 rejected",
      "line 4: not valid JSON",
      "line 5: userId or anonymousId is required",
    ]);
    const again = await importFile(database.db, ws, "events", file);
    expect(again).toMatchObject({ created: 0, unchanged: 3 });

    const [facts] = rowsOf<{ events: number; activated: string | null }>(
      await database.db.execute(sql`select (select count(*)::int from events where workspace_id = ${ws.id}) as events,
        (select activated_at from accounts where workspace_id = ${ws.id} and external_id = 'acme') as activated`),
    );
    expect(facts!.events).toBe(3);
    expect(new Date(facts!.activated!).toISOString()).toBe("2026-10-01T01:00:00.000Z");
    const [kept] = rowsOf<{ received: string }>(
      await database.db.execute(sql`select received_at as received from events where message_id = 'keep-me'`),
    );
    expect(new Date(kept!.received).toISOString()).toBe("2026-10-02T00:00:00.000Z");
  });
});
