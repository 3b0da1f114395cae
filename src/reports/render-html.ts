import { kpiDefinitions } from "../kpis/kpi-definitions.ts";
import type { MonthlyReport, ReportKpi } from "./report-model.ts";
import {
  breakdownKpis,
  describeNotable,
  formatDay,
  formatInstant,
  formatInterval,
  formatKpiChange,
  formatKpiEvidence,
  formatKpiNumber,
  formatMonth,
  groupLabel,
  isGoodChange,
  lastDay,
  reportText,
} from "./report-text.ts";

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const statusColours = {
  on_track: ["#e6fcf5", "#087f5b"],
  at_risk: ["#fff9db", "#e67700"],
  off_track: ["#fff5f5", "#c92a2a"],
  no_data: ["#f1f3f5", "#868e96"],
  no_target: ["#f1f3f5", "#868e96"],
} as const;

/** A 12-month line as inline SVG; months without data leave a gap. */
export function sparkline(trend: ReportKpi["trend"], width = 120, height = 28): string {
  const values = trend.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0) return "";
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (i: number) => (trend.length === 1 ? width / 2 : 2 + (i * (width - 4)) / (trend.length - 1));
  const y = (v: number) => (max === min ? height / 2 : 3 + ((max - v) * (height - 6)) / (max - min));
  const runs: string[] = [];
  let run: string[] = [];
  trend.forEach((p, i) => {
    if (p.value === null) {
      if (run.length) runs.push(run.join(" "));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(" "));
  const lastIndex = trend.length - 1;
  const last = trend[lastIndex]!.value;
  return `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-hidden="true">${runs
    .map((r) =>
      r.includes(" ")
        ? `<polyline points="${r}" fill="none" stroke="#4c6ef5" stroke-width="1.6" stroke-linejoin="round"/>`
        : `<circle cx="${r.split(",")[0]}" cy="${r.split(",")[1]}" r="1.6" fill="#4c6ef5"/>`,
    )
    .join(
      "",
    )}${last !== null ? `<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(last).toFixed(1)}" r="2.6" fill="#364fc7"/>` : ""}</svg>`;
}

const css = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; color: #212529; background: #fff;
  font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic UI", "Yu Gothic", Meiryo, -apple-system, "Segoe UI", sans-serif;
  font-size: 10.5pt; line-height: 1.55; }
main { max-width: 190mm; margin: 0 auto; }
h1 { font-size: 19pt; margin: 0 0 2px; }
h2 { font-size: 13pt; margin: 22px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #dbe4ff; color: #364fc7; }
h3 { font-size: 11pt; margin: 14px 0 6px; }
.sub { font-size: 12pt; margin: 0 0 2px; }
.meta { color: #868e96; font-size: 9pt; margin: 0; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; }
th, td { padding: 5px 6px; border-bottom: 1px solid #e9ecef; text-align: left; vertical-align: middle; }
th { background: #f8f9fa; font-weight: 600; color: #495057; font-size: 8pt; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.kpi { font-weight: 600; min-width: 11em; }
td.group { white-space: nowrap; }
table.trend { font-size: 7.5pt; } table.trend th, table.trend td { padding: 4px 3px; }
.evidence { color: #868e96; font-size: 8pt; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 8pt; font-weight: 600; white-space: nowrap; }
.good { color: #087f5b; } .bad { color: #c92a2a; } .flat { color: #868e96; }
ul.notable { margin: 0; padding-left: 18px; } ul.notable li { margin: 3px 0; }
ul.notable li.off_track, ul.notable li.worsened { color: #a61e1e; }
ul.notable li.improved { color: #0b7285; }
.funnel .row { display: flex; align-items: center; gap: 10px; margin: 5px 0; }
.funnel .label { width: 9em; font-weight: 600; }
.funnel .bar { flex: 1; height: 14px; background: #f1f3f5; border-radius: 3px; overflow: hidden; }
.funnel .bar span { display: block; height: 100%; background: #5c7cfa; }
.funnel .count { width: 10em; text-align: right; font-variant-numeric: tabular-nums; }
.voices { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
blockquote { margin: 0 0 8px; padding: 6px 10px; border-left: 3px solid #ced4da; background: #f8f9fa; }
blockquote.detractor { border-color: #fa5252; } blockquote.promoter { border-color: #20c997; }
blockquote p { margin: 0 0 2px; } blockquote footer { color: #868e96; font-size: 8pt; }
dl { margin: 0; font-size: 9pt; } dt { font-weight: 600; margin-top: 6px; } dd { margin: 0 0 0 1em; color: #495057; }
section { break-inside: avoid; page-break-inside: avoid; }
section.long { break-inside: auto; page-break-inside: auto; }
tr { break-inside: avoid; page-break-inside: avoid; }
footer.page { margin-top: 24px; color: #adb5bd; font-size: 8pt; text-align: right; }
.empty { color: #868e96; }
@media print { body { padding: 0; } h2 { break-after: avoid; page-break-after: avoid; } }
`;

function changeCell(k: ReportKpi, lang: MonthlyReport["lang"]) {
  const good = isGoodChange(k.definition, k.change);
  const cls = good === null ? "flat" : good ? "good" : "bad";
  const arrow = good === null ? "" : (k.change ?? 0) > 0 ? "▲ " : "▼ ";
  return `<td class="num ${cls}">${arrow}${escapeHtml(formatKpiChange(k.definition, k.change, lang))}</td>`;
}

function statusBadge(status: keyof typeof statusColours, lang: MonthlyReport["lang"]) {
  const [bg, fg] = statusColours[status];
  return `<span class="badge status-${status}" style="background:${bg};color:${fg}">${escapeHtml(reportText[lang].status[status])}</span>`;
}

/** The report as one self-contained HTML page (inline CSS and SVG, no requests), printable on A4. */
export function renderReportHtml(report: MonthlyReport): string {
  const { lang } = report;
  const t = reportText[lang];
  const e = escapeHtml;
  const monthName = formatMonth(report.month, lang);
  const period = `${formatDay(report.period.from, report.timezone, lang)} – ${formatDay(lastDay(report.period.to), report.timezone, lang)}`;
  const fmt = (k: ReportKpi, v: number | null) => e(formatKpiNumber(k.definition, v, lang));

  const notable = report.notable.length
    ? `<ul class="notable">${report.notable.map((n) => `<li class="${n.kind}">${e(describeNotable(n, lang))}</li>`).join("")}</ul>`
    : `<p class="empty">${e(t.noNotable)}</p>`;

  const kpiRows = report.kpis
    .map(
      (k) => `<tr data-kpi="${k.id}">
<td class="kpi">${e(k.definition.name[lang])}<div class="evidence">${e(formatKpiEvidence(k.id, k.current, lang))}${k.current.interval ? ` · ${e(t.columns.interval)} ${e(formatInterval(k.current, lang))}` : ""}</div></td>
<td class="num"><strong>${fmt(k, k.current.value)}</strong></td>
<td class="num">${fmt(k, k.previous.value)}</td>
${changeCell(k, lang)}
<td class="num">${fmt(k, k.current.target)}</td>
<td>${statusBadge(k.current.status, lang)}</td>
<td>${sparkline(k.trend)}</td>
</tr>`,
    )
    .join("\n");

  const { started, activated, completed } = report.funnel;
  const pct = new Intl.NumberFormat(lang === "en" ? "en-US" : "ja-JP", {
    style: "percent",
    maximumFractionDigits: 0,
  });
  const funnel =
    started === 0
      ? `<p class="empty">${e(t.noFunnel)}</p>`
      : `<div class="funnel">${(
          [
            ["started", started],
            ["activated", activated],
            ["completed", completed],
          ] as const
        )
          .map(
            ([key, n]) =>
              `<div class="row" data-funnel="${key}"><div class="label">${e(t.funnel[key])}</div><div class="bar"><span style="width:${((100 * n) / started).toFixed(1)}%"></span></div><div class="count">${n}${key === "started" ? "" : ` (${pct.format(n / started)})`}</div></div>`,
          )
          .join("")}</div>`;

  const trendMonths = report.kpis[0]?.trend.map((p) => p.month) ?? [];
  const trendTable = `<table class="trend"><thead><tr><th>${e(t.columns.kpi)}</th>${trendMonths
    .map((m) => `<th class="num">${e(formatMonth(m, lang, "short"))}</th>`)
    .join("")}</tr></thead><tbody>${report.kpis
    .map(
      (k) =>
        `<tr><td class="kpi">${e(k.definition.name[lang])}</td>${k.trend.map((p) => `<td class="num">${fmt(k, p.value)}</td>`).join("")}</tr>`,
    )
    .join("")}</tbody></table>`;

  const breakdowns = report.breakdowns
    .map((b) => {
      const head = `<tr><th>${e(t.columns.group)}</th><th class="num">${e(t.columns.started)}</th>${breakdownKpis
        .map((id) => `<th class="num">${e(kpiDefinitions[id].name[lang])}</th>`)
        .join("")}</tr>`;
      const rows = b.groups
        .map(
          (g) =>
            `<tr><td class="group">${e(groupLabel(g, lang))}</td><td class="num">${g.kpis.onboarding_completion_rate.denominator ?? 0}</td>${breakdownKpis
              .map(
                (id) =>
                  `<td class="num">${e(formatKpiNumber(kpiDefinitions[id], g.kpis[id].value, lang))}</td>`,
              )
              .join("")}</tr>`,
        )
        .join("");
      return `<section data-breakdown="${b.by}"><h3>${e(t.dimensions[b.by])}</h3>${
        b.groups.length
          ? `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`
          : `<p class="empty">${e(t.noGroups)}</p>`
      }</section>`;
    })
    .join("\n");

  const voiceColumn = (band: "detractor" | "promoter") => {
    const items = report.voices.filter((v) => v.band === band);
    return `<div><h3>${e(t.bands[band])}</h3>${
      items.length
        ? items
            .map(
              (v) =>
                `<blockquote class="${band}"><p>${lang === "ja" ? `「${e(v.comment)}」` : `“${e(v.comment)}”`}</p><footer>${e(t.surveys[v.survey])} ${v.score} · ${e(v.accountName)} · ${e(formatDay(v.answeredAt, report.timezone, lang))}</footer></blockquote>`,
            )
            .join("")
        : `<p class="empty">${e(t.noVoices)}</p>`
    }</div>`;
  };

  const definitions = `<dl>${report.kpis
    .map((k) => `<dt>${e(k.definition.name[lang])}</dt><dd>${e(k.definition.explanation[lang])}</dd>`)
    .join("")}</dl>`;

  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${t.title} ${monthName} — ${report.workspaceName}`)}</title>
<style>${css}</style>
</head>
<body>
<main>
<header>
<h1>${e(t.title)}</h1>
<p class="sub">${e(t.subtitle(report.workspaceName, monthName))}</p>
<p class="meta">${e(t.meta(period, report.timezone, formatInstant(report.asOf, report.timezone, lang)))}</p>
</header>
<section id="notable"><h2>${e(t.sections.notable)}</h2>${notable}</section>
<section id="kpis" class="long"><h2>${e(t.sections.kpis)}</h2>
<table><thead><tr><th>${e(t.columns.kpi)}</th><th class="num">${e(t.columns.value)}</th><th class="num">${e(t.columns.previous)}</th><th class="num">${e(t.columns.change)}</th><th class="num">${e(t.columns.target)}</th><th>${e(t.columns.status)}</th><th>${e(t.columns.trend)}</th></tr></thead>
<tbody>
${kpiRows}
</tbody></table></section>
<section id="funnel"><h2>${e(t.sections.funnel)}</h2>${funnel}</section>
<section id="voices"><h2>${e(t.sections.voices)}</h2><div class="voices">${voiceColumn("detractor")}${voiceColumn("promoter")}</div></section>
<section id="breakdowns" class="long"><h2>${e(t.sections.breakdowns)}</h2>
${breakdowns}
</section>
<section id="trend" class="long"><h2>${e(t.sections.trend)}</h2>${trendTable}</section>
<section id="definitions" class="long"><h2>${e(t.sections.definitions)}</h2>${definitions}</section>
<footer class="page">${e(t.generatedBy)}</footer>
</main>
</body>
</html>
`;
}
