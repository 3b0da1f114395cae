import { kpiDefinitions } from "../kpis/kpi-definitions.ts";
import type { MonthlyReport } from "./report-model.ts";
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

/** A table cell: pipes escaped and line breaks flattened, so GitHub keeps the table. */
const cell = (s: string | number) =>
  String(s)
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ");
const row = (cells: (string | number)[]) => `| ${cells.map(cell).join(" | ")} |`;
const table = (head: string[], rows: (string | number)[][], right: number[] = []) => [
  row(head),
  `| ${head.map((_, i) => (right.includes(i) ? "---:" : "---")).join(" | ")} |`,
  ...rows.map(row),
];

/** The report as Markdown that reads well on GitHub (tables, quotes, no HTML). */
export function renderReportMarkdown(report: MonthlyReport): string {
  const { lang } = report;
  const t = reportText[lang];
  const monthName = formatMonth(report.month, lang);
  const period = `${formatDay(report.period.from, report.timezone, lang)} – ${formatDay(lastDay(report.period.to), report.timezone, lang)}`;
  const out: string[] = [
    `# ${t.title}: ${monthName}`,
    "",
    `**${t.subtitle(report.workspaceName, monthName)}**  `,
    t.meta(period, report.timezone, formatInstant(report.asOf, report.timezone, lang)),
    "",
    `## ${t.sections.notable}`,
    "",
  ];
  const marks = { off_track: "🔴", at_risk: "🟡", improved: "🟢", worsened: "🔻" } as const;
  if (report.notable.length)
    for (const n of report.notable) out.push(`- ${marks[n.kind]} ${describeNotable(n, lang)}`);
  else out.push(t.noNotable);

  out.push("", `## ${t.sections.kpis}`, "");
  out.push(
    ...table(
      [
        t.columns.kpi,
        t.columns.value,
        t.columns.previous,
        t.columns.change,
        t.columns.target,
        t.columns.status,
        t.columns.evidence,
      ],
      report.kpis.map((k) => {
        const good = isGoodChange(k.definition, k.change);
        return [
          k.definition.name[lang],
          `**${formatKpiNumber(k.definition, k.current.value, lang)}**`,
          formatKpiNumber(k.definition, k.previous.value, lang),
          `${good === null ? "" : good ? "▲ " : "▼ "}${formatKpiChange(k.definition, k.change, lang)}`,
          formatKpiNumber(k.definition, k.current.target, lang),
          t.status[k.current.status],
          [formatKpiEvidence(k.id, k.current, lang), formatInterval(k.current, lang)]
            .filter(Boolean)
            .join("; "),
        ];
      }),
      [1, 2, 3, 4],
    ),
  );

  out.push("", `## ${t.sections.funnel}`, "");
  const { started, activated, completed } = report.funnel;
  if (started === 0) out.push(t.noFunnel);
  else {
    const pct = new Intl.NumberFormat(lang === "en" ? "en-US" : "ja-JP", {
      style: "percent",
      maximumFractionDigits: 0,
    });
    out.push(
      ...table(
        ["", t.columns.count, t.columns.share],
        [
          [t.funnel.started, started, pct.format(1)],
          [t.funnel.activated, activated, pct.format(activated / started)],
          [t.funnel.completed, completed, pct.format(completed / started)],
        ],
        [1, 2],
      ),
    );
  }

  out.push("", `## ${t.sections.voices}`);
  for (const band of ["detractor", "promoter"] as const) {
    out.push("", `### ${t.bands[band]}`, "");
    const items = report.voices.filter((v) => v.band === band);
    if (!items.length) out.push(t.noVoices);
    for (const v of items)
      out.push(
        `> ${v.comment.replace(/\s*\n\s*/g, " ")}`,
        `> — ${t.surveys[v.survey]} ${v.score} · ${v.accountName} · ${formatDay(v.answeredAt, report.timezone, lang)}`,
        "",
      );
  }

  out.push("", `## ${t.sections.breakdowns}`);
  for (const b of report.breakdowns) {
    out.push("", `### ${t.dimensions[b.by]}`, "");
    if (!b.groups.length) {
      out.push(t.noGroups);
      continue;
    }
    out.push(
      ...table(
        [t.columns.group, t.columns.started, ...breakdownKpis.map((id) => kpiDefinitions[id].name[lang])],
        b.groups.map((g) => [
          groupLabel(g, lang),
          g.kpis.onboarding_completion_rate.denominator ?? 0,
          ...breakdownKpis.map((id) => formatKpiNumber(kpiDefinitions[id], g.kpis[id].value, lang)),
        ]),
        breakdownKpis.map((_, i) => i + 1).concat(breakdownKpis.length + 1),
      ),
    );
  }

  out.push("", `## ${t.sections.trend}`, "");
  const months = report.kpis[0]?.trend.map((p) => p.month) ?? [];
  out.push(
    ...table(
      [t.columns.month, ...report.kpis.map((k) => k.definition.name[lang])],
      months.map((m, i) => [
        formatMonth(m, lang, "short"),
        ...report.kpis.map((k) => formatKpiNumber(k.definition, k.trend[i]!.value, lang)),
      ]),
      report.kpis.map((_, i) => i + 1),
    ),
  );

  out.push("", `## ${t.sections.definitions}`, "");
  for (const k of report.kpis)
    out.push(`- **${k.definition.name[lang]}**: ${k.definition.explanation[lang]}`);
  out.push("", `---`, `_${t.generatedBy}_`, "");
  return out.join("\n");
}
