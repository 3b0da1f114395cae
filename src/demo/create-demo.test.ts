import { verifyPassword } from "better-auth/crypto";
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, rowsOf } from "../platform/db/client.ts";
import { accounts, authCredentials, contacts, users } from "../platform/db/schema.ts";
import { listStaff } from "../staff/staff-users.ts";
import { createWorkspace, findWorkspace } from "../workspaces/workspaces.ts";
import { createDemoWorkspace, DEMO_SEED, ensureDemoOnFirstStart } from "./create-demo.ts";
import { generateDemoAccount } from "./demo-data.ts";
import { generateAccounts } from "./generate-workspace.ts";
import { signInHint } from "./sign-in-hint.ts";

const now = new Date("2026-05-15T03:00:00Z");

describe("the demo workspace", () => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    await database.migrate();
  });
  afterAll(() => database.close());

  const countIn = async (table: typeof accounts | typeof contacts, workspaceId: string) => {
    const [row] = await database.db
      .select({ n: count() })
      .from(table)
      .where(eq(table.workspaceId, workspaceId));
    return row!.n;
  };

  it("is created on first start with ~400 accounts, their contacts, a CS team and the demo sign-in", async () => {
    expect(await ensureDemoOnFirstStart(database.db, { now })).toBe(true);
    const workspace = (await findWorkspace(database.db, "demo"))!;
    expect(workspace.name).toBe("デモ株式会社 (Demo)");
    expect(workspace.settings.timezone).toBe("Asia/Tokyo");
    expect(workspace.settings["activation.events"]).toEqual(["Tutorial Completed", "First Data Imported"]);

    expect(await countIn(accounts, workspace.id)).toBe(400);
    expect(await countIn(contacts, workspace.id)).toBeGreaterThan(400);

    const staff = await listStaff(database.db, workspace.id);
    const admin = staff.find((s) => s.email === "demo@embark.example");
    expect(admin).toMatchObject({ role: "admin", name: "デモ管理者", canSignIn: true });
    expect(staff.filter((s) => s.role === "csm")).toHaveLength(8);
    expect(staff.filter((s) => s.role === "manager")).toHaveLength(1);
    expect(staff.filter((s) => s.canSignIn)).toHaveLength(1);

    const [credential] = await database.db
      .select({ hash: authCredentials.password })
      .from(authCredentials)
      .innerJoin(users, eq(users.id, authCredentials.userId))
      .where(eq(users.email, "demo@embark.example"));
    expect(await verifyPassword({ hash: credential!.hash!, password: "embark-demo" })).toBe(true);
    expect(await signInHint(database.db)).toEqual({ email: "demo@embark.example", password: "embark-demo" });
  });

  it("gives every demo account an owner, one CSM more than the others", async () => {
    const workspace = (await findWorkspace(database.db, "demo"))!;
    const load = await database.db
      .select({ owner: accounts.ownerId, n: count() })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, workspace.id), isNotNull(accounts.ownerId)))
      .groupBy(accounts.ownerId)
      .orderBy(sql`count(*) desc`);
    expect(load).toHaveLength(8);
    expect(load.reduce((sum, l) => sum + l.n, 0)).toBe(400);
    expect(load[0]!.n).toBeGreaterThan(1.5 * load[1]!.n);
  });

  it("classifies every demo account, gives most a backup CSM and ships a hearing template", async () => {
    const workspace = (await findWorkspace(database.db, "demo"))!;
    const rows = rowsOf<{
      n: number;
      segmented: number;
      touched: number;
      backed: number;
      self_backed: number;
      templates: number;
    }>(
      await database.db.execute(sql`
        select count(*)::int as n, count(segment)::int as segmented, count(touch_model)::int as touched,
               count(backup_owner_id)::int as backed, count(*) filter (where backup_owner_id = owner_id)::int as self_backed,
               (select count(*)::int from hearing_templates where workspace_id = ${workspace.id}) as templates
        from accounts where workspace_id = ${workspace.id}`),
    );
    const r = rows[0]!;
    expect(r.segmented).toBe(r.n);
    expect(r.touched).toBe(r.n);
    expect(r.backed / r.n).toBeGreaterThan(0.5);
    expect(r.backed).toBeLessThan(r.n);
    expect(r.self_backed).toBe(0);
    expect(r.templates).toBe(1);
  });

  it("has support inquiries by channel, answered within hours and some still open, for the response-time KPI", async () => {
    const workspace = (await findWorkspace(database.db, "demo"))!;
    const [r] = rowsOf<{ n: number; channels: number; unanswered: number; japanese: number }>(
      await database.db.execute(sql`
        select count(*)::int as n, count(distinct channel)::int as channels,
               count(*) filter (where first_response_at is null)::int as unanswered,
               count(*) filter (where subject ~ '[ぁ-んァ-ン一-龥]')::int as japanese
        from inquiries where workspace_id = ${workspace.id}`),
    );
    expect(r!.n).toBeGreaterThan(200);
    expect(r!.channels).toBe(4);
    expect(r!.unanswered).toBeGreaterThan(0);
    expect(r!.unanswered / r!.n).toBeLessThan(0.1);
    expect(r!.japanese).toBe(r!.n);
    const { computeKpis } = await import("../kpis/compute-kpis.ts");
    const april = await computeKpis(database.db, workspace, { from: "2026-04-01", asOf: now.toISOString() });
    expect(april.kpis.avg_first_response_hours.n).toBeGreaterThan(10);
    expect(april.kpis.avg_first_response_hours.value).toBeGreaterThan(1);
    expect(april.kpis.avg_first_response_hours.value).toBeLessThan(24);
  });

  it("stores each account and its contacts exactly as generated", async () => {
    const workspace = (await findWorkspace(database.db, "demo"))!;
    for (const number of [1, 2, 3, 57, 400]) {
      const expected = generateDemoAccount(DEMO_SEED, number, now);
      const [stored] = await database.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.workspaceId, workspace.id), eq(accounts.externalId, expected.externalId)));
      expect(stored).toMatchObject({
        name: expected.name,
        groupId: expected.groupId,
        industry: expected.industry,
        employees: expected.employees,
        annualRevenue: expected.annualRevenue,
        plan: expected.plan,
        contractStart: expected.contractStart,
        contractValue: expected.contractValue,
        lifecyclePhase: expected.lifecyclePhase,
        churnedAt: expected.churnedAt,
        churnReason: expected.churnReason,
        custom: expected.custom,
        touchModelOverride: null,
      });
      const people = await database.db
        .select({
          email: contacts.email,
          name: contacts.name,
          role: contacts.role,
          literacy: contacts.literacy,
        })
        .from(contacts)
        .where(eq(contacts.accountId, stored!.id));
      expect(people).toHaveLength(expected.contacts.length);
      expect(people).toEqual(
        expect.arrayContaining(
          expected.contacts.map(({ email, name, role, literacy }) => ({ email, name, role, literacy })),
        ),
      );
    }
  });

  it("does nothing the second time", async () => {
    expect(await createDemoWorkspace(database.db, { now })).toBeNull();
    expect(await ensureDemoOnFirstStart(database.db, { now })).toBe(false);
    const workspace = (await findWorkspace(database.db, "demo"))!;
    expect(await countIn(accounts, workspace.id)).toBe(400);
  });

  it("generates 5,000 accounts with their contacts", async () => {
    const workspace = await createWorkspace(database.db, { slug: "big-5000", name: "Big" });
    const demo = (await findWorkspace(database.db, "demo"))!;
    const ownerIds = (await listStaff(database.db, demo.id)).filter((s) => s.role === "csm").map((s) => s.id);
    const progress: number[] = [];
    const started = performance.now();
    const written = await generateAccounts(database.db, workspace.id, {
      accounts: 5_000,
      seed: 3,
      now,
      ownerIds,
      onProgress: (done) => progress.push(done),
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `generateAccounts on PGlite: ${written.accounts} accounts + ${written.contacts} contacts in ${seconds.toFixed(2)} s`,
    );
    expect(written.accounts).toBe(5_000);
    expect(await countIn(accounts, workspace.id)).toBe(5_000);
    expect(await countIn(contacts, workspace.id)).toBe(written.contacts);
    expect(progress.at(-1)).toBe(5_000);
  });
});
