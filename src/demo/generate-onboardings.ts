import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { addDays, scheduleMeetings, scheduleTasks, targetDateOf } from "../onboarding/onboarding-schedule.ts";
import { templateDefinition } from "../onboarding/onboarding-schemas.ts";
import { ensureDefaultTemplates } from "../onboarding/onboarding-templates.ts";
import { refreshRunningOnboardings } from "../onboarding/refresh-onboarding.ts";
import type { Tx } from "../platform/db/client.ts";
import {
  accounts,
  onboardingCriteria,
  onboardingMeetings,
  onboardings,
  onboardingTasks,
  onboardingTemplates,
  timelineEntries,
} from "../platform/db/schema.ts";
import { dateInZone, zonedTimeToInstant } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { demoResources } from "./demo-resources.ts";
import { insertRows } from "./insert-rows.ts";
import { createRandom, mixSeed, pickWeighted, randomInt } from "./seeded-random.ts";

type Scenario = "completed" | "on_track" | "stalled" | "not_agreed" | "overdue" | "churned";
type Template = {
  id: string;
  name: string;
  touchModel: string;
  definition: ReturnType<typeof templateDefinition.parse>;
};

/** The instant `hour`:00 on a date in the workspace zone. */
function at(date: string, tz: string, hour = 15) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return zonedTimeToInstant(y, m, d, tz, hour);
}

/**
 * Gives the demo accounts onboardings in realistic states: completed ones in past months for
 * accounts past onboarding, running ones on track, stalled, not agreed or overdue for accounts in
 * onboarding, and abandoned ones for some churned accounts. Everything is written set-based.
 */
export async function generateOnboardings(tx: Tx, workspace: Workspace, seed: number, now: Date) {
  const tz = workspace.settings.timezone;
  const today = dateInZone(now, tz);
  await ensureDefaultTemplates(tx, workspace.id, { resources: demoResources });
  const templates: Template[] = (
    await tx
      .select()
      .from(onboardingTemplates)
      .where(and(eq(onboardingTemplates.workspaceId, workspace.id), isNull(onboardingTemplates.archivedAt)))
  ).map((t) => ({ ...t, definition: templateDefinition.parse(t.definition) }));
  const templateFor = (touch: string | null) =>
    templates.find((t) => t.touchModel === touch) ??
    templates.find((t) => t.touchModel === (touch === "community" ? "tech" : "low"))!;
  const list = await tx
    .select({
      id: accounts.id,
      externalId: accounts.externalId,
      ownerId: accounts.ownerId,
      touchModel: accounts.touchModel,
      phase: accounts.lifecyclePhase,
      churnedAt: accounts.churnedAt,
    })
    .from(accounts)
    .where(eq(accounts.workspaceId, workspace.id))
    .orderBy(accounts.externalId);

  const rows = {
    onboardings: [] as (typeof onboardings.$inferInsert)[],
    tasks: [] as (typeof onboardingTasks.$inferInsert)[],
    meetings: [] as (typeof onboardingMeetings.$inferInsert)[],
    criteria: [] as (typeof onboardingCriteria.$inferInsert)[],
    timeline: [] as (typeof timelineEntries.$inferInsert)[],
  };

  list.forEach((account, index) => {
    const random = createRandom(mixSeed(seed ^ 0x0b0a, index));
    const scenario: Scenario | null =
      account.phase === "onboarding"
        ? pickWeighted(random, [
            ["on_track", 55],
            ["stalled", 15],
            ["not_agreed", 10],
            ["overdue", 20],
          ] as const)
        : account.phase === "churned"
          ? random() < 0.5
            ? "churned"
            : null
          : random() < 0.9
            ? "completed"
            : null;
    if (!scenario) return;
    const template = templateFor(account.touchModel);
    const def = template.definition;
    const length = def.targetDays;
    const ago =
      scenario === "completed"
        ? randomInt(random, length + 20, 400)
        : scenario === "churned"
          ? randomInt(random, length + 30, 300)
          : scenario === "overdue"
            ? randomInt(random, Math.round(length * 0.6), length + 20)
            : scenario === "not_agreed"
              ? randomInt(random, 15, Math.max(16, Math.round(length * 0.5)))
              : randomInt(random, 3, Math.max(4, length - 5));
    const startDate = addDays(today, -ago);
    const startedAt = at(startDate, tz, 10);
    const targetDate = targetDateOf(startDate, length, def.businessDays);
    const dates = scheduleTasks(startDate, def.tasks, def.businessDays);
    const completedOn =
      scenario === "completed" ? addDays(startDate, Math.round(length * (0.75 + random() * 0.55))) : null;
    const id = randomUUID();
    // Tasks due before this day are done.
    const doneBefore =
      completedOn ??
      (scenario === "stalled"
        ? addDays(today, -randomInt(random, 16, 25))
        : scenario === "overdue"
          ? addDays(today, -randomInt(random, 8, 20))
          : scenario === "churned"
            ? addDays(startDate, Math.round(length * 0.3))
            : today);
    const agreed = scenario !== "not_agreed" && ago > 7;
    const base = { workspaceId: workspace.id, onboardingId: id, accountId: account.id };
    const ids = new Map(def.tasks.map((t) => [t.key, randomUUID()]));
    let lastDone = startedAt;
    def.tasks.forEach((t, position) => {
      let { startsOn, dueOn } = dates.get(t.key)!;
      const done =
        dueOn < doneBefore || (completedOn !== null && dueOn <= completedOn) || completedOn !== null;
      if (!done && scenario === "stalled" && dueOn < today) {
        // the CSM moved the open dates out; nothing has moved since
        startsOn = addDays(today, -2);
        dueOn = addDays(today, randomInt(random, 3, 12));
      }
      const doneOn = done ? (dueOn < today ? dueOn : addDays(today, -1)) : null;
      const doneAt = doneOn ? at(doneOn, tz, randomInt(random, 9, 18)) : null;
      if (doneAt && doneAt > lastDone) lastDone = doneAt;
      rows.tasks.push({
        ...base,
        id: ids.get(t.key)!,
        key: t.key,
        stage: t.stage,
        title: t.title,
        description: null,
        side: t.side,
        measure: t.measure,
        assigneeUserId: t.side === "cs" ? account.ownerId : null,
        assigneeContactId: null,
        startsOn,
        dueOn,
        dependsOn: t.dependsOn.map((k) => ids.get(k)!),
        status: done ? "done" : dueOn <= today && startsOn <= today ? "in_progress" : "todo",
        doneAt,
        doneByLabel: doneAt && t.side === "cs" ? "CS" : null,
        internalNote: null,
        source: "template",
        position,
      });
    });
    const meetingByKey = new Map(def.meetings.map((m) => [m.key, m]));
    for (const occ of scheduleMeetings(startDate, targetDate, def.meetings, def.businessDays)) {
      const m = meetingByKey.get(occ.key)!;
      const held = completedOn ? occ.date <= completedOn : occ.date < doneBefore && occ.date < today;
      rows.meetings.push({
        ...base,
        type: m.type,
        title:
          occ.occurrence === 0
            ? m.title
            : {
                ja: `${m.title.ja}（${occ.occurrence + 1}回目）`,
                en: `${m.title.en} #${occ.occurrence + 1}`,
              },
        scheduledAt: at(completedOn && m.type === "completion" ? completedOn : occ.date, tz, 10),
        durationMinutes: m.durationMinutes,
        location: null,
        heldAt:
          held || (completedOn && m.type === "completion")
            ? at(completedOn && m.type === "completion" ? completedOn : occ.date, tz, 11)
            : null,
        notes: null,
      });
    }
    def.criteria.forEach((c, position) => {
      const met =
        completedOn !== null || (c.kind === "manual" && scenario === "on_track" && ago > length * 0.6);
      rows.criteria.push({
        ...base,
        key: c.key,
        title: c.title,
        kind: c.kind,
        rule:
          c.kind === "event"
            ? { event: c.event }
            : c.kind === "usage"
              ? { minActiveUsers: c.minActiveUsers, minDays: c.minDays, windowDays: c.windowDays }
              : {},
        metAt: met ? at(completedOn ?? addDays(today, -1), tz, 9) : null,
        metByLabel: met ? (c.kind === "manual" ? "CS" : "Embark") : null,
        evidence: null,
        position,
      });
    });
    const completedAt = completedOn ? at(completedOn, tz, 16) : null;
    const byCsm = completedOn !== null && random() < 0.15;
    rows.onboardings.push({
      id,
      workspaceId: workspace.id,
      accountId: account.id,
      templateId: template.id,
      touchModel: account.touchModel,
      ownerId: account.ownerId,
      startedAt,
      targetDate,
      proposedAt: agreed || scenario === "not_agreed" ? at(addDays(startDate, 3), tz, 14) : null,
      proposedBy: agreed || scenario === "not_agreed" ? account.ownerId : null,
      agreedAt: agreed ? at(addDays(startDate, 6), tz, 17) : null,
      agreedByLabel: agreed ? "ご担当者様" : null,
      completedAt,
      completionSource: completedAt ? (byCsm ? "csm" : "customer") : null,
      completionReason: byCsm ? "完了確認ミーティングで口頭合意済み" : null,
      completedByLabel: completedAt ? (byCsm ? "CS" : "ご担当者様") : null,
      source: "manual",
      resources: def.resources as unknown as Record<string, unknown>[],
      progress: completedAt ? 1 : 0,
      lastProgressAt: completedAt ?? lastDone,
      status: completedAt ? "completed" : "on_track",
      statusReasons: completedAt ? [{ code: "completed", source: byCsm ? "csm" : "customer" }] : [],
    });
    const entry = { workspaceId: workspace.id, accountId: account.id, kind: "onboarding", actorUserId: null };
    rows.timeline.push({
      ...entry,
      occurredAt: startedAt,
      actorLabel: null,
      data: { action: "started", onboardingId: id, templateId: template.id, templateName: template.name },
    });
    if (completedAt)
      rows.timeline.push({
        ...entry,
        occurredAt: completedAt,
        actorLabel: byCsm ? null : "ご担当者様",
        data: { action: "completed", onboardingId: id, source: byCsm ? "csm" : "customer" },
      });
  });

  await insertRows(tx, onboardings, rows.onboardings);
  for (const [table, list] of [
    [onboardingTasks, rows.tasks],
    [onboardingMeetings, rows.meetings],
    [onboardingCriteria, rows.criteria],
    [timelineEntries, rows.timeline],
  ] as const)
    for (let i = 0; i < list.length; i += 5_000)
      await insertRows(tx, table, list.slice(i, i + 5_000) as never);
  await refreshRunningOnboardings(tx, workspace, now);
  return rows.onboardings.length;
}
