import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase } from "../../../test/support/test-database.ts";
import { type Database, openDatabase, rowsOf } from "./client.ts";

describeEachDatabase("row-level security", (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const test = await createTestDatabase(kind);
    drop = test.drop;
    database = await openDatabase(test.target);
    await database.migrate();
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("guards every table that holds a workspace's rows", async () => {
    const tables = rowsOf<{ table: string; rls: boolean; policies: number }>(
      await database.db.execute(sql`
        select c.relname as table, c.relrowsecurity as rls,
               (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r'
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped)
        order by 1`),
    );
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const t of tables) expect(t, t.table).toMatchObject({ rls: true, policies: 1 });
  });

  it("reads the workspace once per statement, not once per row", async () => {
    const policies = rowsOf<{ table: string; qual: string }>(
      await database.db.execute(sql`
        select tablename as table, qual from pg_policies
        where schemaname = current_schema() and policyname = 'workspace_isolation'`),
    );
    expect(policies.length).toBeGreaterThanOrEqual(40);
    for (const p of policies) expect(p.qual, p.table).toMatch(/= \( SELECT embark_workspace_id\(\)/);
  });

  it("lets the application role see nothing without a workspace", async () => {
    const seen = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'embark_app', true)`);
      return rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from accounts`));
    });
    expect(seen[0]!.n).toBe(0);
  });
});
