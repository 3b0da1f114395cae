import type { KpiResult, KpiSet, KpiValue } from "./compute-kpis.ts";
import { type KpiId, kpiDefinitions, kpiIds } from "./kpi-definitions.ts";

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const oneDecimal = (x: number) => x.toFixed(1);

/** A KPI's value as people read it: rates as %, days and hours with one decimal, NPS as a whole number. */
export function formatKpiValue(id: KpiId, v: KpiValue): string {
  if (v.value === null) return "–";
  const def = kpiDefinitions[id];
  if (def.kind === "rate") return percent(v.value);
  if (def.kind === "nps") return v.value.toFixed(1);
  return `${oneDecimal(v.value)} ${def.unit === "days" ? "d" : "h"}`;
}

/** The evidence column: numerator/denominator or n, and what else the KPI reports. */
export function formatEvidence(id: KpiId, v: KpiValue): string {
  const def = kpiDefinitions[id];
  const unit = def.unit === "days" ? "d" : "h";
  if (def.kind === "rate") {
    const parts = [`${v.numerator}/${v.denominator}`];
    if (id === "csat" && v.mean !== null && v.mean !== undefined) parts.push(`mean ${v.mean.toFixed(2)}`);
    return parts.join(", ");
  }
  if (def.kind === "nps")
    return `n=${v.n} (${v.promoters} promoters, ${v.passives} passives, ${v.detractors} detractors)`;
  const parts = [`n=${v.n}`];
  if (v.median !== undefined && v.median !== null) parts.push(`median ${oneDecimal(v.median)} ${unit}`);
  if (v.p90 !== undefined && v.p90 !== null) parts.push(`p90 ${oneDecimal(v.p90)} ${unit}`);
  if (v.unanswered !== undefined) parts.push(`${v.unanswered} unanswered`);
  return parts.join(", ");
}

const formatInterval = (v: KpiValue) =>
  v.interval ? `${percent(v.interval[0])}–${percent(v.interval[1])}` : "";

function table(kpis: KpiSet, indent = ""): string[] {
  const rows = kpiIds.map((id) => [
    kpiDefinitions[id].name.en,
    formatKpiValue(id, kpis[id]),
    formatEvidence(id, kpis[id]),
    formatInterval(kpis[id]),
  ]);
  const header = ["KPI", "Value", "Evidence", "95% interval"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

const filterWords: Record<string, string> = {
  segment: "segment",
  touchModel: "touch model",
  owner: "CSM",
  plan: "plan",
};

/** The human table `embark kpi` prints: the period, then every KPI; with a breakdown, one table per key. */
export function formatKpiTable(result: KpiResult): string {
  const { period } = result;
  const out = [
    `KPIs ${period.from} to ${period.to} (exclusive, ${period.timezone}), as of ${result.asOf}`,
    ...(result.filters
      ? [
          `Only accounts with ${Object.entries(result.filters)
            .map(([k, values]) => `${filterWords[k] ?? k} ${values.join(" or ")}`)
            .join(", ")}`,
        ]
      : []),
    "",
    ...table(result.kpis),
  ];
  if (result.breakdown)
    for (const group of result.breakdown.groups)
      out.push("", `${result.breakdown.by} = ${group.key ?? "(none)"}`, ...table(group.kpis, "  "));
  return out.join("\n");
}
