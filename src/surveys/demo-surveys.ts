import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { insertRows } from "../demo/insert-rows.ts";
import { createRandom, mixSeed, pickOne, type Random } from "../demo/seeded-random.ts";
import type { Tx } from "../platform/db/client.ts";
import {
  accounts,
  contacts,
  onboardings,
  surveyResponses,
  surveySends,
  surveys,
  surveyTriggers,
  timelineEntries,
} from "../platform/db/schema.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { hashSurveyToken, newSurveyToken } from "./survey-links.ts";

const DAY_MS = 86_400_000;
/** Responses go back this far, so the responses screen and the monthly NPS have history. */
const HISTORY_DAYS = 240;

const comments = {
  detractor: [
    "初期設定が想像以上に難しく、社内展開が止まっています。",
    "問い合わせへの返信が遅く、作業が進みませんでした。",
    "機能は多いのですが、どこから使えばいいのか分かりません。",
    "担当者が変わってから連絡が少なくなった印象です。",
    "CSVの取り込みでエラーが多発し、手作業が増えました。",
    "費用に見合う効果がまだ実感できていません。",
  ],
  passive: [
    "おおむね満足ですが、レポートの自由度がもう少し欲しいです。",
    "使い方は分かってきましたが、現場への定着はこれからです。",
    "トレーニングは分かりやすかったです。資料がもう少し欲しいです。",
    "動作が時々重くなるのが気になります。",
  ],
  promoter: [
    "導入支援が丁寧で、想定より早く立ち上がりました。",
    "ダッシュボードで進捗が一目で分かり、社内報告が楽になりました。",
    "担当の方のレスポンスが早く、安心して任せられます。",
    "他部署にもぜひ広げたいと考えています。",
    "ウェルカムセミナーが分かりやすく、すぐに使い始められました。",
  ],
};

type Mood = "happy" | "mixed" | "unhappy";

function npsScore(random: Random, mood: Mood): number {
  const r = random();
  if (mood === "happy")
    return r < 0.6
      ? 9 + Math.floor(random() * 2)
      : r < 0.9
        ? 7 + Math.floor(random() * 2)
        : 5 + Math.floor(random() * 2);
  if (mood === "mixed")
    return r < 0.25 ? 9 : r < 0.65 ? 7 + Math.floor(random() * 2) : 3 + Math.floor(random() * 4);
  return r < 0.75 ? Math.floor(random() * 7) : 7 + Math.floor(random() * 2);
}

function csatScore(random: Random, mood: Mood): number {
  const r = random();
  if (mood === "happy") return r < 0.55 ? 5 : r < 0.9 ? 4 : 3;
  if (mood === "mixed") return r < 0.35 ? 4 : r < 0.75 ? 3 : 2;
  return r < 0.6 ? 1 + Math.floor(random() * 2) : 3;
}

const bandOfNps = (s: number) => (s <= 6 ? "detractor" : s <= 8 ? "passive" : "promoter");
const bandOfCsat = (s: number) => (s <= 2 ? "detractor" : s === 3 ? "passive" : "promoter");

/**
 * The demo's surveys: an NPS survey sent 30 days into each onboarding and a CSAT survey at its
 * completion, with sends and answers over the last months in keeping with each account's state
 * (a stalled or churned account answers low, a completed one mostly high) and Japanese comments.
 * The triggers start now, so they send nothing for the generated history.
 */
export async function generateDemoSurveys(tx: Tx, workspace: Workspace, seed: number, now: Date) {
  const [nps, csat] = await tx
    .insert(surveys)
    .values([
      {
        workspaceId: workspace.id,
        kind: "nps" as const,
        title: { ja: "サービス推奨度アンケート（NPS）", en: "How likely are you to recommend us? (NPS)" },
        intro: {
          ja: "導入から1か月が経ちました。今後のご支援に活かすため、率直なご意見をお聞かせください。",
          en: "It has been a month since you started. Please tell us honestly how it is going.",
        },
        closeAfterDays: 14,
        createdAt: new Date(now.getTime() - 300 * DAY_MS),
      },
      {
        workspaceId: workspace.id,
        kind: "csat" as const,
        title: { ja: "オンボーディング満足度アンケート（CSAT）", en: "Onboarding satisfaction (CSAT)" },
        intro: {
          ja: "オンボーディングの完了、おめでとうございます。これまでのご支援への満足度を教えてください。",
          en: "Congratulations on completing the onboarding. How satisfied are you with our support?",
        },
        questions: [
          {
            id: "q_training",
            type: "scale" as const,
            text: { ja: "トレーニングの分かりやすさ", en: "How clear was the training?" },
            required: false,
          },
        ],
        closeAfterDays: 14,
        createdAt: new Date(now.getTime() - 300 * DAY_MS),
      },
    ])
    .returning({ id: surveys.id });
  await tx.insert(surveyTriggers).values([
    {
      workspaceId: workspace.id,
      surveyId: nps!.id,
      kind: "days_after_start" as const,
      days: 30,
      roles: ["decision_maker", "champion"],
      createdAt: now,
    },
    {
      workspaceId: workspace.id,
      surveyId: csat!.id,
      kind: "at_completion" as const,
      roles: ["decision_maker"],
      createdAt: now,
    },
  ]);

  const rows = await tx
    .select({
      onboardingId: onboardings.id,
      accountId: onboardings.accountId,
      startedAt: onboardings.startedAt,
      completedAt: onboardings.completedAt,
      status: onboardings.status,
      phase: accounts.lifecyclePhase,
      usage: accounts.usageFrequency,
    })
    .from(onboardings)
    .innerJoin(accounts, eq(accounts.id, onboardings.accountId))
    .where(eq(onboardings.workspaceId, workspace.id));
  const people = await tx
    .select({
      id: contacts.id,
      accountId: contacts.accountId,
      email: contacts.email,
      name: contacts.name,
      role: contacts.role,
    })
    .from(contacts)
    .where(
      and(eq(contacts.workspaceId, workspace.id), inArray(contacts.role, ["decision_maker", "champion"])),
    );
  const contactsOf = new Map<string, typeof people>();
  for (const p of people) contactsOf.set(p.accountId, [...(contactsOf.get(p.accountId) ?? []), p]);

  const sends: (typeof surveySends.$inferInsert)[] = [];
  const responses: (typeof surveyResponses.$inferInsert)[] = [];
  const entries: (typeof timelineEntries.$inferInsert)[] = [];
  const oldest = now.getTime() - HISTORY_DAYS * DAY_MS;
  rows.forEach((o, i) => {
    const random = createRandom(mixSeed(seed ^ 0x5e7e, i));
    const who = contactsOf.get(o.accountId);
    if (!who?.length) return;
    const mood: Mood =
      o.phase === "churned" || o.status === "overdue"
        ? "unhappy"
        : o.status === "at_risk" || o.usage === "monthly" || o.usage === "inactive"
          ? random() < 0.5
            ? "unhappy"
            : "mixed"
          : o.completedAt
            ? random() < 0.8
              ? "happy"
              : "mixed"
            : random() < 0.6
              ? "happy"
              : "mixed";
    const plan: { survey: typeof nps; kind: "nps" | "csat"; at: number; onboardingId: string }[] = [];
    const day30 = o.startedAt.getTime() + 30 * DAY_MS;
    if (day30 < now.getTime() - DAY_MS && day30 > oldest)
      plan.push({ survey: nps, kind: "nps", at: day30, onboardingId: o.onboardingId });
    if (o.completedAt && o.completedAt.getTime() > oldest && o.completedAt.getTime() < now.getTime() - DAY_MS)
      plan.push({ survey: csat, kind: "csat", at: o.completedAt.getTime(), onboardingId: o.onboardingId });
    for (const p of plan) {
      const contact = pickOne(random, who);
      const sendId = randomUUID();
      const sentAt = new Date(p.at + 9 * 3_600_000);
      const closesAt = new Date(sentAt.getTime() + 14 * DAY_MS);
      const answers = random() < (mood === "unhappy" ? 0.5 : 0.7);
      sends.push({
        id: sendId,
        workspaceId: workspace.id,
        surveyId: p.survey!.id,
        accountId: o.accountId,
        contactId: contact.id,
        onboardingId: p.onboardingId,
        triggerId: null,
        tokenHash: hashSurveyToken(newSurveyToken()),
        source: "trigger",
        sentBy: null,
        sentAt,
        closesAt,
        openedAt: answers || random() < 0.4 ? new Date(sentAt.getTime() + 5 * 3_600_000) : null,
      });
      if (!answers) continue;
      const answeredAt = new Date(
        Math.min(now.getTime() - 3_600_000, sentAt.getTime() + (6 + random() * 120) * 3_600_000),
      );
      const score = p.kind === "nps" ? npsScore(random, mood) : csatScore(random, mood);
      const band = p.kind === "nps" ? bandOfNps(score) : bandOfCsat(score);
      const comment = random() < (band === "passive" ? 0.5 : 0.75) ? pickOne(random, comments[band]) : null;
      const responseId = randomUUID();
      const extra: Record<string, number> =
        p.kind === "csat" && random() < 0.8
          ? { q_training: Math.max(1, Math.min(5, score + (random() < 0.5 ? 0 : -1))) }
          : {};
      responses.push({
        id: responseId,
        workspaceId: workspace.id,
        surveyId: p.survey!.id,
        sendId,
        kind: p.kind,
        score,
        comment,
        answers: extra,
        accountId: o.accountId,
        contactId: contact.id,
        contactEmail: contact.email,
        source: random() < 0.85 ? "link" : "portal",
        answeredAt,
        updatedAt: answeredAt,
        detractorHandledAt: null,
      });
      const label = p.kind === "nps" ? "NPS" : "CSAT";
      entries.push({
        workspaceId: workspace.id,
        accountId: o.accountId,
        kind: "survey_response",
        title: `${p.kind === "nps" ? "サービス推奨度アンケート（NPS）" : "オンボーディング満足度アンケート（CSAT）"}: ${label} ${score}${comment ? ` — 「${comment}」` : ""}`,
        body: comment,
        meetingType: null,
        occurredAt: answeredAt,
        actorUserId: null,
        actorLabel: contact.name ?? contact.email,
        data: {
          action: "answered",
          responseId,
          surveyId: p.survey!.id,
          surveyKind: p.kind,
          score,
          comment,
          source: "link",
        },
      });
    }
  });
  await insertRows(tx, surveySends, sends);
  await insertRows(tx, surveyResponses, responses);
  await insertRows(tx, timelineEntries, entries);
  return { sends: sends.length, responses: responses.length };
}
