import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { mailOutbox } from "../platform/db/schema.ts";
import { changeSettings } from "../workspaces/workspace-settings.ts";
import { updateSettings, type Workspace } from "../workspaces/workspaces.ts";
import { dueReportMonth, runMonthlyReportMail } from "./monthly-report-mail.ts";
import { loadReportData } from "./report-fixtures.ts";

type Json = Record<string, any>;

describe("dueReportMonth", () => {
  it("is last month from 09:00 on the 1st to the end of the 3rd, workspace time", () => {
    const tokyo = (iso: string) => dueReportMonth("Asia/Tokyo", new Date(iso));
    expect(tokyo("2026-03-31T23:59:00Z")).toBeNull(); // 08:59 on 1 April in Tokyo
    expect(tokyo("2026-04-01T00:00:00Z")).toBe("2026-03"); // 09:00
    expect(tokyo("2026-04-03T14:59:00Z")).toBe("2026-03"); // 23:59 on the 3rd
    expect(tokyo("2026-04-03T15:00:00Z")).toBeNull(); // the 4th
    expect(dueReportMonth("UTC", new Date("2026-01-01T09:30:00Z"))).toBe("2025-12");
  });
});

describeEachDatabase("the monthly report e-mail", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let managerToken: string;
  let csmToken: string;
  const db = () => app.services.database.db;
  const reportMails = async (ws = workspace) =>
    db()
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.workspaceId, ws.id), like(mailOutbox.subject, "【月次KPIレポート】%")));

  beforeAll(async () => {
    app = await startTestApp(kind);
    const made = await app.workspaceWith("report-mail", "manager");
    managerToken = made.token;
    const settings = changeSettings(made.workspace.settings, {
      timezone: "Asia/Tokyo",
      "report.recipients": "Boss@Example.com, team@example.com",
    });
    if (!settings.success) throw settings.error;
    await updateSettings(db(), made.workspace, settings.data);
    workspace = { ...made.workspace, settings: settings.data };
    await loadReportData(db(), workspace);
    csmToken = (await app.workspaceWith("report-mail-csm", "csm")).token;
  }, 120_000);
  afterAll(() => app?.close());

  it("queues last month's report to each recipient once, however often the job runs", async () => {
    const at = new Date("2026-04-01T00:30:00Z"); // 09:30 in Tokyo
    const [first, second] = [
      await runMonthlyReportMail(db(), "http://embark.example", at),
      await runMonthlyReportMail(db(), "http://embark.example", new Date(at.getTime() + 15 * 60_000)),
    ];
    expect(first.queued).toBe(2);
    expect(second.queued).toBe(0);
    const mails = await reportMails();
    expect(mails.map((m) => m.to).sort()).toEqual(["boss@example.com", "team@example.com"]);
    const [mail] = mails;
    expect(mail!.subject).toBe("【月次KPIレポート】2026年3月 — Workspace report-mail");
    expect(mail!.locale).toBe("ja");
    expect(mail!.text).toContain("・NPS: 20.0");
    expect(mail!.text).toContain("http://embark.example/app/dashboard");
    expect(mail!.html).toContain("注目すべき変化");
    expect(mail!.dedupeKey).toBe(`monthly-report:2026-03:${mail!.to}`);
    // Mid-month nothing is due.
    expect((await runMonthlyReportMail(db(), "x", new Date("2026-04-10T00:00:00Z"))).queued).toBe(0);
  });

  it("sends a month's report now for a manager, and says when nobody is set to get it", async () => {
    const sent = await app.call("/api/v1/reports/monthly/send", {
      method: "POST",
      token: managerToken,
      body: { month: "2026-02" },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({
      month: "2026-02",
      queued: 2,
      recipients: ["boss@example.com", "team@example.com"],
    });
    expect((await reportMails()).filter((m) => m.subject.includes("2026年2月"))).toHaveLength(2);

    const forbidden = await app.call("/api/v1/reports/monthly/send", {
      method: "POST",
      token: csmToken,
      body: {},
    });
    expect(forbidden.status).toBe(403);
    const bad = await app.call("/api/v1/reports/monthly/send", {
      method: "POST",
      token: managerToken,
      body: { month: "2026-2" },
    });
    expect((bad.body as Json).error.code).toBe("validation_failed");
    const other = await app.workspaceWith("report-mail-none", "admin");
    const none = await app.call("/api/v1/reports/monthly/send", {
      method: "POST",
      token: other.token,
      body: {},
    });
    expect(none.status).toBe(400);
    expect((none.body as Json).error.message).toMatch(/report\.recipients/);
  });
});
