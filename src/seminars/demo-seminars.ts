import { randomUUID } from "node:crypto";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { insertRows } from "../demo/insert-rows.ts";
import { createRandom, happens, mixSeed } from "../demo/seeded-random.ts";
import type { Tx } from "../platform/db/client.ts";
import {
  accounts,
  contacts,
  onboardings,
  seminarInvitations,
  seminarSessions,
  seminars,
  timelineEntries,
} from "../platform/db/schema.ts";
import { dateInZone, zonedTimeToInstant } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

const DAY_MS = 86_400_000;
/** Welcome seminars went on this far back, every other Wednesday. */
const HISTORY_DAYS = 98;

/** Wednesdays at 14:00 (workspace time zone) every `everyDays` from `fromDays` to `toDays` around now. */
function wednesdays(now: Date, tz: string, fromDays: number, toDays: number, everyDays: number, hour = 14) {
  const out: Date[] = [];
  const [y, m, d] = dateInZone(new Date(now.getTime() + fromDays * DAY_MS), tz)
    .split("-")
    .map(Number) as [number, number, number];
  let day = new Date(Date.UTC(y, m - 1, d));
  while (day.getUTCDay() !== 3) day = new Date(day.getTime() + DAY_MS);
  for (; day.getTime() <= now.getTime() + toDays * DAY_MS; day = new Date(day.getTime() + everyDays * DAY_MS))
    out.push(zonedTimeToInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), tz, hour, 0));
  return out;
}

/**
 * The demo's seminars: a welcome seminar every other Wednesday that the low- and tech-touch accounts
 * onboarded in the last three months were invited to (most came), and a training with a few sessions.
 */
export async function generateDemoSeminars(tx: Tx, workspace: Workspace, seed: number, now: Date) {
  const random = createRandom(mixSeed(seed, 9009));
  const tz = workspace.settings.timezone;
  const [welcome] = await tx
    .insert(seminars)
    .values({
      workspaceId: workspace.id,
      kind: "welcome",
      title: { ja: "ウェルカムセミナー：はじめての設定と活用", en: "Welcome seminar: getting set up" },
      description: {
        ja: "導入直後のご担当者さま向けに、初期設定の流れと最初の1か月で押さえたい使い方を60分でご紹介します。質疑応答の時間もあります。",
        en: "For newly onboarded customers: the set-up steps and what to use in your first month, in 60 minutes with time for questions.",
      },
      autoInviteTouchModels: ["low", "tech"],
      autoInviteSince: now,
      reminderHours: 24,
      createdAt: new Date(now.getTime() - (HISTORY_DAYS + 14) * DAY_MS),
    })
    .returning();
  const [training] = await tx
    .insert(seminars)
    .values({
      workspaceId: workspace.id,
      kind: "training",
      title: { ja: "活用トレーニング：レポートとダッシュボード", en: "Training: reports and dashboards" },
      description: {
        ja: "レポートの作り方と、社内で共有するダッシュボードの設定を実際の画面で練習します。",
        en: "Hands-on practice building reports and setting up dashboards to share in your company.",
      },
      reminderHours: 24,
      createdAt: new Date(now.getTime() - 60 * DAY_MS),
    })
    .returning();

  const welcomeTimes = wednesdays(now, tz, -HISTORY_DAYS, 35, 14);
  const trainingTimes = wednesdays(now, tz, -45, 40, 21, 16);
  const sessionRows = [
    ...welcomeTimes.map((startsAt, i) => ({
      id: randomUUID(),
      workspaceId: workspace.id,
      seminarId: welcome!.id,
      startsAt,
      durationMinutes: 60,
      onlineUrl: `https://zoom.us/j/8${String(1000000 + i * 7919).padStart(9, "0")}`,
      capacity: 50,
    })),
    ...trainingTimes.map((startsAt, i) => ({
      id: randomUUID(),
      workspaceId: workspace.id,
      seminarId: training!.id,
      startsAt,
      durationMinutes: 90,
      onlineUrl: `https://teams.microsoft.com/l/meetup-join/demo-training-${i + 1}`,
      capacity: 20,
    })),
  ];
  await insertRows(tx, seminarSessions, sessionRows);
  const welcomeSessions = sessionRows.filter((s) => s.seminarId === welcome!.id);
  const trainingSessions = sessionRows.filter((s) => s.seminarId === training!.id);

  // Low- and tech-touch onboardings of the last months: their contacts were invited to the first
  // welcome seminar after they started.
  const started = await tx
    .select({ accountId: onboardings.accountId, startedAt: onboardings.startedAt })
    .from(onboardings)
    .innerJoin(accounts, eq(accounts.id, onboardings.accountId))
    .where(
      and(
        eq(onboardings.workspaceId, workspace.id),
        gte(onboardings.startedAt, new Date(now.getTime() - HISTORY_DAYS * DAY_MS)),
        sql`coalesce(${onboardings.touchModel}, ${accounts.touchModel}) in ('low', 'tech')`,
      ),
    )
    .orderBy(asc(onboardings.startedAt));
  const people = started.length
    ? await tx
        .select({ id: contacts.id, accountId: contacts.accountId, email: contacts.email })
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, workspace.id),
            inArray(contacts.accountId, [...new Set(started.map((s) => s.accountId))]),
          ),
        )
        .orderBy(asc(contacts.createdAt))
    : [];
  const invitations: (typeof seminarInvitations.$inferInsert)[] = [];
  const entries: (typeof timelineEntries.$inferInsert)[] = [];
  const invite = (
    session: (typeof sessionRows)[number],
    seminar: typeof welcome,
    person: (typeof people)[number],
    invitedAt: Date,
    source: "auto" | "manual" | "follow_up",
    attendRate: number,
  ) => {
    const past = session.startsAt.getTime() < now.getTime();
    const registered = happens(random, past ? 0.85 : 0.55);
    const declined = !registered && happens(random, 0.3);
    const attended = past ? (registered ? happens(random, attendRate) : false) : null;
    invitations.push({
      workspaceId: workspace.id,
      seminarId: session.seminarId,
      sessionId: session.id,
      accountId: person.accountId,
      contactId: person.id,
      contactEmail: person.email.toLowerCase(),
      invitedAt,
      status: registered ? "registered" : declined ? "declined" : "invited",
      respondedAt: registered || declined ? new Date(invitedAt.getTime() + DAY_MS) : null,
      attended,
      source,
      reminderQueuedAt: past && registered ? new Date(session.startsAt.getTime() - DAY_MS) : null,
    });
    const facts = {
      seminarId: session.seminarId,
      sessionId: session.id,
      seminarTitle: seminar!.title,
      seminarKind: seminar!.kind,
      startsAt: session.startsAt.toISOString(),
    };
    if (registered)
      entries.push({
        workspaceId: workspace.id,
        accountId: person.accountId,
        kind: "seminar",
        occurredAt: new Date(invitedAt.getTime() + DAY_MS),
        actorLabel: person.email,
        data: { action: "registered", ...facts, email: person.email },
      });
    if (attended !== null && registered)
      entries.push({
        workspaceId: workspace.id,
        accountId: person.accountId,
        kind: "seminar",
        occurredAt: new Date(session.startsAt.getTime() + 60 * 60_000),
        actorLabel: "attendance report",
        data: { action: attended ? "attended" : "absent", ...facts, email: person.email },
      });
  };
  for (const o of started) {
    const session = welcomeSessions.find((s) => s.startsAt.getTime() > o.startedAt.getTime() + DAY_MS);
    if (!session) continue;
    const own = people.filter((p) => p.accountId === o.accountId).slice(0, 2);
    for (const person of own)
      invite(session, welcome, person, new Date(o.startedAt.getTime() + 60_000), "auto", 0.8);
  }
  // A few accounts were invited to the training by their CSM.
  const trainees = people.filter((_, i) => i % 7 === 0).slice(0, 24);
  trainees.forEach((person, i) => {
    const session = trainingSessions[i % trainingSessions.length];
    if (!session) return;
    invite(
      session,
      training,
      person,
      new Date(session.startsAt.getTime() - 10 * DAY_MS),
      i % 3 === 0 ? "follow_up" : "manual",
      0.75,
    );
  });
  const unique = new Map(invitations.map((i) => [`${i.sessionId}|${i.contactEmail}`, i]));
  await insertRows(tx, seminarInvitations, [...unique.values()]);
  await insertRows(tx, timelineEntries, entries);
}
