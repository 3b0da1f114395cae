import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import {
  contacts,
  informationEnrolments,
  informationSends,
  informationSequences,
  informationSteps,
} from "../platform/db/schema.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { stepDueAt } from "./render-step.ts";
import { createStandardSequence } from "./sequences.ts";

const DAY_MS = 86_400_000;
/** The demo's standard sequence was turned on this long ago. */
const ACTIVE_FOR_DAYS = 45;

/**
 * The demo's information e-mails: the standard tech-touch sequence, on for the last 45 days, with
 * the tech-touch onboardings started since enrolled (stopped where the onboarding completed or the
 * account churned) and the steps already due recorded as sent. Later steps go out through the
 * outbox when the background job finds them due.
 */
export async function generateInformationEmails(tx: Tx, workspace: Workspace, now: Date) {
  const ws = workspace.id;
  const sequence = await createStandardSequence(tx, ws, "ja", null);
  const activatedAt = new Date(now.getTime() - ACTIVE_FOR_DAYS * DAY_MS);
  await tx
    .update(informationSequences)
    .set({ active: true, activatedAt, createdAt: activatedAt, updatedAt: activatedAt })
    .where(and(eq(informationSequences.workspaceId, ws), eq(informationSequences.id, sequence.id)));

  await tx.execute(sql`
    insert into ${informationEnrolments}
      (workspace_id, sequence_id, onboarding_id, account_id, started_at, stopped_at, stop_reason, created_at)
    select ${ws}, ${sequence.id}, o.id, o.account_id, o.started_at,
      case when o.completed_at is not null then o.completed_at
           when a.churned_at is not null then greatest(a.churned_at, o.started_at) end,
      case when o.completed_at is not null then 'completed'
           when a.churned_at is not null then 'churned' end,
      o.started_at
    from onboardings o join accounts a on a.id = o.account_id
    where o.workspace_id = ${ws} and a.touch_model = 'tech'
      and o.started_at >= ${activatedAt} and o.started_at <= ${now}
    on conflict do nothing`);

  const enrolments = await tx
    .select()
    .from(informationEnrolments)
    .where(and(eq(informationEnrolments.workspaceId, ws), eq(informationEnrolments.sequenceId, sequence.id)));
  if (enrolments.length === 0) return;
  const steps = await tx
    .select()
    .from(informationSteps)
    .where(and(eq(informationSteps.workspaceId, ws), eq(informationSteps.sequenceId, sequence.id)))
    .orderBy(asc(informationSteps.position));
  const people = await tx
    .select({ id: contacts.id, accountId: contacts.accountId, locale: contacts.locale })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, ws),
        inArray(
          contacts.accountId,
          enrolments.map((e) => e.accountId),
        ),
      ),
    );
  const tz = workspace.settings.timezone;
  const sends: (typeof informationSends.$inferInsert)[] = [];
  for (const e of enrolments) {
    const until = (e.stoppedAt ?? now).getTime();
    for (const step of steps) {
      const dueAt = stepDueAt(e.startedAt, step.dayOffset, tz);
      if (dueAt.getTime() > until) break;
      for (const p of people.filter((c) => c.accountId === e.accountId))
        sends.push({
          workspaceId: ws,
          enrolmentId: e.id,
          stepId: step.id,
          contactId: p.id,
          locale: p.locale === "en" ? "en" : "ja",
          sendAfter: dueAt,
          createdAt: dueAt,
        });
    }
  }
  for (let i = 0; i < sends.length; i += 500)
    await tx.insert(informationSends).values(sends.slice(i, i + 500));
  // Enrolments whose last step is behind them are done.
  const last = steps.at(-1);
  if (last)
    for (const e of enrolments)
      if (!e.stoppedAt && stepDueAt(e.startedAt, last.dayOffset, tz).getTime() <= now.getTime())
        await tx
          .update(informationEnrolments)
          .set({ stoppedAt: now, stopReason: "finished" })
          .where(eq(informationEnrolments.id, e.id));
}
