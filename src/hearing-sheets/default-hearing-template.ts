import type { HearingQuestion } from "../platform/db/schema.ts";

/**
 * The hearing sheet Embark ships with, built from seed 000: the customer's state, the purpose of
 * adoption and expected outcomes, the stakeholders, the users' skill and literacy, and the
 * completion criteria to agree on (「全ての基本設定が完了している」…) before onboarding starts.
 */
export const defaultHearingTemplateName = "導入ヒアリングシート (Onboarding hearing sheet)";

const l = (ja: string, en: string) => ({ ja, en });

export const defaultHearingQuestions: HearingQuestion[] = [
  {
    id: "department",
    type: "text",
    label: l("導入部門・利用チーム", "Department or team adopting the product"),
    required: true,
  },
  {
    id: "planned_users",
    type: "number",
    label: l("利用予定人数", "Number of planned users"),
    required: false,
  },
  {
    id: "current_challenges",
    type: "text",
    label: l("現在直面している業務上の課題", "Business challenges you face today"),
    required: true,
  },
  {
    id: "current_tools",
    type: "text",
    label: l("現在の業務の進め方・利用中のツール", "How the work is done today and the tools in use"),
    required: false,
  },
  {
    id: "adoption_purpose",
    type: "text",
    label: l("導入の目的", "Purpose of adoption"),
    required: true,
  },
  {
    id: "expected_outcomes",
    type: "text",
    label: l("導入によって期待する成果", "Outcomes you expect from the product"),
    required: true,
  },
  {
    id: "completion_criteria",
    type: "text",
    label: l(
      "オンボーディング完了の基準（例：全ての基本設定が完了している）",
      'What "onboarding complete" means for you (e.g. all basic settings are done)',
    ),
    required: true,
  },
  {
    id: "target_go_live",
    type: "date",
    label: l("本格稼働の目標日", "Target date for full use"),
    required: false,
  },
  {
    id: "decision_maker",
    type: "text",
    label: l("意思決定者（氏名・役職）", "Decision maker (name and title)"),
    required: true,
  },
  {
    id: "champion",
    type: "text",
    label: l("導入推進者（氏名・役職）", "Project champion (name and title)"),
    required: true,
  },
  {
    id: "it_literacy",
    type: "choice",
    label: l("利用者のITリテラシー", "Users' IT literacy"),
    options: [
      { value: "low", label: l("低い（基本操作から支援が必要）", "Low (needs help with basic operations)") },
      {
        value: "medium",
        label: l("標準的（基本操作は問題なし）", "Medium (comfortable with basic operations)"),
      },
      { value: "high", label: l("高い（応用的な活用が可能）", "High (can use advanced features)") },
    ],
    required: true,
  },
  {
    id: "motivation",
    type: "choice",
    label: l("製品利用への意欲", "Users' motivation to use the product"),
    options: [
      { value: "high", label: l("高い", "High") },
      { value: "medium", label: l("普通", "Moderate") },
      { value: "low", label: l("低い", "Low") },
    ],
    required: false,
  },
  {
    id: "setup_support",
    type: "choice",
    label: l("初期設定の進め方のご希望", "How you would like to do the initial setup"),
    options: [
      { value: "self", label: l("自社で設定する", "We set it up ourselves") },
      { value: "guided", label: l("サポートを受けながら設定する", "We set it up with your support") },
      { value: "delegated", label: l("設定代行を希望する", "We would like you to set it up for us") },
    ],
    required: false,
  },
  {
    id: "training_format",
    type: "choice",
    label: l("ご希望のトレーニング形式", "Preferred training format"),
    options: [
      { value: "onsite", label: l("訪問でのトレーニング", "On-site training") },
      { value: "online", label: l("オンライン会議でのトレーニング", "Online training session") },
      { value: "webinar", label: l("ウェビナーへの参加", "Joining a webinar") },
      { value: "self_paced", label: l("マニュアル・動画での自習", "Self-study with manuals and videos") },
    ],
    required: false,
  },
  {
    id: "concerns",
    type: "text",
    label: l("その他のご要望・ご懸念", "Other requests or concerns"),
    required: false,
  },
];
