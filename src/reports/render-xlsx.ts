import ExcelJS from "exceljs";
import type { KpiValue } from "../kpis/compute-kpis.ts";
import { type KpiDefinition, kpiDefinitions, kpiIds } from "../kpis/kpi-definitions.ts";
import { dateInZone } from "../platform/time.ts";
import type { MonthlyReport } from "./report-model.ts";
import {
  describeNotable,
  formatDay,
  formatInstant,
  formatKpiEvidence,
  formatMonth,
  groupLabel,
  lastDay,
  reportText,
} from "./report-text.ts";

/** Excel's own Japanese UI font; other viewers substitute a Japanese-capable one for it. */
const font: Partial<ExcelJS.Font> = { name: "Yu Gothic", family: 3, charset: 128, size: 10 };
const headerFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEDF2FF" } };
const statusFills = {
  on_track: "FFE6FCF5",
  at_risk: "FFFFF9DB",
  off_track: "FFFFF5F5",
  no_data: "FFF1F3F5",
  no_target: "FFF1F3F5",
} as const;

/** The number format of a KPI's values: %, days, hours or points. */
export function kpiNumberFormat(def: KpiDefinition, lang: MonthlyReport["lang"]): string {
  const u = reportText[lang].units;
  if (def.kind === "rate") return "0.0%";
  if (def.kind === "nps") return "0.0";
  return `0.0"${def.unit === "days" ? u.days : u.hours}"`;
}

/** Changes of rates are in percentage points, so they are written ×100 with a "pt" format. */
function changeValue(def: KpiDefinition, change: number | null) {
  if (change === null) return null;
  return def.kind === "rate" ? change * 100 : change;
}
function changeFormat(def: KpiDefinition, lang: MonthlyReport["lang"]): string {
  const u = reportText[lang].units;
  const unit =
    def.kind === "rate" ? u.points : def.kind === "nps" ? "" : def.unit === "days" ? u.days : u.hours;
  return `+0.0"${unit}";-0.0"${unit}";0.0"${unit}"`;
}

/** Bold on a tint, wrapped; the columns `numeric` names (1-based) are right-aligned like their numbers. */
function styleHeader(row: ExcelJS.Row, numeric: (col: number) => boolean = () => false) {
  row.font = { ...font, bold: true };
  row.fill = headerFill;
  row.height = 30;
  row.eachCell((cell, col) => {
    cell.alignment = { vertical: "middle", wrapText: true, horizontal: numeric(col) ? "right" : "left" };
  });
}

function newSheet(book: ExcelJS.Workbook, name: string, widths: number[], frozenRows = 1) {
  const sheet = book.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: frozenRows, xSplit: 1 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = widths.map((width) => ({ width, style: { font } }));
  return sheet;
}

/** The report as an Excel workbook: summary, KPIs, trend, breakdowns and the voice of the customer. */
export async function renderReportXlsx(report: MonthlyReport): Promise<Buffer> {
  const { lang } = report;
  const t = reportText[lang];
  const c = t.columns;
  const book = new ExcelJS.Workbook();
  book.creator = "Embark";
  book.title = `${t.title} ${report.month}`;
  const monthName = formatMonth(report.month, lang);
  const sheetNames =
    lang === "ja"
      ? { summary: "概要", kpis: "KPI", trend: "推移", breakdowns: "内訳", voices: "お客様の声" }
      : {
          summary: "Summary",
          kpis: "KPIs",
          trend: "Trend",
          breakdowns: "Breakdowns",
          voices: "Voice of customer",
        };

  // Summary: what the meeting reads first.
  const summary = book.addWorksheet(sheetNames.summary, {
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  summary.columns = [
    { width: 24, style: { font } },
    { width: 14, style: { font } },
    { width: 16, style: { font } },
    { width: 60, style: { font } },
  ];
  summary.addRow([t.title]).font = { ...font, size: 16, bold: true };
  summary.addRow([t.subtitle(report.workspaceName, monthName)]).font = { ...font, size: 12 };
  const period = `${formatDay(report.period.from, report.timezone, lang)} – ${formatDay(lastDay(report.period.to), report.timezone, lang)}`;
  summary.addRow([t.meta(period, report.timezone, formatInstant(report.asOf, report.timezone, lang))]).font =
    {
      ...font,
      color: { argb: "FF868E96" },
    };
  summary.addRow([]);
  summary.addRow([t.sections.notable]).font = { ...font, size: 12, bold: true };
  for (const n of report.notable.length
    ? report.notable.map((n) => describeNotable(n, lang))
    : [t.noNotable]) {
    const row = summary.addRow([n]);
    summary.mergeCells(row.number, 1, row.number, 4);
    row.alignment = { wrapText: true, vertical: "top" };
    row.height = 30;
  }
  summary.addRow([]);
  summary.addRow([t.sections.funnel]).font = { ...font, size: 12, bold: true };
  styleHeader(summary.addRow(["", c.count, c.share]), (col) => col > 1);
  for (const step of ["started", "activated", "completed"] as const) {
    const n = report.funnel[step];
    const row = summary.addRow([t.funnel[step], n, report.funnel.started ? n / report.funnel.started : null]);
    row.getCell(3).numFmt = "0%";
  }

  // KPIs: one row each, the evidence beside the value.
  const kpis = newSheet(book, sheetNames.kpis, [30, 13, 13, 13, 13, 13, 46, 12, 12]);
  styleHeader(
    kpis.addRow([
      c.kpi,
      c.value,
      c.previous,
      c.change,
      c.target,
      c.status,
      c.evidence,
      `${c.interval} −`,
      `${c.interval} +`,
    ]),
    (col) => [2, 3, 4, 5, 8, 9].includes(col),
  );
  for (const k of report.kpis) {
    const fmt = kpiNumberFormat(k.definition, lang);
    const row = kpis.addRow([
      k.definition.name[lang],
      k.current.value,
      k.previous.value,
      changeValue(k.definition, k.change),
      k.current.target,
      t.status[k.current.status],
      formatKpiEvidence(k.id, k.current, lang),
      k.current.interval?.[0] ?? null,
      k.current.interval?.[1] ?? null,
    ]);
    for (const col of [2, 3, 5]) row.getCell(col).numFmt = fmt;
    row.getCell(4).numFmt = changeFormat(k.definition, lang);
    for (const col of [8, 9]) row.getCell(col).numFmt = "0.0%";
    row.getCell(6).fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: statusFills[k.current.status] },
    };
    row.getCell(1).note = k.definition.explanation[lang];
  }

  // Trend: KPIs down, the 12 months across.
  const months = report.kpis[0]?.trend.map((p) => p.month) ?? [];
  const trend = newSheet(book, sheetNames.trend, [30, ...months.map(() => 11)]);
  styleHeader(trend.addRow([c.kpi, ...months.map((m) => formatMonth(m, lang, "short"))]), (col) => col > 1);
  for (const k of report.kpis) {
    const row = trend.addRow([k.definition.name[lang], ...k.trend.map((p) => p.value)]);
    const fmt = kpiNumberFormat(k.definition, lang);
    for (let i = 2; i <= months.length + 1; i++) row.getCell(i).numFmt = fmt;
  }

  // Breakdowns: one row per group, every KPI across.
  const breakdowns = newSheet(book, sheetNames.breakdowns, [18, 24, 10, ...kpiIds.map(() => 14)]);
  styleHeader(
    breakdowns.addRow([c.section, c.group, c.started, ...kpiIds.map((id) => kpiDefinitions[id].name[lang])]),
    (col) => col > 2,
  );
  for (const b of report.breakdowns)
    for (const g of b.groups) {
      const row = breakdowns.addRow([
        t.dimensions[b.by],
        groupLabel(g, lang),
        g.kpis.onboarding_completion_rate.denominator ?? 0,
        ...kpiIds.map((id) => (g.kpis[id] as KpiValue).value),
      ]);
      kpiIds.forEach((id, i) => {
        row.getCell(4 + i).numFmt = kpiNumberFormat(kpiDefinitions[id], lang);
      });
    }

  // Voice of the customer.
  const voices = newSheet(book, sheetNames.voices, [22, 10, 8, 28, 13, 70]);
  styleHeader(
    voices.addRow([c.section, c.survey, c.score, c.account, c.answeredAt, c.comment]),
    (col) => col === 3,
  );
  for (const v of report.voices) {
    const row = voices.addRow([
      t.bands[v.band],
      t.surveys[v.survey],
      v.score,
      v.accountName,
      dateInZone(new Date(v.answeredAt), report.timezone),
      v.comment,
    ]);
    row.alignment = { wrapText: true, vertical: "top" };
  }

  for (const sheet of book.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        cell.font = { ...font, ...cell.font, name: font.name, charset: font.charset };
      }),
    );
  return Buffer.from(await book.xlsx.writeBuffer());
}
