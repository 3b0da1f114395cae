import type { KpiValue } from "../kpis/compute-kpis.ts";
import type { KpiDefinition, KpiId } from "../kpis/kpi-definitions.ts";
import { kpiDefinitions } from "../kpis/kpi-definitions.ts";
import type { NotableChange, ReportBreakdownDimension, ReportLanguage } from "./report-model.ts";

type Status = KpiValue["status"];

/** The report's words in Japanese and English. */
export const reportText = {
  ja: {
    title: "月次KPIレポート",
    subtitle: (workspace: string, month: string) => `${workspace} ・ ${month}`,
    meta: (period: string, tz: string, asOf: string) => `対象期間 ${period}(${tz})・集計時点 ${asOf}`,
    sections: {
      summary: "サマリー",
      notable: "注目すべき変化",
      kpis: "KPI一覧",
      funnel: "ファネル(今月開始したオンボーディング)",
      trend: "12か月の推移",
      breakdowns: "内訳",
      voices: "お客様の声",
      definitions: "KPIの定義",
    },
    columns: {
      kpi: "KPI",
      value: "今月",
      previous: "前月",
      change: "前月比",
      target: "目標",
      status: "状況",
      evidence: "根拠",
      interval: "95%信頼区間",
      trend: "推移",
      group: "グループ",
      started: "開始数",
      month: "月",
      score: "スコア",
      account: "アカウント",
      comment: "コメント",
      answeredAt: "回答日",
      survey: "アンケート",
      definition: "定義",
      count: "件数",
      share: "開始数に対する割合",
      section: "区分",
      note: "補足",
    },
    status: {
      on_track: "順調",
      at_risk: "注意",
      off_track: "未達",
      no_data: "データなし",
      no_target: "目標未設定",
    } satisfies Record<Status, string>,
    dimensions: {
      segment: "セグメント別",
      touch_model: "タッチモデル別",
      owner: "担当CSM別",
    } satisfies Record<ReportBreakdownDimension, string>,
    funnel: { started: "開始", activated: "アクティベーション", completed: "完了" },
    bands: { detractor: "批判者・不満", promoter: "推奨者・満足" },
    none: "(未設定)",
    noVoices: "今月のコメント付き回答はありません。",
    noGroups: "データがありません。",
    noNotable: "前月から目立った変化はなく、目標を下回っているKPIもありません。",
    noFunnel: "今月開始したオンボーディングはありません。",
    notable: (n: NotableChange, name: string, f: (v: number | null) => string, delta: string) => {
      switch (n.kind) {
        case "off_track":
          return `「${name}」は${f(n.current)}で、目標の${f(n.target)}に届いておらず未達です。対策の検討が必要です。`;
        case "at_risk":
          return `「${name}」は${f(n.current)}で、目標の${f(n.target)}をわずかに下回る注意水準です。`;
        case "improved":
          return `「${name}」が前月の${f(n.previous)}から${f(n.current)}へ改善しました(${delta})。`;
        case "worsened":
          return `「${name}」が前月の${f(n.previous)}から${f(n.current)}へ悪化しました(${delta})。`;
      }
    },
    evidence: {
      rate: (num: number, den: number) => `${num} / ${den}`,
      mean: (v: string) => `平均 ${v}`,
      n: (n: number) => `n = ${n}`,
      median: (v: string) => `中央値 ${v}`,
      p90: (v: string) => `90%点 ${v}`,
      unanswered: (n: number) => `未回答 ${n}件`,
      nps: (p: number, pa: number, d: number) => `推奨者 ${p}・中立者 ${pa}・批判者 ${d}`,
    },
    units: { days: "日", hours: "時間", points: "pt" },
    generatedBy: "Embark で作成",
    touchModels: {
      high: "ハイタッチ",
      low: "ロータッチ",
      tech: "テックタッチ",
      community: "コミュニティタッチ",
    },
    surveys: { nps: "NPS", csat: "CSAT" },
  },
  en: {
    title: "Monthly KPI report",
    subtitle: (workspace: string, month: string) => `${workspace} · ${month}`,
    meta: (period: string, tz: string, asOf: string) => `Period ${period} (${tz}) · as of ${asOf}`,
    sections: {
      summary: "Summary",
      notable: "Notable changes",
      kpis: "KPIs",
      funnel: "Funnel (onboardings started this month)",
      trend: "12-month trend",
      breakdowns: "Breakdowns",
      voices: "Voice of the customer",
      definitions: "How the KPIs are defined",
    },
    columns: {
      kpi: "KPI",
      value: "This month",
      previous: "Previous month",
      change: "Change",
      target: "Target",
      status: "Status",
      evidence: "Evidence",
      interval: "95% interval",
      trend: "Trend",
      group: "Group",
      started: "Started",
      month: "Month",
      score: "Score",
      account: "Account",
      comment: "Comment",
      answeredAt: "Answered",
      survey: "Survey",
      definition: "Definition",
      count: "Count",
      share: "Share of started",
      section: "Section",
      note: "Note",
    },
    status: {
      on_track: "On track",
      at_risk: "At risk",
      off_track: "Off track",
      no_data: "No data",
      no_target: "No target",
    } satisfies Record<Status, string>,
    dimensions: { segment: "By segment", touch_model: "By touch model", owner: "By CSM" } satisfies Record<
      ReportBreakdownDimension,
      string
    >,
    funnel: { started: "Started", activated: "Activated", completed: "Completed" },
    bands: { detractor: "Detractors / dissatisfied", promoter: "Promoters / satisfied" },
    none: "(none)",
    noVoices: "No answers with a comment this month.",
    noGroups: "No data.",
    noNotable: "No large moves from the previous month, and no KPI is below its target.",
    noFunnel: "No onboardings started this month.",
    notable: (n: NotableChange, name: string, f: (v: number | null) => string, delta: string) => {
      switch (n.kind) {
        case "off_track":
          return `${name} is ${f(n.current)}, off track against the target of ${f(n.target)}: it needs action.`;
        case "at_risk":
          return `${name} is ${f(n.current)}, at risk just short of the target of ${f(n.target)}.`;
        case "improved":
          return `${name} improved from ${f(n.previous)} to ${f(n.current)} (${delta}).`;
        case "worsened":
          return `${name} worsened from ${f(n.previous)} to ${f(n.current)} (${delta}).`;
      }
    },
    evidence: {
      rate: (num: number, den: number) => `${num} / ${den}`,
      mean: (v: string) => `mean ${v}`,
      n: (n: number) => `n = ${n}`,
      median: (v: string) => `median ${v}`,
      p90: (v: string) => `p90 ${v}`,
      unanswered: (n: number) => `${n} unanswered`,
      nps: (p: number, pa: number, d: number) => `${p} promoters, ${pa} passives, ${d} detractors`,
    },
    units: { days: " days", hours: " h", points: " pt" },
    generatedBy: "Made with Embark",
    touchModels: { high: "High touch", low: "Low touch", tech: "Tech touch", community: "Community touch" },
    surveys: { nps: "NPS", csat: "CSAT" },
  },
} as const;

export type ReportText = (typeof reportText)[ReportLanguage];

export function touchModelLabel(key: string, lang: ReportLanguage): string {
  return (reportText[lang].touchModels as Record<string, string>)[key] ?? key;
}

const locale = (lang: ReportLanguage) => (lang === "en" ? "en-US" : "ja-JP");

function decimal(lang: ReportLanguage, digits: number, signed = false) {
  return new Intl.NumberFormat(locale(lang), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    ...(signed ? { signDisplay: "exceptZero" as const } : {}),
  });
}

/** A KPI value as people read it: rates as %, NPS in points, days and hours with their unit. */
export function formatKpiNumber(def: KpiDefinition, value: number | null, lang: ReportLanguage): string {
  if (value === null) return "–";
  const u = reportText[lang].units;
  if (def.kind === "rate")
    return new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 1 }).format(value);
  if (def.kind === "nps") return decimal(lang, 1).format(value);
  return `${decimal(lang, 1).format(value)}${def.unit === "days" ? u.days : u.hours}`;
}

/** The change from the previous month: percentage points for rates, points for NPS, the unit otherwise. */
export function formatKpiChange(def: KpiDefinition, change: number | null, lang: ReportLanguage): string {
  if (change === null) return "–";
  const u = reportText[lang].units;
  const f = decimal(lang, 1, true);
  if (def.kind === "rate") return `${f.format(change * 100)}${u.points}`;
  if (def.kind === "nps") return f.format(change);
  return `${f.format(change)}${def.unit === "days" ? u.days : u.hours}`;
}

/** Numerator/denominator or n, and what else the KPI reports (KPIS.md's evidence). */
export function formatKpiEvidence(id: KpiId, v: KpiValue, lang: ReportLanguage): string {
  const def = kpiDefinitions[id];
  const e = reportText[lang].evidence;
  const unitValue = (x: number) => formatKpiNumber(def, x, lang);
  if (def.kind === "rate") {
    const parts = [e.rate(v.numerator ?? 0, v.denominator ?? 0)];
    if (id === "csat" && v.mean !== null && v.mean !== undefined)
      parts.push(e.mean(decimal(lang, 2).format(v.mean)));
    return parts.join(lang === "ja" ? "、" : ", ");
  }
  if (def.kind === "nps")
    return `${e.n(v.n ?? 0)} (${e.nps(v.promoters ?? 0, v.passives ?? 0, v.detractors ?? 0)})`;
  const parts = [e.n(v.n ?? 0)];
  if (v.median !== undefined && v.median !== null) parts.push(e.median(unitValue(v.median)));
  if (v.p90 !== undefined && v.p90 !== null) parts.push(e.p90(unitValue(v.p90)));
  if (v.unanswered !== undefined) parts.push(e.unanswered(v.unanswered));
  return parts.join(lang === "ja" ? "、" : ", ");
}

export function formatInterval(v: KpiValue, lang: ReportLanguage): string {
  if (!v.interval) return "";
  const f = new Intl.NumberFormat(locale(lang), {
    style: "percent",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return `${f.format(v.interval[0])} – ${f.format(v.interval[1])}`;
}

/** "2026年3月" / "March 2026". */
export function formatMonth(month: string, lang: ReportLanguage, style: "long" | "short" = "long"): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(locale(lang), {
    year: "numeric",
    month: style === "long" ? "long" : "short",
    timeZone: "UTC",
  }).format(date);
}

/** A calendar date (YYYY-MM-DD) or an instant, as a date in the workspace zone. */
export function formatDay(value: string, timeZone: string, lang: ReportLanguage): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale(lang), {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? "UTC" : timeZone,
  }).format(instant);
}

export function formatInstant(value: string, timeZone: string, lang: ReportLanguage): string {
  return new Intl.DateTimeFormat(locale(lang), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(value));
}

/** The period's last day (the day before the exclusive `to`) as a calendar date. */
export function lastDay(to: string): string {
  return new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The notable change as a sentence in the report's language. */
export function describeNotable(n: NotableChange, lang: ReportLanguage): string {
  const def = kpiDefinitions[n.kpi];
  const t = reportText[lang];
  const f = (v: number | null) => formatKpiNumber(def, v, lang);
  const delta =
    n.current !== null && n.previous !== null ? formatKpiChange(def, n.current - n.previous, lang) : "";
  return t.notable(n, def.name[lang], f, delta);
}

/** The group label of a breakdown row (null key: accounts without the attribute). */
export const groupLabel = (g: { key: string | null; label: string }, lang: ReportLanguage) =>
  g.key === null ? reportText[lang].none : g.label || g.key;

/** The KPIs a breakdown table shows (all of them would not fit on A4). */
export const breakdownKpis: KpiId[] = [
  "onboarding_completion_rate",
  "activation_rate",
  "onboarding_churn_rate",
  "nps",
  "avg_onboarding_lead_days",
];

/** Whether a change goes the good way (true), the bad way (false) or not at all (null). */
export function isGoodChange(def: KpiDefinition, change: number | null): boolean | null {
  if (change === null || change === 0) return null;
  return def.direction === "higher" ? change > 0 : change < 0;
}
