import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { loadReportData, REPORT_AS_OF } from "./report-fixtures.ts";

type Json = Record<string, any>;

describeEachDatabase("GET /api/v1/reports/monthly", (kind) => {
  let app: TestApp;
  let viewer: string;
  let other: string;
  const q = `month=2026-03&asOf=${REPORT_AS_OF}`;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const mine = await app.workspaceWith("report-api", "viewer");
    viewer = mine.token;
    other = (await app.workspaceWith("report-api-other", "admin")).token;
    await loadReportData(app.services.database.db, mine.workspace);
  }, 120_000);
  afterAll(() => app?.close());

  const download = (query: string, token = viewer) =>
    fetch(`${app.url}/api/v1/reports/monthly?${query}`, { headers: { authorization: `Bearer ${token}` } });

  it("serves the html report inline, in the workspace's language unless asked", async () => {
    const res = await download(q);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('inline; filename="embark-report-2026-03.html"');
    const html = await res.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("問い合わせへの返信が遅く");
    const en = await (await download(`${q}&format=html&lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("Voice of the customer");
  });

  it("serves the xlsx, csv and Markdown as attachments", async () => {
    const xlsx = await download(`${q}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(xlsx.headers.get("content-disposition")).toBe('attachment; filename="embark-report-2026-03.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as never);
    expect(book.getWorksheet("KPI")!.getRow(2).getCell(3).value).toBe(0.5);

    const csv = await download(`${q}&format=csv&lang=en`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows: Json[] = parse(await csv.text(), { bom: true, columns: true });
    expect(rows.find((r) => r.section === "kpi" && r.kpi === "nps")).toMatchObject({
      kpi_name: "NPS",
      value: "20",
    });

    const md = await download(`${q}&format=md`);
    expect(md.headers.get("content-disposition")).toBe('attachment; filename="embark-report-2026-03.md"');
    expect(await md.text()).toMatch(/^# 月次KPIレポート/);
  });

  it("answers bad input with the JSON error shape", async () => {
    for (const query of [
      "month=2026-13",
      "",
      "month=2026-03&format=pdf",
      "month=2026-03&lang=fr",
      "month=2999-01",
    ]) {
      const res = await app.call(`/api/v1/reports/monthly?${query}`, { token: viewer });
      expect(res.status, query).toBe(400);
      expect((res.body as Json).error.code, query).toBe("validation_failed");
    }
    expect((await app.call(`/api/v1/reports/monthly?${q}`)).status).toBe(401);
  });

  it("reports only the caller's workspace", async () => {
    const res = await download(`${q}&format=csv`, other);
    expect(res.status).toBe(200);
    const rows: Json[] = parse(await res.text(), { bom: true, columns: true });
    expect(rows.find((r) => r.section === "kpi" && r.kpi === "nps")).toMatchObject({ value: "", n: "0" });
    expect(rows.filter((r) => r.section === "voice")).toHaveLength(0);
  });
});
