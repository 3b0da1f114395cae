import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect, it, vi } from "vitest";
import { embarkCommand } from "../../test/support/embark-command.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";

describeEachDatabase("embark report", (kind) => {
  vi.setConfig({ testTimeout: 300_000 });
  const cli = embarkCommand(kind);
  const { embark } = cli;
  const file = (name: string, lines: string[]) => cli.file(name, `${lines.join("\n")}\n`);

  it("prints a month's report, writes the xlsx to a file, and refuses a bad month or format in one line", async () => {
    const ok = (r: { code: number; stdout: string; stderr: string }) =>
      expect(r.code, r.stderr + r.stdout).toBe(0);
    ok(await embark("import", "accounts", file("accounts.csv", ["external_id,name", "A1,アルファ商事"])));
    ok(
      await embark(
        "import",
        "survey-responses",
        file("answers.csv", [
          "account_external_id,survey,score,answered_at,comment",
          "A1,nps,3,2026-03-10,設定が難しいです",
          "A1,nps,10,2026-02-10,",
        ]),
      ),
    );

    const md = await embark(
      "report",
      "--month",
      "2026-03",
      "--format",
      "md",
      "--lang",
      "en",
      "--as-of",
      "2026-04-02",
    );
    ok(md);
    expect(md.stdout).toMatch(/^# Monthly KPI report: March 2026/);
    // NPS −100 in March (one detractor) against 100 in February.
    expect(md.stdout).toMatch(/\| NPS \| \*\*-100\.0\*\* \| 100\.0 \| ▼ -200\.0 \|/);
    expect(md.stdout).toContain("> 設定が難しいです");
    expect(md.stdout).toContain("NPS 3 · アルファ商事");

    const xlsx = await embark("report", "--month", "2026-03", "--format", "xlsx");
    ok(xlsx);
    expect(xlsx.stdout.trim()).toBe(`wrote ${cli.path("embark-report-2026-03.xlsx")}`);
    expect(existsSync(cli.path("embark-report-2026-03.xlsx"))).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(cli.path("embark-report-2026-03.xlsx"));
    // The workspace writes mail in Japanese unless told otherwise, and so does the report.
    expect(book.worksheets.map((s) => s.name)).toEqual(["概要", "KPI", "推移", "内訳", "お客様の声"]);

    for (const args of [
      ["--month", "2026-3"],
      ["--month", "2026-03", "--format", "pdf"],
    ]) {
      const bad = await embark("report", ...args);
      expect(bad.code, args.join(" ")).not.toBe(0);
      expect(bad.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(bad.stderr, args.join(" ")).toMatch(/^embark: (month|format) must be/);
    }
  });
});
