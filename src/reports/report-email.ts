import { escapeHtml } from "./render-html.ts";
import type { MonthlyReport } from "./report-model.ts";
import {
  describeNotable,
  formatKpiChange,
  formatKpiNumber,
  formatMonth,
  isGoodChange,
  reportText,
} from "./report-text.ts";

const words = {
  ja: {
    subject: (month: string, workspace: string) => `【月次KPIレポート】${month} — ${workspace}`,
    intro: (month: string) => `${month}の月次KPIレポートをお送りします。`,
    more: "ダッシュボードで詳細・内訳・推移を確認できます:",
    why: "このメールは、Embark の設定「月次レポートの送信先」に登録されているため送信されています。",
  },
  en: {
    subject: (month: string, workspace: string) => `Monthly KPI report: ${month} — ${workspace}`,
    intro: (month: string) => `Here is the monthly KPI report for ${month}.`,
    more: "See the details, breakdowns and trends on the dashboard:",
    why: "You get this e-mail because you are on the monthly report recipients in Embark's settings.",
  },
} as const;

/**
 * The monthly report as an e-mail: the notable changes and every KPI with its change and status,
 * in plain text and in simple inline-styled HTML (mail readers drop style sheets and SVG), with a
 * link to the dashboard for the rest.
 */
export function renderReportEmail(report: MonthlyReport, dashboardUrl: string) {
  const { lang } = report;
  const t = reportText[lang];
  const w = words[lang];
  const e = escapeHtml;
  const month = formatMonth(report.month, lang);
  const notable = report.notable.length ? report.notable.map((n) => describeNotable(n, lang)) : [t.noNotable];
  const line = (k: MonthlyReport["kpis"][number]) =>
    `${k.definition.name[lang]}: ${formatKpiNumber(k.definition, k.current.value, lang)} (${t.columns.previous} ${formatKpiNumber(k.definition, k.previous.value, lang)}, ${formatKpiChange(k.definition, k.change, lang)}) ${t.status[k.current.status]}`;
  const text = [
    w.intro(month),
    "",
    `■ ${t.sections.notable}`,
    ...notable.map((n) => `・${n}`),
    "",
    `■ ${t.sections.kpis}`,
    ...report.kpis.map((k) => `・${line(k)}`),
    "",
    w.more,
    dashboardUrl,
    "",
    w.why,
  ].join("\n");
  const cell = "padding:6px 8px;border-bottom:1px solid #e9ecef;font-size:13px";
  const rows = report.kpis
    .map((k) => {
      const good = isGoodChange(k.definition, k.change);
      const colour = good === null ? "#868e96" : good ? "#087f5b" : "#c92a2a";
      return `<tr><td style="${cell}">${e(k.definition.name[lang])}</td><td style="${cell};text-align:right;font-weight:700;white-space:nowrap">${e(formatKpiNumber(k.definition, k.current.value, lang))}</td><td style="${cell};text-align:right;color:${colour};white-space:nowrap">${e(formatKpiChange(k.definition, k.change, lang))}</td><td style="${cell};white-space:nowrap">${e(t.status[k.current.status])}</td></tr>`;
    })
    .join("");
  const head = "padding:6px 8px;background:#f8f9fa;font-size:12px;text-align:left;color:#495057";
  const html = `<p style="margin:0 0 16px">${e(w.intro(month))}</p>
<h2 style="font-size:16px;margin:0 0 8px">${e(t.sections.notable)}</h2>
<ul style="margin:0 0 20px;padding-left:20px">${notable.map((n) => `<li style="margin:0 0 4px">${e(n)}</li>`).join("")}</ul>
<h2 style="font-size:16px;margin:0 0 8px">${e(t.sections.kpis)}</h2>
<table style="border-collapse:collapse;width:100%;margin:0 0 20px"><thead><tr><th style="${head}">${e(t.columns.kpi)}</th><th style="${head};text-align:right">${e(t.columns.value)}</th><th style="${head};text-align:right">${e(t.columns.change)}</th><th style="${head}">${e(t.columns.status)}</th></tr></thead><tbody>${rows}</tbody></table>
<p style="margin:0 0 4px">${e(w.more)}</p>
<p style="margin:0 0 16px"><a href="${e(dashboardUrl)}" style="color:#4263eb">${e(dashboardUrl)}</a></p>
<p style="margin:0;color:#868e96;font-size:12px">${e(w.why)}</p>`;
  return { subject: w.subject(month, report.workspaceName), text, html };
}
