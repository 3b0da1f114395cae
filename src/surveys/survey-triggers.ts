import { and, eq, gt, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { inWorkspace, type Tx } from "../platform/db/client.ts";
import {
  accounts,
  contacts,
  onboardings,
  surveySends,
  surveys,
  surveyTriggers,
  workspaces,
} from "../platform/db/schema.ts";
import type { Services } from "../platform/http/context.ts";
import { type RecurringJob, startRecurringJob } from "../platform/jobs/recurring-job.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { createSend } from "./send-survey.ts";

const DAY_MS = 86_400_000;
/** How often the triggers are checked. */
export const SURVEY_TRIGGER_EVERY_MS = 5 * 60 * 1000;

/**
 * Sends what the workspace's survey triggers make due: N days after an onboarding started, or when
 * it completed, to the account's contacts with the trigger's roles (segments / touch models as the
 * trigger limits them). Only onboardings that started (or completed) after the trigger was created
 * count, so a new trigger does not mail every old account. Each (trigger, onboarding, contact) is
 * sent once: the unique send row decides, so two instances running this at once send nothing twice.
 */
export async function runTriggersOf(tx: Tx, workspace: Workspace, publicUrl: string, now = new Date()) {
  const triggers = await tx
    .select({
      trigger: surveyTriggers,
      survey: {
        id: surveys.id,
        title: surveys.title,
        intro: surveys.intro,
        closeAfterDays: surveys.closeAfterDays,
      },
    })
    .from(surveyTriggers)
    .innerJoin(surveys, eq(surveys.id, surveyTriggers.surveyId))
    .where(and(eq(surveyTriggers.workspaceId, workspace.id), isNull(surveys.archivedAt)));
  let sent = 0;
  for (const { trigger, survey } of triggers) {
    const due =
      trigger.kind === "at_completion"
        ? and(gt(onboardings.completedAt, trigger.createdAt), lte(onboardings.completedAt, now))
        : and(
            gt(onboardings.startedAt, trigger.createdAt),
            lte(onboardings.startedAt, new Date(now.getTime() - (trigger.days ?? 0) * DAY_MS)),
          );
    const candidates = await tx
      .select({ onboardingId: onboardings.id, accountId: accounts.id, contactId: contacts.id })
      .from(onboardings)
      .innerJoin(accounts, eq(accounts.id, onboardings.accountId))
      .innerJoin(contacts, eq(contacts.accountId, accounts.id))
      .where(
        and(
          eq(onboardings.workspaceId, workspace.id),
          due,
          ne(accounts.lifecyclePhase, "churned"),
          isNull(contacts.unsubscribedAt),
          trigger.segments.length ? inArray(accounts.segment, trigger.segments) : undefined,
          trigger.touchModels.length ? inArray(accounts.touchModel, trigger.touchModels) : undefined,
          trigger.roles.length ? inArray(contacts.role, trigger.roles) : undefined,
          sql`not exists (select 1 from ${surveySends} s where s.trigger_id = ${trigger.id}
                and s.onboarding_id = ${onboardings.id} and s.contact_id = ${contacts.id})`,
        ),
      )
      .limit(500);
    for (const c of candidates) {
      const created = await createSend(
        tx,
        workspace,
        survey,
        {
          surveyId: survey.id,
          accountId: c.accountId,
          contactId: c.contactId,
          onboardingId: c.onboardingId,
          triggerId: trigger.id,
          source: "trigger",
        },
        publicUrl,
        now,
      );
      if (created) sent++;
    }
  }
  return sent;
}

/** One pass over every workspace (what the recurring job runs). */
export async function runSurveyTriggers(services: Services, now = new Date()) {
  const { db } = services.database;
  const ids = await db.select({ id: workspaces.id }).from(workspaces);
  let sent = 0;
  for (const { id } of ids) {
    const workspace = await getWorkspaceById(db, id);
    if (!workspace) continue;
    sent += await inWorkspace(db, id, (tx) => runTriggersOf(tx, workspace, services.config.publicUrl, now));
  }
  if (sent > 0) services.log.info({ sent }, "survey triggers sent");
  return sent;
}

export function startSurveyTriggers(services: Services): RecurringJob {
  return startRecurringJob(services, {
    name: "survey-triggers",
    everyMs: SURVEY_TRIGGER_EVERY_MS,
    run: (s, now) => runSurveyTriggers(s, now).then(() => {}),
  });
}
