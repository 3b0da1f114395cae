import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import {
  accounts,
  onboardingCriteria,
  onboardingMeetings,
  onboardings,
  onboardingTasks,
} from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { dateInZone, zonedTimeToInstant } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { scheduleMeetings, scheduleTasks, targetDateOf } from "./onboarding-schedule.ts";
import { assertTemplateUsable, chooseTemplate, getTemplate, type Template } from "./onboarding-templates.ts";
import { type Actor, recordOnboardingChange } from "./onboarding-timeline.ts";
import { runningOnboardingId } from "./read-plan.ts";
import { refreshOnboarding } from "./refresh-onboarding.ts";

const MEETING_HOUR = 10;

/** Writes the tasks, meetings and criteria of a new plan from its template. */
async function instantiateTemplate(
  tx: Tx,
  workspace: Workspace,
  o: { id: string; accountId: string; startDate: string; targetDate: string; ownerId: string | null },
  template: Template,
) {
  const { definition } = template;
  const dates = scheduleTasks(o.startDate, definition.tasks, definition.businessDays);
  const ids = new Map(definition.tasks.map((t) => [t.key, randomUUID()]));
  const base = { workspaceId: workspace.id, onboardingId: o.id, accountId: o.accountId };
  if (definition.tasks.length > 0)
    await tx.insert(onboardingTasks).values(
      definition.tasks.map((t, position) => ({
        ...base,
        id: ids.get(t.key)!,
        key: t.key,
        stage: t.stage,
        title: t.title,
        description: t.description ?? null,
        side: t.side,
        measure: t.measure,
        assigneeUserId: t.side === "cs" ? o.ownerId : null,
        startsOn: dates.get(t.key)!.startsOn,
        dueOn: dates.get(t.key)!.dueOn,
        dependsOn: t.dependsOn.map((k) => ids.get(k)!).filter(Boolean),
        source: "template" as const,
        position,
      })),
    );
  const meetingByKey = new Map(definition.meetings.map((m) => [m.key, m]));
  const occurrences = scheduleMeetings(
    o.startDate,
    o.targetDate,
    definition.meetings,
    definition.businessDays,
  );
  if (occurrences.length > 0)
    await tx.insert(onboardingMeetings).values(
      occurrences.map((occ) => {
        const m = meetingByKey.get(occ.key)!;
        const [y, mo, d] = occ.date.split("-").map(Number) as [number, number, number];
        const n = occ.occurrence;
        return {
          ...base,
          type: m.type,
          title: n === 0 ? m.title : { ja: `${m.title.ja}（${n + 1}回目）`, en: `${m.title.en} #${n + 1}` },
          scheduledAt: zonedTimeToInstant(y, mo, d, workspace.settings.timezone, MEETING_HOUR),
          durationMinutes: m.durationMinutes,
        };
      }),
    );
  if (definition.criteria.length > 0)
    await tx.insert(onboardingCriteria).values(
      definition.criteria.map((c, position) => ({
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
        position,
      })),
    );
}

export interface StartOptions {
  templateId?: string | undefined;
  startedAt?: Date | undefined;
  source?: "manual" | "auto" | "import";
  by: Actor;
  now?: Date;
}

/** Starts an onboarding for the account from a template (by id, else the one fitting its touch model). 409 when one is running. */
export async function startOnboarding(
  tx: Tx,
  workspace: Workspace,
  accountId: string,
  options: StartOptions,
) {
  const now = options.now ?? new Date();
  const [account] = await tx
    .select({
      id: accounts.id,
      ownerId: accounts.ownerId,
      touchModel: accounts.touchModel,
      segment: accounts.segment,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspace.id), eq(accounts.id, accountId)))
    // Two starts for one account at once: the second waits, then finds the first running.
    .for("update");
  if (!account) throw notFound("Account");
  if (await runningOnboardingId(tx, workspace.id, accountId))
    throw new AppError("conflict", "The account already has a running onboarding");
  const template = options.templateId
    ? await getTemplate(tx, workspace.id, options.templateId)
    : await chooseTemplate(tx, workspace.id, account);
  assertTemplateUsable(template);
  const startedAt = options.startedAt ?? now;
  const startDate = dateInZone(startedAt, workspace.settings.timezone);
  const targetDate = targetDateOf(
    startDate,
    template.definition.targetDays,
    template.definition.businessDays,
  );
  const [row] = await tx
    .insert(onboardings)
    .values({
      workspaceId: workspace.id,
      accountId,
      templateId: template.id,
      touchModel: account.touchModel,
      ownerId: account.ownerId,
      startedAt,
      targetDate,
      source: options.source ?? "manual",
      resources: template.definition.resources as unknown as Record<string, unknown>[],
      lastProgressAt: startedAt,
    })
    .onConflictDoNothing()
    .returning({ id: onboardings.id });
  if (!row) throw new AppError("conflict", "The account already has an onboarding started at that time");
  await instantiateTemplate(
    tx,
    workspace,
    { id: row.id, accountId, startDate, targetDate, ownerId: account.ownerId },
    template,
  );
  await recordOnboardingChange(
    tx,
    { workspaceId: workspace.id, accountId, onboardingId: row.id },
    "started",
    options.by,
    { templateId: template.id, templateName: template.name, source: options.source ?? "manual", targetDate },
    { occurredAt: startedAt < now ? startedAt : now },
  );
  await refreshOnboarding(tx, workspace, row.id, now);
  return row.id;
}

/**
 * With the `onboarding.autoStart` setting at `onboarding_phase`: starts an onboarding for each
 * written account that was created in, or has just entered, the onboarding phase and has none
 * running. Nothing starts while the workspace has no template.
 */
export async function autoStartOnboardings(
  tx: Tx,
  workspace: Workspace,
  written: readonly { id: string; previousPhase: string | null }[],
  actorUserId: string | null = null,
) {
  if (workspace.settings["onboarding.autoStart"] !== "onboarding_phase") return 0;
  const candidates = written.filter((w) => w.previousPhase !== "onboarding").map((w) => w.id);
  if (candidates.length === 0) return 0;
  // Without any template (all archived) there is nothing to start from; the accounts are still written.
  if (!(await chooseTemplate(tx, workspace.id, { touchModel: null, segment: null }))) return 0;
  let started = 0;
  for (let i = 0; i < candidates.length; i += 2_000) {
    const ids = candidates.slice(i, i + 2_000);
    const rows = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(
        and(
          eq(accounts.workspaceId, workspace.id),
          inArray(accounts.id, ids),
          eq(accounts.lifecyclePhase, "onboarding"),
          sql`not exists (select 1 from ${onboardings} o where o.account_id = ${accounts.id}
            and o.completed_at is null and o.status <> 'churned')`,
        ),
      );
    for (const r of rows) {
      await startOnboarding(tx, workspace, r.id, {
        source: "auto",
        by: { kind: "staff", userId: actorUserId },
      });
      started++;
    }
  }
  return started;
}
