import { eq } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { accounts, inquiries, onboardings } from "../platform/db/schema.ts";
import { zoneOffsetMs } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { insertRows } from "./insert-rows.ts";
import { createRandom, mixSeed, pickOne, pickWeighted, type Random, randomNormal } from "./seeded-random.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Inquiries go back this far, so the response-time KPI has a year of months. */
const HISTORY_DAYS = 400;

/** What customers ask during an onboarding: a subject and the message. */
const topics: readonly [string, string][] = [
  [
    "CSVインポートでエラーが出ます",
    "顧客データのCSVを取り込むと「列が不正です」と表示されます。文字コードはUTF-8で保存しています。",
  ],
  [
    "ユーザーの追加方法を教えてください",
    "新しく配属されたメンバー5名を追加したいのですが、招待メールの送り方が分かりません。",
  ],
  [
    "SSO(シングルサインオン)の設定について",
    "社内のIdPとSAML連携したいです。設定手順の資料があれば送ってください。",
  ],
  ["ログインできません", "パスワードを再設定しても「認証に失敗しました」と表示され、ログインできません。"],
  [
    "通知メールが届きません",
    "タスクの期限通知が届いていないようです。迷惑メールフォルダにもありませんでした。",
  ],
  ["権限設定について", "閲覧のみのユーザーを作りたいのですが、どのロールを選べばよいでしょうか。"],
  ["データのエクスポート方法", "月次の会議資料用に、案件一覧をExcelで出力したいです。"],
  [
    "ダッシュボードの数値が更新されません",
    "昨日登録したデータがダッシュボードに反映されていません。集計のタイミングを教えてください。",
  ],
  ["研修資料の送付のお願い", "先日のトレーニングで使用した資料を、欠席したメンバーにも共有したいです。"],
  ["APIの利用上限について", "夜間バッチでAPIを呼び出す予定です。1分あたりの上限を教えてください。"],
  ["請求書の宛名変更", "来月分から請求書の宛名を経理部宛てに変更したいです。"],
  ["スマートフォンでの利用について", "外出先からスマートフォンで進捗を確認できますか。"],
  [
    "初期設定の代行は可能ですか",
    "社内の担当者の手が回らず、初期設定が進んでいません。代行をお願いできますか。",
  ],
  ["既存システムとの連携", "現在利用している会計システムとデータ連携できるか確認させてください。"],
];

/** How long the first answer took, by channel (log-normal: mostly quick, now and then slow). */
function responseHours(random: Random, channel: string, busy: boolean): number {
  const median = { chat: 0.4, phone: 0.1, email: 5, portal: 7 }[channel] ?? 5;
  const hours = median * Math.exp(0.9 * randomNormal(random)) * (busy ? 1.8 : 1);
  return Math.min(hours, 96);
}

/** A weekday working hour (09:00–18:00 in the zone) on or after `instant`. */
function workingHour(random: Random, instant: number, timeZone: string): number {
  let day = instant;
  for (let i = 0; i < 7; i++) {
    const local = new Date(day + zoneOffsetMs(day, timeZone));
    const weekday = local.getUTCDay();
    if (weekday !== 0 && weekday !== 6) break;
    day += DAY_MS;
  }
  const local = new Date(day + zoneOffsetMs(day, timeZone));
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const wall = midnight + (9 + random() * 9) * HOUR_MS;
  return wall - zoneOffsetMs(wall, timeZone);
}

/**
 * The demo's support inquiries: a few per onboarding while it runs (more for stalled and unhappy
 * accounts), by e-mail, chat, phone and the portal, with Japanese subjects and messages, first
 * responses within hours (chat and phone fast, e-mail slower) and some still unanswered — the
 * newest ones and a few that slipped through.
 */
export async function generateDemoInquiries(tx: Tx, workspace: Workspace, seed: number, now: Date) {
  const rows = await tx
    .select({
      accountId: onboardings.accountId,
      startedAt: onboardings.startedAt,
      completedAt: onboardings.completedAt,
      status: onboardings.status,
      churnedAt: accounts.churnedAt,
    })
    .from(onboardings)
    .innerJoin(accounts, eq(accounts.id, onboardings.accountId))
    .where(eq(onboardings.workspaceId, workspace.id));
  const timeZone = workspace.settings.timezone;
  const oldest = now.getTime() - HISTORY_DAYS * DAY_MS;
  const out: (typeof inquiries.$inferInsert)[] = [];
  rows.forEach((o, i) => {
    const random = createRandom(mixSeed(seed ^ 0x1a0e, i));
    const troubled = o.status === "overdue" || o.status === "at_risk" || o.status === "churned";
    const count = pickWeighted(
      random,
      troubled
        ? [
            [1, 2],
            [2, 3],
            [3, 3],
            [4, 2],
          ]
        : [
            [0, 3],
            [1, 4],
            [2, 3],
            [3, 1],
          ],
    );
    const from = Math.max(o.startedAt.getTime(), oldest);
    const until = Math.min(
      o.completedAt ? o.completedAt.getTime() + 30 * DAY_MS : now.getTime(),
      o.churnedAt ? o.churnedAt.getTime() : now.getTime(),
      now.getTime() - HOUR_MS,
    );
    if (until <= from) return;
    for (let n = 0; n < count; n++) {
      const openedAt = workingHour(random, from + random() * (until - from), timeZone);
      if (openedAt >= now.getTime()) continue;
      const channel = pickWeighted(random, [
        ["email", 5],
        ["chat", 3],
        ["phone", 1],
        ["portal", 1],
      ] as const);
      const [subject, body] = pickOne(random, topics);
      const hours = responseHours(random, channel, troubled);
      const answeredAt = openedAt + hours * HOUR_MS;
      // Not answered yet: the answer would lie in the future, or (rarely) it fell through the cracks.
      const unanswered = answeredAt > now.getTime() || random() < (troubled ? 0.06 : 0.02);
      const resolvedAt = !unanswered && random() < 0.85 ? answeredAt + random() * 72 * HOUR_MS : null;
      const externalId = `INQ-${String(out.length + 1).padStart(5, "0")}`;
      out.push({
        workspaceId: workspace.id,
        accountId: o.accountId,
        externalId,
        dedupeKey: `ext:${externalId}`,
        channel,
        subject,
        body,
        openedAt: new Date(openedAt),
        firstResponseAt: unanswered ? null : new Date(answeredAt),
        resolvedAt: resolvedAt !== null && resolvedAt < now.getTime() ? new Date(resolvedAt) : null,
      });
    }
  });
  // Numbered in the order they were opened, as a ticket system would.
  out.sort((a, b) => (a.openedAt as Date).getTime() - (b.openedAt as Date).getTime());
  out.forEach((row, n) => {
    row.externalId = `INQ-${String(n + 1).padStart(5, "0")}`;
    row.dedupeKey = `ext:${row.externalId}`;
  });
  await insertRows(tx, inquiries, out);
  return { inquiries: out.length };
}
