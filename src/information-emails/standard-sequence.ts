import type { Localized } from "../platform/db/schema.ts";
import type { StepCategory } from "./sequence-schemas.ts";

export interface StandardStep {
  dayOffset: number;
  category: StepCategory;
  subject: Localized;
  body: Localized;
}

export const standardSequenceName: Localized = {
  ja: "テックタッチ標準オンボーディングメール",
  en: "Standard tech-touch onboarding e-mails",
};

/**
 * The standard tech-touch sequence (seed 000: 情報提供メール for tech touch): welcome and first steps,
 * set-up tips, a success story, the portal and FAQ, and a check-in — for accounts onboarded without a CSM.
 */
export const standardSteps: StandardStep[] = [
  {
    dayOffset: 0,
    category: "other",
    subject: {
      ja: "{{account_name}}様、ご利用開始ありがとうございます — 最初の3ステップ",
      en: "Welcome aboard, {{account_name}} — your first three steps",
    },
    body: {
      ja: `{{contact_name}} 様

このたびはご契約いただき、誠にありがとうございます。
本日から{{account_name}}様のご利用が始まりました。まずは次の3ステップで、最初の成果までの道のりを短くしましょう。

1. 管理画面にログインし、組織名とタイムゾーンを設定する（約5分）
2. チームメンバーを招待する（CSVで一括招待もできます）
3. サンプルデータで基本操作のチュートリアルを完了する（約15分）

進捗・マニュアル・動画はお客様ポータルでいつでもご覧いただけます：{{portal_link}}

ご不明な点があれば、このメールにそのまま返信してください。`,
      en: `Hello {{contact_name}},

Thank you for choosing us — {{account_name}}'s onboarding starts today.
These three steps get you to your first result fastest:

1. Sign in to the admin console and set your organisation name and time zone (about 5 minutes)
2. Invite your team (a CSV upload invites everyone at once)
3. Finish the getting-started tutorial with the sample data (about 15 minutes)

Your progress, manuals and videos are always in your portal: {{portal_link}}

Questions? Just reply to this e-mail.`,
    },
  },
  {
    dayOffset: 3,
    category: "tips",
    subject: {
      ja: "初期設定のコツ：つまずきやすい3つのポイント",
      en: "Set-up tips: the three places people get stuck",
    },
    body: {
      ja: `{{contact_name}} 様

ご利用開始から数日が経ちました。初期設定でよくいただくご質問から、3つのコツをご紹介します。

・データ取り込み：最初は1部署分の小さなCSVで試し、列の対応づけを保存しておくと2回目以降が一瞬です。
・権限設定：「閲覧のみ」のロールを先に作っておくと、招待後に権限を付け直す手間が省けます。
・通知：通知を日次のまとめにすると、メンバーの通知疲れを防げます。

手順の詳細は操作マニュアルとFAQにまとめています。ポータルからご覧ください：{{portal_link}}`,
      en: `Hello {{contact_name}},

A few days in — here are three tips drawn from the questions we hear most during set-up.

- Importing data: start with a small CSV for one team, and save the column mapping; every later import takes seconds.
- Permissions: create a "view only" role before you invite people, so nobody needs their access changed afterwards.
- Notifications: switch them to a daily digest so your team is not flooded in week one.

The step-by-step guides and the FAQ are in your portal: {{portal_link}}`,
    },
  },
  {
    dayOffset: 10,
    category: "success_story",
    subject: {
      ja: "導入事例：従業員80名の企業が1か月で定着させた方法",
      en: "Success story: how an 80-person company made it stick in one month",
    },
    body: {
      ja: `{{contact_name}} 様

{{account_name}}様と同規模のお客様の事例をご紹介します。

ある従業員80名の販売会社様では、導入初月に次の取り組みで利用率を90%以上に高めました。
・最初の2週間は「毎朝のチーム会で画面を一緒に見る」ことだけをルールにした
・部署ごとに1名の推進担当を決め、質問の窓口を一本化した
・紙とExcelの二重管理を3週目にやめると宣言した

結果として、週次レポートの作成時間が月12時間から2時間に減りました。
「小さく始めて、習慣にする」が成功の近道です。`,
      en: `Hello {{contact_name}},

Here is how a customer of a similar size to {{account_name}} got there.

An 80-person sales company reached over 90% weekly use in their first month by:
- making one rule for the first two weeks: look at the dashboard together in the morning stand-up
- naming one champion per team as the single place for questions
- announcing that the spreadsheet copy would be retired in week three

Their weekly reporting went from 12 hours a month to 2.
Start small and make it a habit — that is what works.`,
    },
  },
  {
    dayOffset: 17,
    category: "tips",
    subject: {
      ja: "困ったときはポータルとFAQへ — 24時間いつでも",
      en: "Stuck? Your portal and FAQ are open 24/7",
    },
    body: {
      ja: `{{contact_name}} 様

操作で迷ったときは、まずポータルとFAQをご覧ください。よくある質問の多くは1分で解決できます。

・オンボーディングの進捗と、残りのタスク
・操作マニュアルと動画チュートリアル
・よくある質問（ログイン、データ取り込み、権限、請求）

ポータルはこちら：{{portal_link}}

それでも解決しない場合は、このメールに返信いただければサポート担当がお答えします。`,
      en: `Hello {{contact_name}},

When something is unclear, your portal and the FAQ answer most questions in a minute:

- your onboarding progress and the tasks left
- manuals and video tutorials
- frequently asked questions (sign-in, importing data, permissions, billing)

Open your portal: {{portal_link}}

If that does not solve it, reply to this e-mail and our support team will help.`,
    },
  },
  {
    dayOffset: 28,
    category: "other",
    subject: {
      ja: "ご利用開始から4週間：ご状況はいかがですか？",
      en: "Four weeks in: how is it going?",
    },
    body: {
      ja: `{{contact_name}} 様

{{account_name}}様のご利用開始から4週間が経ちました。
導入の目的に対して、手応えはいかがでしょうか。

・チームの皆さまは日常的に使えていますか？
・設定や運用で止まっていることはありませんか？

このメールに一言ご返信いただければ、状況に合わせたご案内やオンラインセミナーをご紹介します。
今後ともよろしくお願いいたします。`,
      en: `Hello {{contact_name}},

It has been four weeks since {{account_name}} started.
How are things going against what you set out to achieve?

- Is your team using it day to day?
- Is anything in the set-up or the routine holding you back?

A one-line reply is enough: we will point you to the right guide or an online session for where you are.
Thank you for working with us.`,
    },
  },
];
