import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { addStaffUser } from "../staff/staff-users.ts";

type Json = Record<string, any>;

describeEachDatabase("team load", (kind) => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp(kind);
    const { workspace, token: t } = await app.workspaceWith("team", "manager");
    token = t;
    const { db } = app.services.database;
    const tanaka = await addStaffUser(
      db,
      workspace.id,
      { email: "tanaka@cs.example", name: "田中 一郎", role: "csm" },
      { canSignIn: false },
    );
    const sato = await addStaffUser(
      db,
      workspace.id,
      { email: "sato@cs.example", name: "佐藤 花子", role: "csm" },
      { canSignIn: false },
    );
    const rows = [
      ...Array.from({ length: 5 }, (_, i) => [`H${i}`, tanaka.userId, "high", i < 2 ? sato.userId : null]),
      ["H5", sato.userId, "high", tanaka.userId],
      ["L1", sato.userId, "low", tanaka.userId],
      ["L2", null, "tech", null],
    ] as const;
    for (const [externalId, owner, touch, backup] of rows)
      await db.execute(sql`insert into accounts (workspace_id, external_id, name, group_id, owner_id, touch_model, segment, backup_owner_id)
        values (${workspace.id}, ${externalId}, ${externalId}, ${externalId}, ${owner}, ${touch}, 'enterprise', ${backup})`);
    await db.execute(sql`insert into accounts (workspace_id, external_id, name, group_id, owner_id, touch_model, lifecycle_phase)
      values (${workspace.id}, 'GONE', 'gone', 'GONE', ${tanaka.userId}, 'high', 'churned')`);
  });
  afterAll(() => app?.close());

  it("counts each CSM's accounts by touch model and warns of concentration, missing backups and unassigned accounts", async () => {
    const res = await app.call("/api/v1/team/load", { token });
    expect(res.status).toBe(200);
    const body = res.body as Json;
    expect(
      body.csms.map((c: Json) => [c.name, c.accounts, c.byTouchModel, c.withoutBackup, c.backupFor]),
    ).toEqual([
      ["田中 一郎", 5, { high: 5 }, 3, 2],
      ["佐藤 花子", 2, { high: 1, low: 1 }, 0, 2],
    ]);
    expect(body.unassigned).toBe(1);
    expect(body.warnings).toEqual([
      {
        code: "high_touch_concentration",
        userId: expect.any(String),
        name: "田中 一郎",
        highTouch: 5,
        share: 5 / 6,
        limit: 0.4,
      },
      { code: "no_backup", userId: expect.any(String), name: "田中 一郎", accounts: 3 },
      { code: "unassigned_accounts", accounts: 1 },
    ]);
  });

  it("uses the workspace's concentration limit", async () => {
    await app.call("/api/v1/settings", { method: "PATCH", token, body: { "team.highTouchShareLimit": 0.9 } });
    const body = (await app.call("/api/v1/team/load", { token })).body as Json;
    expect(body.warnings.map((w: Json) => w.code)).toEqual(["no_backup", "unassigned_accounts"]);
  });
});
