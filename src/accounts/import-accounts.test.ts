import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase } from "../../test/support/test-database.ts";
import { type Database, openDatabase } from "../platform/db/client.ts";
import { accounts, contacts, memberships, users } from "../platform/db/schema.ts";
import { parseCsv } from "../platform/imports/csv-rows.ts";
import { workspaceSettings } from "../workspaces/workspace-settings.ts";
import { createWorkspace, type Workspace } from "../workspaces/workspaces.ts";
import { importAccounts } from "./import-accounts.ts";
import { importContacts } from "./import-contacts.ts";

const BOM = "\uFEFF";
const goodAccounts = `${BOM}external_id,name,group_id,industry,employees,annual_revenue,plan,contract_start,contract_value,owner_email,touch_model,lifecycle_phase,region
A-1,株式会社さくら,grp-1,製造業,"1,200",5000000000,premium,2026-04-01,3600000,tanaka@cs.example,high,onboarding,関東
A-2,"Bluefin, Inc.",,IT,45,,light,2026-04-15T09:00:00+09:00,,,tech touch,,
A-3,"Multi
line KK",,,,,,,,,,,関西
`;

describeEachDatabase("account and contact imports", (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  let ws: Workspace;

  beforeAll(async () => {
    const test = await createTestDatabase(kind);
    drop = test.drop;
    database = await openDatabase(test.target);
    await database.migrate();
    ws = await createWorkspace(database.db, { slug: "imp", name: "Import" });
    ws.settings = workspaceSettings.parse({ timezone: "Asia/Tokyo" });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const row = async (externalId: string) =>
    (
      await database.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.workspaceId, ws.id), eq(accounts.externalId, externalId)))
    )[0]!;

  it("stores every valid row whole, with dates in the workspace time zone and custom attributes", async () => {
    const result = await importAccounts(database.db, ws, parseCsv(goodAccounts));
    expect(result).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: [] });
    const a1 = await row("A-1");
    expect(a1).toMatchObject({
      name: "株式会社さくら",
      groupId: "grp-1",
      employees: 1200,
      annualRevenue: 5_000_000_000,
      plan: "premium",
    });
    expect(a1.contractStart!.toISOString()).toBe("2026-03-31T15:00:00.000Z");
    expect(a1.touchModelOverride).toBe("high");
    expect(a1.custom).toEqual({ region: "関東" });
    const a2 = await row("A-2");
    expect(a2).toMatchObject({
      name: "Bluefin, Inc.",
      groupId: "A-2",
      touchModelOverride: "tech",
      lifecyclePhase: "onboarding",
      custom: {},
    });
    expect(a2.contractStart!.toISOString()).toBe("2026-04-15T00:00:00.000Z");
    expect((await row("A-3")).name).toBe("Multi\nline KK");
    const [owner] = await database.db
      .select({ role: memberships.role, name: users.name })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(users.email, "tanaka@cs.example"));
    expect(owner).toMatchObject({ role: "csm" });
    expect(a1.ownerId).not.toBeNull();
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await row("A-1");
    const again = await importAccounts(database.db, ws, parseCsv(goodAccounts));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: [] });
    expect((await row("A-1")).updatedAt).toEqual(before.updatedAt);
  });

  it("updates only the columns the file has, and an empty cell clears its value", async () => {
    const result = await importAccounts(
      database.db,
      ws,
      parseCsv("external_id,name,plan,region\nA-1,株式会社さくら,middle,\n"),
    );
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const a1 = await row("A-1");
    expect(a1).toMatchObject({ plan: "middle", employees: 1200, industry: "製造業", custom: {} });
  });

  it("rejects bad rows with their line and reason and stores the good ones", async () => {
    const csv = `external_id,name,employees,contract_start,touch_model,owner_email
B-1,Good One,10,2026-01-05,low,
B-2,,10,,,
B-3,Bad number,many,,,
B-4,Bad date,,2026-13-01,,
B-5,"Quoted
over lines",,,sky touch,
B-1,Duplicate,,,,
B-6,Bad owner,,,,not-an-email
B-7,Good Two,,,,
`;
    const result = await importAccounts(database.db, ws, parseCsv(csv));
    expect(result.created).toBe(2);
    expect(result.rejected).toEqual([
      { line: 3, reason: "name: is required" },
      { line: 4, reason: 'employees: "many" is not a number' },
      { line: 5, reason: 'contract_start: "2026-13-01" is not a date (YYYY-MM-DD) or ISO-8601 instant' },
      { line: 6, reason: 'touch_model: "sky touch" must be one of high, low, tech, community' },
      { line: 8, reason: 'external_id: "B-1" is already on line 2' },
      {
        line: 9,
        reason: 'owner_email: "not-an-email" is neither an e-mail address nor the name of a staff user',
      },
    ]);
    for (const id of ["B-2", "B-3", "B-4", "B-5", "B-6"]) expect(await row(id)).toBeUndefined();
  });

  it("refuses a file without the required columns", async () => {
    await expect(importAccounts(database.db, ws, parseCsv("name\nx\n"))).rejects.toThrow(
      /no "external_id" column/,
    );
  });

  it("imports contacts by e-mail, rejecting unknown accounts and unknown columns", async () => {
    const csv = `account_external_id,email,name,role,literacy
A-1,Misaki.Sato@sakura.example,佐藤 美咲,champion,high
A-1,daisuke@sakura.example,鈴木 大輔,決裁者,low
NOPE,x@nowhere.example,,,
A-2,bad-email,,,
A-2,ann@bluefin.example,Ann,boss,
`;
    const result = await importContacts(database.db, ws, parseCsv(csv));
    expect(result).toMatchObject({ created: 2, updated: 0 });
    expect(result.rejected.map((r) => r.line)).toEqual([4, 5, 6]);
    expect(result.rejected[0]!.reason).toContain('no account has external_id "NOPE"');
    const [misaki] = await database.db
      .select()
      .from(contacts)
      .where(eq(contacts.email, "misaki.sato@sakura.example"));
    expect(misaki).toMatchObject({ role: "champion", literacy: "high", name: "佐藤 美咲" });
    expect(await importContacts(database.db, ws, parseCsv(csv))).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const moved = await importContacts(
      database.db,
      ws,
      parseCsv("account_external_id,email\nA-2,daisuke@sakura.example\n"),
    );
    expect(moved).toMatchObject({ updated: 1 });
    await expect(
      importContacts(database.db, ws, parseCsv("account_external_id,email,phone\nA-1,a@b.example,1\n")),
    ).rejects.toThrow(/Unknown column "phone"/);
  });
});
