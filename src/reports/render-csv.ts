import { stringify } from "csv-stringify/sync";
import type { KpiValue } from "../kpis/compute-kpis.ts";
import { kpiDefinitions, kpiIds } from "../kpis/kpi-definitions.ts";
import { dateInZone } from "../platform/time.ts";
import type { MonthlyReport } from "./report-model.ts";
import { describeNotable, groupLabel, reportText } from "./report-text.ts";

/** The columns, in order: one fact per row, numbers unformatted (rates as fractions, days, hours). */
export const csvColumns = [
  "section",
  "kpi",
  "kpi_name",
  "group",
  "month",
  "value",
  "previous_value",
  "change",
  "target",
  "status",
  "numerator",
  "denominator",
  "n",
  "interval_low",
  "interval_high",
  "note",
] as const;
type CsvRow = Partial<Record<(typeof csvColumns)[number], string | number | null>>;

const evidence = (v: KpiValue): CsvRow => ({
  value: v.value,
  target: v.target,
  status: v.status,
  numerator: v.numerator,
  denominator: v.denominator,
  n: v.n,
  interval_low: v.interval?.[0],
  interval_high: v.interval?.[1],
});

/**
 * The report as tidy CSV rows (sections kpi, trend, breakdown, funnel, notable, voice) with a UTF-8
 * BOM, so Excel opens the Japanese text correctly.
 */
export function renderReportCsv(report: MonthlyReport): string {
  const { lang, month } = report;
  const t = reportText[lang];
  const rows: CsvRow[] = [];
  for (const k of report.kpis)
    rows.push({
      section: "kpi",
      kpi: k.id,
      kpi_name: k.definition.name[lang],
      month,
      ...evidence(k.current),
      previous_value: k.previous.value,
      change: k.change,
    });
  for (const k of report.kpis)
    for (const p of k.trend)
      rows.push({
        section: "trend",
        kpi: k.id,
        kpi_name: k.definition.name[lang],
        month: p.month,
        value: p.value,
      });
  for (const b of report.breakdowns)
    for (const g of b.groups)
      for (const id of kpiIds)
        rows.push({
          section: `breakdown:${b.by}`,
          kpi: id,
          kpi_name: kpiDefinitions[id].name[lang],
          group: groupLabel(g, lang),
          month,
          ...evidence(g.kpis[id]),
          note: g.key ?? "",
        });
  for (const step of ["started", "activated", "completed"] as const)
    rows.push({ section: "funnel", group: t.funnel[step], month, value: report.funnel[step], note: step });
  for (const n of report.notable)
    rows.push({
      section: "notable",
      kpi: n.kpi,
      kpi_name: kpiDefinitions[n.kpi].name[lang],
      month,
      value: n.current,
      previous_value: n.previous,
      change: n.current !== null && n.previous !== null ? n.current - n.previous : null,
      target: n.target,
      status: n.kind,
      note: describeNotable(n, lang),
    });
  for (const v of report.voices)
    rows.push({
      section: "voice",
      kpi: v.survey,
      group: v.accountName,
      month: dateInZone(new Date(v.answeredAt), report.timezone),
      value: v.score,
      status: v.band,
      note: v.comment,
    });
  return `\uFEFF${stringify(
    rows.map((r) => csvColumns.map((c) => r[c] ?? "")),
    { header: true, columns: [...csvColumns], record_delimiter: "windows" },
  )}`;
}
