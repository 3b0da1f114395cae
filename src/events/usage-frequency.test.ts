import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { type Database, inWorkspace, openDatabase, rowsOf } from "../platform/db/client.ts";
import { createWorkspace, type Workspace } from "../workspaces/workspaces.ts";
import { readMessage, type UsageMessage } from "./segment-message.ts";
import { storeMessages } from "./store-events.ts";
import { refreshUsageFrequency } from "./usage-frequency.ts";

const DAY = 86_400_000;

describeEachDatabase("usage frequency from events", (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  let ws: Workspace;
  let accountId: string;
  const now = new Date("2026-11-20T03:00:00Z");
  beforeAll(async () => {
    const test = await createTestDatabase(kind);
    drop = test.drop;
    database = await openDatabase(test.target);
    await database.migrate();
    ws = await createWorkspace(database.db, { slug: "freq", name: "Frequency" });
    accountId = await inWorkspace(database.db, ws.id, async (tx) => {
      const account = await createAccount(tx, ws, { externalId: "acme", name: "Acme", touchModel: null });
      const messages = Array.from({ length: 20 }, (_, i) =>
        readMessage(
          {
            type: "track",
            userId: "u",
            event: "Used",
            timestamp: new Date(now.getTime() - i * DAY).toISOString(),
            context: { groupId: "acme" },
          },
          { receivedAt: now },
        ),
      ).map((r) => (r as { message: UsageMessage }).message);
      await storeMessages(tx, ws, messages);
      return account.id;
    });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const facts = async () =>
    rowsOf<{ usage_frequency: string; touch_model: string }>(
      await database.db.execute(
        sql`select usage_frequency, touch_model from accounts where id = ${accountId}`,
      ),
    )[0]!;

  it("is daily while the product is used most days, and falls as days without use pass", async () => {
    await inWorkspace(database.db, ws.id, (tx) => refreshUsageFrequency(tx, ws, [accountId], now));
    expect((await facts()).usage_frequency).toBe("daily");
    await inWorkspace(database.db, ws.id, (tx) =>
      refreshUsageFrequency(tx, ws, undefined, new Date(now.getTime() + 25 * DAY)),
    );
    expect((await facts()).usage_frequency).toBe("monthly");
    await inWorkspace(database.db, ws.id, (tx) =>
      refreshUsageFrequency(tx, ws, undefined, new Date(now.getTime() + 40 * DAY)),
    );
    expect((await facts()).usage_frequency).toBe("inactive");
  });

  it("lets the touch-model policy react to the drop (tech touch → low touch), with the history kept", async () => {
    const history = rowsOf<{ from_model: string; to_model: string; source: string }>(
      await database.db.execute(sql`select from_model, to_model, source from touch_model_changes
        where account_id = ${accountId} order by changed_at`),
    );
    expect(history).toEqual([
      { from_model: null, to_model: "tech", source: "rule" },
      { from_model: "tech", to_model: "low", source: "signal" },
    ]);
    expect(await facts()).toEqual({ usage_frequency: "inactive", touch_model: "low" });
  });
});
