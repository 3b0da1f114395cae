import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { inWorkspace } from "../platform/db/client.ts";
import { mailOutbox } from "../platform/db/schema.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { monthsToCheck, runKpiAlertJob } from "./kpi-alerts-job.ts";
import { importCsv } from "./kpi-fixtures.ts";

type Json = Record<string, any>;

describe("monthsToCheck", () => {
  it("checks the month just ended, and the running one only after its middle", () => {
    expect(monthsToCheck("2026-04-03")).toEqual([{ from: "2026-03-01", to: "2026-04-01" }]);
    expect(monthsToCheck("2026-01-20")).toEqual([
      { from: "2025-12-01", to: "2026-01-01" },
      { from: "2026-01-01", to: "2026-02-01" },
    ]);
  });
});

describeEachDatabase("KPI alert job", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let admin: string;
  // Day 20 of April 2026: March has ended and April is past its middle.
  const now = new Date("2026-04-20T03:00:00Z");

  const outbox = () =>
    inWorkspace(app.services.database.db, workspace.id, (tx) =>
      tx
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.workspaceId, workspace.id))),
    );

  beforeAll(async () => {
    app = await startTestApp(kind);
    ({ workspace, token: admin } = await app.workspaceWith("kpi-alerts", "admin"));
    const { db } = app.services.database;
    await addStaffUser(db, workspace.id, {
      email: "manager@kpi-alerts.example",
      role: "manager",
      name: "マネージャー",
    });
    await addStaffUser(db, workspace.id, { email: "csm@kpi-alerts.example", role: "csm", name: "CSM" });
    await importCsv(db, workspace, "accounts", ["external_id,name", "A1,アルファ", "A2,ベータ"]);
    await importCsv(db, workspace, "survey-responses", [
      "account_external_id,survey,score,answered_at",
      "A1,csat,2,2026-03-05",
      "A2,csat,5,2026-03-06",
      "A1,csat,1,2026-04-02",
    ]);
    const target = await app.call("/api/v1/kpi-targets", {
      method: "POST",
      token: admin,
      body: {
        kpiId: "csat",
        effectiveFrom: "2026-01-01",
        value: 0.8,
        warningBand: 0.05,
        reviewOn: "2026-04-01",
      },
    });
    expect(target.status).toBe(201);
  }, 120_000);
  afterAll(() => app?.close());

  it("does nothing while the workspace has not turned notifications on", async () => {
    expect(await runKpiAlertJob(app.services.database.db, app.url, now)).toEqual({ alerts: 0, reviews: 0 });
    expect(await outbox()).toEqual([]);
  });

  it("notifies managers and admins by e-mail and the chat webhook once per alert and due review", async () => {
    const settings = await app.call("/api/v1/settings", {
      method: "PATCH",
      token: admin,
      body: {
        "kpi.alertNotifications": "both",
        "notifications.chatWebhookUrl": "https://hooks.example/kpi",
        "mail.language": "ja",
      },
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    // CSAT: March 1 of 2 (50%), April 0 of 1 (0%) against 80% ± 5; the target's review came on April 1.
    expect(await runKpiAlertJob(app.services.database.db, app.url, now)).toEqual({ alerts: 2, reviews: 1 });
    const rows = await outbox();
    const mails = rows.filter((r) => r.channel === "email");
    expect(mails.map((m) => m.to).sort()).toEqual(["admin@kpi-alerts.example", "manager@kpi-alerts.example"]);
    const mail = mails[0]!;
    expect(mail.category).toBe("kpi_alert");
    expect(mail.subject).toBe("【KPIアラート】目標を下回っているKPIが2件あります");
    expect(mail.text).toContain("顧客満足度 (CSAT)（全体、2026年3月）: 50%（目標 80%）");
    expect(mail.text).toContain("顧客満足度 (CSAT)（全体、2026年4月）: 0%（目標 80%）");
    expect(mail.text).toContain("2026-04-01 に見直し時期を迎えました");
    expect(mail.text).toContain(`${app.url}/dashboard/targets`);
    const chats = rows.filter((r) => r.channel === "chat");
    expect(chats).toHaveLength(1);
    expect(chats[0]!.text).toContain("【KPIアラート】");

    // A second run (or a second instance) finds nothing new.
    expect(await runKpiAlertJob(app.services.database.db, app.url, now)).toEqual({ alerts: 0, reviews: 0 });
    expect(await outbox()).toHaveLength(rows.length);
  });

  it("sends only what is new: a scoped alert that appears later goes out alone", async () => {
    await app.call("/api/v1/settings", {
      method: "PATCH",
      token: admin,
      body: { "kpi.alertNotifications": "email" },
    });
    const created = await app.call("/api/v1/kpi-targets", {
      method: "POST",
      token: admin,
      body: {
        kpiId: "csat",
        scope: { dimension: "segment", value: "small" },
        effectiveFrom: "2026-03-01",
        value: 0.9,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const before = (await outbox()).length;
    expect(await runKpiAlertJob(app.services.database.db, app.url, now)).toEqual({ alerts: 2, reviews: 0 });
    const added = (await outbox()).slice(before);
    expect(added.map((r) => r.channel)).toEqual(["email", "email"]);
    expect(added[0]!.text).toContain("セグメント: small");
    const alerts = (await app.call("/api/v1/kpis/alerts?from=2026-03-01&to=2026-04-01", { token: admin }))
      .body as Json;
    expect(alerts.alerts.map((a: Json) => a.scope?.value ?? null)).toEqual([null, "small"]);
  });
});
