import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { loadAuthSecret } from "../platform/auth/better-auth.ts";
import { inWorkspace, type Queryable } from "../platform/db/client.ts";
import {
  accounts,
  contacts,
  informationEnrolments,
  informationSends,
  informationSequences,
  informationSteps,
  workspaces,
} from "../platform/db/schema.ts";
import type { Services } from "../platform/http/context.ts";
import { startRecurringJob } from "../platform/jobs/recurring-job.ts";
import { isMailAddress, queueMail, recipientLocale } from "../platform/mail/outbox.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { informationPortalLink } from "./information-portal-link.ts";
import { renderStep, stepDueAt } from "./render-step.ts";

const DAY_MS = 86_400_000;
/** A step not queued within this long after its time is skipped: day-3 tips on day 10 are noise. */
export const LATE_LIMIT_MS = 3 * DAY_MS;
export const INFORMATION_JOB_EVERY_MS = 10 * 60 * 1000;

export interface InformationRunResult {
  enrolled: number;
  stopped: number;
  queued: number;
}

/** Whether an account (alias `a`) is in a sequence's target (alias `q`): its touch models and segments. */
const inTarget = sql`(cardinality(q.touch_models) = 0 or a.touch_model = any(q.touch_models))
  and (cardinality(q.segments) = 0 or a.segment = any(q.segments))`;

/**
 * One pass over a workspace: enrols running onboardings of matching accounts that started after
 * their sequence was turned on, stops enrolments whose onboarding completed, whose account churned
 * or left the target, and queues every step that is due for each receiving contact. Each step and
 * contact is queued once: the send row's unique key and the outbox `dedupeKey` make a second run, or a
 * second app instance, do nothing.
 */
export async function runInformationEmails(
  tx: Queryable,
  workspace: Workspace,
  options: { now?: Date; secret: string; publicUrl: string },
): Promise<InformationRunResult> {
  const now = options.now ?? new Date();
  const ws = workspace.id;
  const active = await tx
    .select({ id: informationSequences.id, contactRoles: informationSequences.contactRoles })
    .from(informationSequences)
    .where(and(eq(informationSequences.workspaceId, ws), eq(informationSequences.active, true)));
  if (active.length === 0) return { enrolled: 0, stopped: 0, queued: 0 };

  const enrolled = await tx.execute(sql`
    insert into ${informationEnrolments} (workspace_id, sequence_id, onboarding_id, account_id, started_at)
    select ${ws}, q.id, o.id, o.account_id, o.started_at
    from ${informationSequences} q
    join onboardings o on o.workspace_id = q.workspace_id and o.started_at >= q.activated_at
    join accounts a on a.id = o.account_id and a.workspace_id = q.workspace_id
    where q.workspace_id = ${ws} and q.active and o.started_at <= ${now}
      and o.completed_at is null and o.status not in ('completed', 'churned')
      and a.lifecycle_phase <> 'churned' and a.churned_at is null
      and ${inTarget}
    on conflict (sequence_id, onboarding_id) do nothing`);

  const stopped = await tx.execute(sql`
    update ${informationEnrolments} e set stopped_at = ${now}, stop_reason = case
        when o.completed_at is not null or o.status = 'completed' then 'completed'
        when a.lifecycle_phase = 'churned' or a.churned_at is not null or o.status = 'churned' then 'churned'
        else 'left_target' end
    from ${informationSequences} q, onboardings o, accounts a
    where e.workspace_id = ${ws} and e.stopped_at is null and q.id = e.sequence_id and q.active
      and o.id = e.onboarding_id and a.id = e.account_id
      and (o.completed_at is not null or o.status in ('completed', 'churned')
        or a.lifecycle_phase = 'churned' or a.churned_at is not null or not (${inTarget}))`);

  const queued = await queueDueSteps(tx, workspace, active, now, options);
  return {
    enrolled: affected(enrolled),
    stopped: affected(stopped),
    queued,
  };
}

const affected = (result: unknown) =>
  (result as { rowCount?: number; affectedRows?: number }).rowCount ??
  (result as { affectedRows?: number }).affectedRows ??
  0;

async function queueDueSteps(
  tx: Queryable,
  workspace: Workspace,
  sequences: { id: string; contactRoles: string[] }[],
  now: Date,
  options: { secret: string; publicUrl: string },
): Promise<number> {
  const ws = workspace.id;
  const ids = sequences.map((s) => s.id);
  const enrolments = await tx
    .select({
      id: informationEnrolments.id,
      sequenceId: informationEnrolments.sequenceId,
      accountId: informationEnrolments.accountId,
      accountName: accounts.name,
      startedAt: informationEnrolments.startedAt,
    })
    .from(informationEnrolments)
    .innerJoin(accounts, eq(accounts.id, informationEnrolments.accountId))
    .where(
      and(
        eq(informationEnrolments.workspaceId, ws),
        isNull(informationEnrolments.stoppedAt),
        inArray(informationEnrolments.sequenceId, ids),
      ),
    )
    .orderBy(asc(informationEnrolments.id));
  if (enrolments.length === 0) return 0;
  const steps = await tx
    .select()
    .from(informationSteps)
    .where(and(eq(informationSteps.workspaceId, ws), inArray(informationSteps.sequenceId, ids)))
    .orderBy(asc(informationSteps.position));
  const accountIds = [...new Set(enrolments.map((e) => e.accountId))];
  const people = await tx
    .select({
      id: contacts.id,
      accountId: contacts.accountId,
      email: contacts.email,
      name: contacts.name,
      role: contacts.role,
    })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ws), inArray(contacts.accountId, accountIds)))
    .orderBy(asc(contacts.id));
  const sent = new Set(
    (
      await tx
        .select({
          e: informationSends.enrolmentId,
          s: informationSends.stepId,
          c: informationSends.contactId,
        })
        .from(informationSends)
        .innerJoin(informationEnrolments, eq(informationEnrolments.id, informationSends.enrolmentId))
        .where(and(eq(informationSends.workspaceId, ws), isNull(informationEnrolments.stoppedAt)))
    ).map((r) => `${r.e}:${r.s}:${r.c}`),
  );
  const tz = workspace.settings.timezone;
  let queued = 0;
  for (const enrolment of enrolments) {
    const sequence = sequences.find((s) => s.id === enrolment.sequenceId)!;
    const own = steps.filter((s) => s.sequenceId === enrolment.sequenceId);
    const recipients = people.filter(
      (p) =>
        p.accountId === enrolment.accountId &&
        isMailAddress(p.email) &&
        (sequence.contactRoles.length === 0 || (p.role !== null && sequence.contactRoles.includes(p.role))),
    );
    let portalLink: string | null | undefined;
    for (const step of own) {
      const dueAt = stepDueAt(enrolment.startedAt, step.dayOffset, tz);
      if (dueAt.getTime() > now.getTime() || now.getTime() - dueAt.getTime() > LATE_LIMIT_MS) continue;
      for (const contact of recipients) {
        if (sent.has(`${enrolment.id}:${step.id}:${contact.id}`)) continue;
        const locale = await recipientLocale(tx, workspace, contact.id);
        const [claimed] = await tx
          .insert(informationSends)
          .values({
            workspaceId: ws,
            enrolmentId: enrolment.id,
            stepId: step.id,
            contactId: contact.id,
            locale,
            sendAfter: dueAt,
          })
          .onConflictDoNothing()
          .returning({ id: informationSends.id });
        if (!claimed) continue; // another run got there first
        portalLink ??= await informationPortalLink(tx, workspace, enrolment, now, options);
        const mail = renderStep(
          step,
          { accountName: enrolment.accountName, contactName: contact.name, portalLink },
          locale,
        );
        const result = await queueMail(tx, ws, {
          to: contact.email,
          contactId: contact.id,
          accountId: enrolment.accountId,
          locale,
          purpose: "marketing",
          category: "information",
          subject: mail.subject,
          text: mail.text,
          dedupeKey: `information:${enrolment.id}:${step.id}:${contact.id}`,
          sendAfter: dueAt,
        });
        if (result.id)
          await tx
            .update(informationSends)
            .set({ mailId: result.id })
            .where(eq(informationSends.id, claimed.id));
        queued++;
      }
    }
    const last = own.at(-1);
    if (last && stepDueAt(enrolment.startedAt, last.dayOffset, tz).getTime() <= now.getTime())
      await tx
        .update(informationEnrolments)
        .set({ stoppedAt: now, stopReason: "finished" })
        .where(and(eq(informationEnrolments.id, enrolment.id), isNull(informationEnrolments.stoppedAt)));
  }
  return queued;
}

/** Runs the pass over every workspace, each in its own workspace-scoped transaction. */
export async function runInformationEmailsEverywhere(services: Services, now = new Date()) {
  const { db } = services.database;
  const secret = await loadAuthSecret(db, services.config.authSecret);
  const ids = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt));
  const totals: InformationRunResult = { enrolled: 0, stopped: 0, queued: 0 };
  for (const { id } of ids) {
    const workspace = await getWorkspaceById(db, id);
    if (!workspace) continue;
    try {
      const r = await inWorkspace(db, id, (tx) =>
        runInformationEmails(tx, workspace, { now, secret, publicUrl: services.config.publicUrl }),
      );
      if (r.enrolled + r.stopped + r.queued > 0)
        services.log.info({ workspace: workspace.slug, ...r }, "information e-mails");
      totals.enrolled += r.enrolled;
      totals.stopped += r.stopped;
      totals.queued += r.queued;
    } catch (err) {
      services.log.error({ err, workspace: workspace.slug }, "information e-mails failed");
    }
  }
  return totals;
}

/** The background job (started by `embark start`): every 10 minutes. */
export function startInformationEmails(services: Services) {
  return startRecurringJob(services, {
    name: "information-emails",
    everyMs: INFORMATION_JOB_EVERY_MS,
    run: async (s, now) => {
      await runInformationEmailsEverywhere(s, now);
    },
  });
}
