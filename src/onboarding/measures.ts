import type { Localized } from "../platform/db/schema.ts";

export const touchModelKeys = ["high", "low", "tech", "community"] as const;
export type TouchModelKey = (typeof touchModelKeys)[number];

export const measureKeys = [
  "progress_visualisation",
  "setup_on_behalf",
  "manual_faq_video",
  "initial_setup_support",
  "webinar",
  "information_email",
  "dedicated_consulting",
] as const;
export type MeasureKey = (typeof measureKeys)[number];

export interface Measure {
  key: MeasureKey;
  label: Localized;
  description: Localized;
  touchModels: TouchModelKey[];
}

/** The onboarding measures and the touch models each fits. */
export const measures: Measure[] = [
  {
    key: "progress_visualisation",
    label: { ja: "進捗の可視化", en: "Progress visualisation" },
    description: {
      ja: "進捗バー、チェックリスト、パーソナライズされたメッセージで進行状況を共有する",
      en: "Share progress with a progress bar, a checklist and personalised messages",
    },
    touchModels: ["high", "low", "tech"],
  },
  {
    key: "setup_on_behalf",
    label: { ja: "設定代行", en: "Setup on the customer's behalf" },
    description: {
      ja: "基本設定や高度な設定を代行し、顧客の初期負担を軽減する",
      en: "Do the basic and advanced set-up for the customer to lighten their first steps",
    },
    touchModels: ["high"],
  },
  {
    key: "manual_faq_video",
    label: { ja: "マニュアル・FAQ・動画", en: "Manuals, FAQ and videos" },
    description: {
      ja: "操作マニュアル、FAQ、動画チュートリアルを提供する",
      en: "Provide user manuals, FAQ and video tutorials",
    },
    touchModels: ["high", "low", "tech", "community"],
  },
  {
    key: "initial_setup_support",
    label: { ja: "初期設定サポート", en: "Initial-setup support" },
    description: {
      ja: "ライブチャットやチケット、ナレッジベースで顧客の初期設定を支援する",
      en: "Support the customer's initial set-up through live chat, tickets and a knowledge base",
    },
    touchModels: ["high", "low"],
  },
  {
    key: "webinar",
    label: { ja: "ウェビナー", en: "Webinar" },
    description: {
      ja: "ライブウェビナーやオンデマンドウェビナーを実施する",
      en: "Run live or on-demand webinars",
    },
    touchModels: ["low", "tech", "community"],
  },
  {
    key: "information_email",
    label: { ja: "インフォメーションメール", en: "Information e-mail" },
    description: {
      ja: "ニュースレターや成功事例をメールで共有する",
      en: "Share newsletters and success stories by e-mail",
    },
    touchModels: ["tech", "low"],
  },
  {
    key: "dedicated_consulting",
    label: { ja: "専任コンサルティング", en: "Dedicated consulting" },
    description: {
      ja: "専任担当者が定期的にフォローアップし、プランを提案する",
      en: "A dedicated CSM follows up regularly and proposes plans",
    },
    touchModels: ["high"],
  },
];

export const findMeasure = (key: string) => measures.find((m) => m.key === key) ?? null;
