import type { MailLocale } from "../platform/mail/outbox.ts";
import type { KpiAlert, ReviewReminder } from "./kpi-alerts.ts";
import { type KpiId, kpiDefinitions } from "./kpi-definitions.ts";
import type { TargetScope } from "./kpi-targets.ts";

export interface PeriodAlert extends KpiAlert {
  period: { from: string; to: string };
}

/** A KPI value as the dashboard shows it: rates in %, NPS signed, days and hours with one decimal. */
export function formatTargetValue(kpiId: KpiId, value: number, locale: MailLocale): string {
  const def = kpiDefinitions[kpiId];
  const lang = locale === "en" ? "en" : "ja";
  if (def.unit === "ratio")
    return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(value);
  if (def.kind === "nps")
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);
  const text = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    value,
  );
  if (def.unit === "days") return lang === "ja" ? `${text}日` : `${text} days`;
  return lang === "ja" ? `${text}時間` : `${text} h`;
}

const dimensionLabel = {
  segment: { ja: "セグメント", en: "segment" },
  touch_model: { ja: "タッチモデル", en: "touch model" },
} as const;

function scopeLabel(scope: TargetScope, locale: MailLocale) {
  if (!scope) return locale === "ja" ? "全体" : "overall";
  return `${dimensionLabel[scope.dimension][locale]}: ${scope.value}`;
}

/** "2026年10月" / "October 2026" for a whole month, else the range. */
function periodLabel(period: { from: string; to: string }, locale: MailLocale) {
  const [y, m] = period.from.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.parse(`${period.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const oneMonth = period.from.endsWith("-01") && lastDay.slice(0, 7) === period.from.slice(0, 7);
  if (oneMonth)
    return locale === "ja"
      ? `${y}年${m}月`
      : new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en", {
          month: "long",
          year: "numeric",
          timeZone: "UTC",
        });
  return `${period.from} – ${lastDay}`;
}

/** The digest of new alerts and due reviews sent to managers (mail in ja and en) and to the chat webhook. */
export function kpiAlertNotice(args: {
  alerts: PeriodAlert[];
  reviews: ReviewReminder[];
  publicUrl: string;
}) {
  const { alerts, reviews, publicUrl } = args;
  const dashboardUrl = `${publicUrl}/dashboard`;
  const targetsUrl = `${publicUrl}/dashboard/targets`;
  const alertLine = (a: PeriodAlert, locale: MailLocale) =>
    locale === "ja"
      ? `・${kpiDefinitions[a.kpiId].name.ja}（${scopeLabel(a.scope, "ja")}、${periodLabel(a.period, "ja")}）: ${formatTargetValue(a.kpiId, a.value, "ja")}（目標 ${formatTargetValue(a.kpiId, a.target, "ja")}）`
      : `- ${kpiDefinitions[a.kpiId].name.en} (${scopeLabel(a.scope, "en")}, ${periodLabel(a.period, "en")}): ${formatTargetValue(a.kpiId, a.value, "en")} (target ${formatTargetValue(a.kpiId, a.target, "en")})`;
  const reviewLine = (r: ReviewReminder, locale: MailLocale) =>
    r.kind === "definitions"
      ? locale === "ja"
        ? `・KPIの定義（目標日数・アクティベーション条件）: ${r.dueOn} に見直し時期を迎えました`
        : `- KPI definitions (target days, activation): review due since ${r.dueOn}`
      : locale === "ja"
        ? `・${kpiDefinitions[r.kpiId].name.ja}の目標（${scopeLabel(r.scope, "ja")}）: ${r.dueOn} に見直し時期を迎えました`
        : `- Target for ${kpiDefinitions[r.kpiId].name.en} (${scopeLabel(r.scope, "en")}): review due since ${r.dueOn}`;

  const ja = {
    subject:
      alerts.length > 0
        ? `【KPIアラート】目標を下回っているKPIが${alerts.length}件あります`
        : `【KPI】目標と定義の見直し時期です（${reviews.length}件）`,
    text: [
      ...(alerts.length > 0
        ? [
            "次のKPIが目標を下回り、注意範囲も超えています。内訳を確認して、対応を検討してください。",
            "",
            ...alerts.map((a) => alertLine(a, "ja")),
            "",
            `ダッシュボード: ${dashboardUrl}`,
          ]
        : []),
      ...(reviews.length > 0
        ? [
            ...(alerts.length > 0 ? [""] : []),
            "半年ごとの見直し時期を迎えた目標・定義があります。今の実績に照らして妥当か確認してください。",
            "",
            ...reviews.map((r) => reviewLine(r, "ja")),
            "",
            `目標の設定: ${targetsUrl}`,
          ]
        : []),
    ].join("\n"),
  };
  const en = {
    subject:
      alerts.length > 0
        ? `[KPI alert] ${alerts.length} ${alerts.length === 1 ? "KPI is" : "KPIs are"} off track`
        : `[KPI] Targets and definitions due for review (${reviews.length})`,
    text: [
      ...(alerts.length > 0
        ? [
            "These KPIs are below their target and beyond the warning band. Have a look at the breakdown and decide what to do.",
            "",
            ...alerts.map((a) => alertLine(a, "en")),
            "",
            `Dashboard: ${dashboardUrl}`,
          ]
        : []),
      ...(reviews.length > 0
        ? [
            ...(alerts.length > 0 ? [""] : []),
            "Some targets or definitions have reached their half-yearly review. Check they still fit what the team achieves.",
            "",
            ...reviews.map((r) => reviewLine(r, "en")),
            "",
            `Targets: ${targetsUrl}`,
          ]
        : []),
    ].join("\n"),
  };
  return { ja, en };
}
