import type { Localized } from "../platform/db/schema.ts";

/** The KPI ids of shared/KPIS.md, in the order they are shown. */
export const kpiIds = [
  "onboarding_completion_rate",
  "completed_within_target_rate",
  "activation_rate",
  "onboarding_churn_rate",
  "avg_days_to_churn",
  "nps",
  "csat",
  "avg_first_response_hours",
  "avg_onboarding_lead_days",
  "welcome_seminar_participation_rate",
] as const;
export type KpiId = (typeof kpiIds)[number];

export interface KpiDefinition {
  id: KpiId;
  name: Localized;
  /** One sentence for a tooltip: how the number is worked out. */
  explanation: Localized;
  direction: "higher" | "lower";
  /** rate: numerator ÷ denominator with a Wilson interval; average: a mean over n items; nps: −100…100. */
  kind: "rate" | "average" | "nps";
  unit: "ratio" | "days" | "hours" | "score";
  /** Over the cohort (onboardings started in the period): split by the account's attributes and start month. */
  population: boolean;
}

export const kpiDefinitions: Record<KpiId, KpiDefinition> = {
  onboarding_completion_rate: {
    id: "onboarding_completion_rate",
    name: { ja: "オンボーディング完了率", en: "Onboarding completion rate" },
    explanation: {
      ja: "期間内に開始したオンボーディングのうち、基準時点までに完了したものの割合です。",
      en: "Of the onboardings started in the period, the share completed by the as-of time.",
    },
    direction: "higher",
    kind: "rate",
    unit: "ratio",
    population: true,
  },
  completed_within_target_rate: {
    id: "completed_within_target_rate",
    name: { ja: "期間内オンボーディング完了比率", en: "Completed within target" },
    explanation: {
      ja: "期間内に開始し目標日数が経過したオンボーディングのうち、開始から目標日数以内に完了したものの割合です。",
      en: "Of the onboardings started in the period whose target days have passed, the share completed within the target days of their start.",
    },
    direction: "higher",
    kind: "rate",
    unit: "ratio",
    population: true,
  },
  activation_rate: {
    id: "activation_rate",
    name: { ja: "アクティベーション率", en: "Activation rate" },
    explanation: {
      ja: "期間内に開始したオンボーディングのうち、基準時点までにアカウントがアクティベーション条件を満たしたものの割合です。",
      en: "Of the onboardings started in the period, the share whose account met the activation definition by the as-of time.",
    },
    direction: "higher",
    kind: "rate",
    unit: "ratio",
    population: true,
  },
  onboarding_churn_rate: {
    id: "onboarding_churn_rate",
    name: { ja: "オンボーディング中の離脱率", en: "Churn during onboarding" },
    explanation: {
      ja: "期間内に開始したオンボーディングのうち、完了前(開始後)にアカウントが解約したものの割合です。",
      en: "Of the onboardings started in the period, the share whose account churned after the start and before completing.",
    },
    direction: "lower",
    kind: "rate",
    unit: "ratio",
    population: true,
  },
  avg_days_to_churn: {
    id: "avg_days_to_churn",
    name: { ja: "平均解約時間", en: "Average days to churn" },
    explanation: {
      ja: "期間内に解約したアカウントについて、契約開始から解約までの日数の平均です。",
      en: "For the accounts that churned in the period, the mean number of days from contract start to churn.",
    },
    direction: "higher",
    kind: "average",
    unit: "days",
    population: false,
  },
  nps: {
    id: "nps",
    name: { ja: "NPS", en: "NPS" },
    explanation: {
      ja: "期間内のNPS回答(0〜10)について、推奨者(9〜10)の割合から批判者(0〜6)の割合を引いた値(−100〜100)です。",
      en: "Over the NPS answers (0–10) in the period, the percentage of promoters (9–10) minus that of detractors (0–6), from −100 to 100.",
    },
    direction: "higher",
    kind: "nps",
    unit: "score",
    population: false,
  },
  csat: {
    id: "csat",
    name: { ja: "顧客満足度 (CSAT)", en: "Customer satisfaction (CSAT)" },
    explanation: {
      ja: "期間内のCSAT回答(1〜5)のうち、4以上の回答の割合です(平均点も表示します)。",
      en: "Of the CSAT answers (1–5) in the period, the share scoring 4 or 5; the mean score is shown too.",
    },
    direction: "higher",
    kind: "rate",
    unit: "ratio",
    population: false,
  },
  avg_first_response_hours: {
    id: "avg_first_response_hours",
    name: { ja: "平均応答時間", en: "Average first response time" },
    explanation: {
      ja: "期間内に受け付けた問い合わせのうち回答済みのものについて、最初の回答までの時間の平均です(中央値、90パーセンタイル、未回答数も表示します)。",
      en: "For the inquiries opened in the period that have been answered, the mean hours to the first response; the median, 90th percentile and unanswered count are shown too.",
    },
    direction: "lower",
    kind: "average",
    unit: "hours",
    population: false,
  },
  avg_onboarding_lead_days: {
    id: "avg_onboarding_lead_days",
    name: { ja: "オンボーディング平均リードタイム", en: "Average onboarding lead time" },
    explanation: {
      ja: "期間内に完了したオンボーディングについて、開始から完了までの日数の平均です(中央値も表示します)。",
      en: "For the onboardings completed in the period, the mean days from start to completion; the median is shown too.",
    },
    direction: "lower",
    kind: "average",
    unit: "days",
    population: false,
  },
  welcome_seminar_participation_rate: {
    id: "welcome_seminar_participation_rate",
    name: { ja: "ウェルカムセミナー参加率", en: "Welcome seminar participation" },
    explanation: {
      ja: "期間内にウェルカムセミナーへ招待したアカウントのうち、招待した担当者の誰かが参加したアカウントの割合です。",
      en: "Of the accounts invited to a welcome seminar in the period, the share where at least one invited contact attended.",
    },
    direction: "higher",
    kind: "rate",
    unit: "ratio",
    population: false,
  },
};
