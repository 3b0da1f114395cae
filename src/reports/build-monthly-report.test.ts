import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { buildMonthlyReport } from "./build-monthly-report.ts";
import { renderReport } from "./render-report.ts";
import { loadReportData, REPORT_AS_OF, REPORT_MONTH } from "./report-fixtures.ts";
import type { MonthlyReport } from "./report-model.ts";

describeEachDatabase("the monthly KPI report", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let ja: MonthlyReport;
  let en: MonthlyReport;

  beforeAll(async () => {
    app = await startTestApp(kind);
    ({ workspace } = await app.workspaceWith("report-main"));
    await loadReportData(app.services.database.db, workspace);
    const build = (lang: "ja" | "en") =>
      buildMonthlyReport(app.services.database.db, workspace, {
        month: REPORT_MONTH,
        lang,
        asOf: REPORT_AS_OF,
      });
    [ja, en] = [await build("ja"), await build("en")];
  }, 120_000);
  afterAll(() => app?.close());

  const kpi = (r: MonthlyReport, id: string) => r.kpis.find((k) => k.id === id)!;

  it("has each KPI of the month with its evidence, the previous month, the change and 12 months of trend", () => {
    expect(ja.period).toEqual({ from: "2026-03-01", to: "2026-04-01" });
    expect(ja.asOf).toBe("2026-04-15T00:00:00.000Z");
    expect(ja.kpis).toHaveLength(10);
    // March cohort: A6 (again) and A7, neither completed, both activated by asOf; February: A3 done, A4 churned.
    const completion = kpi(ja, "onboarding_completion_rate");
    expect(completion.current).toMatchObject({ value: 0, numerator: 0, denominator: 2, status: "no_target" });
    expect(completion.previous).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(completion.change).toBe(-0.5);
    // NPS March: 7, 9 and the imported 2, 10, 8 → (2 − 1) / 5; February 9, 8, 6, 1 → (1 − 2) / 4.
    expect(kpi(ja, "nps").current).toMatchObject({ value: 20, n: 5, promoters: 2, detractors: 1 });
    expect(kpi(ja, "nps").previous).toMatchObject({ value: -25, n: 4 });
    expect(kpi(ja, "avg_first_response_hours").current).toMatchObject({ value: 17, n: 2, unanswered: 2 });
    expect(completion.trend.map((p) => p.month)).toEqual([
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
    ]);
    // January: A1, A5, A6 completed, A2 only after asOf → 3/4.
    expect(completion.trend.slice(-3).map((p) => p.value)).toEqual([0.75, 0.5, 0]);
    expect(ja.funnel).toEqual({ started: 2, activated: 2, completed: 0 });
  });

  it("names the largest moves each way and quotes the month's detractors and promoters", () => {
    const kinds = ja.notable.map((n) => `${n.kind}:${n.kpi}`);
    // Good: activation 0 → 100 %, churn 50 → 0 %; bad: response time 4 → 17 h, CSAT 100 → 33 %.
    expect(kinds).toEqual(
      expect.arrayContaining([
        "improved:activation_rate",
        "improved:onboarding_churn_rate",
        "worsened:avg_first_response_hours",
        "worsened:csat",
      ]),
    );
    expect(ja.voices.map((v) => [v.band, v.accountName, v.score])).toEqual([
      ["detractor", "デルタ", 2],
      ["promoter", "ガンマ", 5],
      ["promoter", "アルファ", 10],
    ]);
    expect(ja.voices[0]!.comment).toBe("問い合わせへの返信が遅く、作業が止まりました。");
    expect(ja.breakdowns.map((b) => b.by)).toEqual(["segment", "touch_model", "owner"]);
  });

  it("refuses a month that is malformed or has not started", async () => {
    const db = app.services.database.db;
    for (const month of ["2026-13", "2026/03", "March", "2999-01"])
      await expect(buildMonthlyReport(db, workspace, { month })).rejects.toMatchObject({
        code: "validation_failed",
      });
  });

  it("renders html: self-contained, lang attribute, sparklines, the values in Japanese and English", async () => {
    const htmlJa = (await renderReport(ja, "html")) as string;
    expect(htmlJa).toMatch(/^<!DOCTYPE html>\s*<html lang="ja">/);
    expect(htmlJa).not.toMatch(/(src|href)="https?:/);
    expect(htmlJa).toContain("@page { size: A4");
    expect(htmlJa).toContain("月次KPIレポート");
    expect(htmlJa).toContain("2026年3月");
    expect(htmlJa).toContain("オンボーディング完了率");
    expect(htmlJa).toContain("-50.0pt");
    expect(htmlJa).toContain("問い合わせへの返信が遅く");
    expect(htmlJa).toContain("「平均応答時間」が前月の4.0時間から17.0時間へ悪化しました(+13.0時間)。");
    expect(htmlJa.match(/<svg class="spark"/g)?.length).toBeGreaterThanOrEqual(8);
    const htmlEn = (await renderReport(en, "html")) as string;
    expect(htmlEn).toContain('<html lang="en">');
    expect(htmlEn).toContain("Monthly KPI report");
    expect(htmlEn).toContain("March 2026");
    expect(htmlEn).toContain("Average first response time worsened from 4.0 h to 17.0 h (+13.0 h).");
    expect(htmlEn).toContain('<td class="num"><strong>20.0</strong></td>');
  });

  it("renders Markdown tables GitHub reads", async () => {
    const md = (await renderReport(ja, "md")) as string;
    expect(md).toMatch(/^# 月次KPIレポート: 2026年3月/);
    expect(md).toMatch(/\| オンボーディング完了率 \| \*\*0%\*\* \| 50% \| ▼ -50\.0pt \|/);
    expect(md).toContain("> 問い合わせへの返信が遅く、作業が止まりました。");
    const mdEn = (await renderReport(en, "md")) as string;
    expect(mdEn).toMatch(/\| NPS \| \*\*20\.0\*\* \| -25\.0 \| ▲ \+45\.0 \|/);
    expect(mdEn).toContain("## Voice of the customer");
  });

  it("renders tidy CSV with a BOM that parses back", async () => {
    const csv = (await renderReport(ja, "csv")) as string;
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows: Record<string, string>[] = parse(csv, { bom: true, columns: true });
    const completion = rows.find((r) => r.section === "kpi" && r.kpi === "onboarding_completion_rate")!;
    expect(completion).toMatchObject({
      kpi_name: "オンボーディング完了率",
      month: "2026-03",
      value: "0",
      previous_value: "0.5",
      change: "-0.5",
      numerator: "0",
      denominator: "2",
      status: "no_target",
    });
    expect(rows.filter((r) => r.section === "trend")).toHaveLength(120);
    expect(rows.find((r) => r.section === "voice" && r.status === "detractor")).toMatchObject({
      group: "デルタ",
      value: "2",
      month: "2026-03-12",
      note: "問い合わせへの返信が遅く、作業が止まりました。",
    });
    expect(rows.filter((r) => r.section === "funnel").map((r) => r.value)).toEqual(["2", "2", "0"]);
  });

  it("renders an Excel workbook with its sheets, number formats and frozen headers", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderReport(ja, "xlsx")) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(["概要", "KPI", "推移", "内訳", "お客様の声"]);
    const sheet = book.getWorksheet("KPI")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).toBe("KPI");
    const completion = sheet.getRow(2);
    expect(completion.getCell(1).value).toBe("オンボーディング完了率");
    expect(completion.getCell(3).value).toBe(0.5);
    expect(completion.getCell(3).numFmt).toBe("0.0%");
    expect(completion.getCell(1).font.name).toBe("Yu Gothic");
    const hours = sheet.getRow(9);
    expect(hours.getCell(1).value).toBe("平均応答時間");
    expect(hours.getCell(2).value).toBe(17);
    expect(hours.getCell(2).numFmt).toBe('0.0"時間"');
    expect(book.getWorksheet("お客様の声")!.getRow(2).getCell(6).value).toBe(
      "問い合わせへの返信が遅く、作業が止まりました。",
    );
    const en = new ExcelJS.Workbook();
    await en.xlsx.load((await renderReport({ ...ja, lang: "en" }, "xlsx")) as never);
    expect(en.worksheets.map((s) => s.name)).toContain("Voice of customer");
  });
});
