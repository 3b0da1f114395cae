import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { addDays } from "../onboarding/onboarding-schedule.ts";
import { refreshOnboarding } from "../onboarding/refresh-onboarding.ts";
import type { Tx } from "../platform/db/client.ts";
import {
  accounts,
  followUpSuggestions,
  type Localized,
  onboardings,
  onboardingTasks,
  surveyResponses,
} from "../platform/db/schema.ts";
import { queueChatNotification, queueStaffNotification } from "../platform/mail/outbox.ts";
import { dateInZone } from "../platform/time.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import { applySignal } from "../touch-models/apply-signal.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { detractorNotice } from "./survey-mail.ts";

/** Days the CSM gets to call back after a low score. */
const CALL_WITHIN_DAYS = 2;

export interface LowScore {
  responseId: string;
  accountId: string;
  kind: "nps" | "csat" | "custom";
  score: number;
  comment: string | null;
  who: string | null;
  surveyTitle: Localized | null;
}

/**
 * The task as the plan shows it. CS-side tasks also appear in the customer's portal, so the title is
 * neutral; the score and the comment go in the staff-only note.
 */
const taskTitle: Localized = {
  ja: "アンケートのご回答についてお客様へご連絡",
  en: "Call the customer about their survey answer",
};

/**
 * Acts on a low score (NPS 0–6, CSAT 1–2) once per response, in the answer's transaction:
 * a CS-side call task in the account's current onboarding plan (the running one, else the latest),
 * assigned to the account's CSM and recorded as an accepted follow-up with trigger `detractor`, so it
 * shows in the plan and under Needs attention → Accepted; an e-mail to the CSM, a chat notification
 * when the workspace has a webhook, a timeline entry, and the `detractor` touch-model signal.
 * Returns false when the response was handled before.
 */
export async function actOnLowScore(
  tx: Tx,
  workspace: Workspace,
  low: LowScore,
  publicUrl: string,
  now = new Date(),
): Promise<boolean> {
  const claimed = await tx
    .update(surveyResponses)
    .set({ detractorHandledAt: now })
    .where(
      and(
        eq(surveyResponses.workspaceId, workspace.id),
        eq(surveyResponses.id, low.responseId),
        isNull(surveyResponses.detractorHandledAt),
      ),
    )
    .returning({ id: surveyResponses.id });
  if (claimed.length === 0) return false;

  const [account] = await tx
    .select({ name: accounts.name, ownerId: accounts.ownerId, touchModel: accounts.touchModel })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspace.id), eq(accounts.id, low.accountId)));
  if (!account) return false;

  const [onboarding] = await tx
    .select({ id: onboardings.id, ownerId: onboardings.ownerId, completedAt: onboardings.completedAt })
    .from(onboardings)
    .where(and(eq(onboardings.workspaceId, workspace.id), eq(onboardings.accountId, low.accountId)))
    .orderBy(sql`${onboardings.completedAt} is null desc`, desc(onboardings.startedAt))
    .limit(1);
  const csm = account.ownerId ?? onboarding?.ownerId ?? null;
  const today = dateInZone(now, workspace.settings.timezone);
  let taskId: string | null = null;
  let suggestionId: string | null = null;
  if (onboarding) {
    const [{ position }] = (await tx
      .select({ position: sql<number>`coalesce(max(${onboardingTasks.position}), -1)::int + 1` })
      .from(onboardingTasks)
      .where(
        and(eq(onboardingTasks.workspaceId, workspace.id), eq(onboardingTasks.onboardingId, onboarding.id)),
      )) as [{ position: number }];
    const comment = low.comment?.trim();
    const [task] = await tx
      .insert(onboardingTasks)
      .values({
        workspaceId: workspace.id,
        onboardingId: onboarding.id,
        accountId: low.accountId,
        key: `survey-${low.responseId}`,
        stage: "initial_response",
        title: taskTitle,
        internalNote: `${low.kind === "nps" ? "NPS" : "CSAT"} ${low.score}${low.who ? ` (${low.who})` : ""}${comment ? `: ${comment}` : ""}`,
        side: "cs",
        assigneeUserId: csm,
        startsOn: today,
        dueOn: addDays(today, CALL_WITHIN_DAYS),
        source: "follow_up",
        position,
      })
      .returning({ id: onboardingTasks.id });
    taskId = task!.id;
    const [suggestion] = await tx
      .insert(followUpSuggestions)
      .values({
        workspaceId: workspace.id,
        onboardingId: onboarding.id,
        accountId: low.accountId,
        trigger: "detractor",
        action: "call",
        details: {
          reasons: [{ code: "detractor", kind: low.kind, score: low.score }],
          touchModel: account.touchModel,
          stage: "initial_response",
          responseId: low.responseId,
          comment: comment ?? null,
        },
        score: 100,
        status: "accepted",
        taskId,
        decidedAt: now,
        detectedAt: now,
      })
      .returning({ id: followUpSuggestions.id });
    suggestionId = suggestion!.id;
    if (!onboarding.completedAt) await refreshOnboarding(tx, workspace, onboarding.id, now);
  }

  await recordTimeline(tx, {
    workspaceId: workspace.id,
    accountId: low.accountId,
    kind: "follow_up",
    occurredAt: now,
    actorLabel: "Embark",
    data: {
      action: "accepted",
      suggestionId,
      onboardingId: onboarding?.id ?? null,
      trigger: "detractor",
      followUpAction: "call",
      taskId,
      dueOn: taskId ? addDays(today, CALL_WITHIN_DAYS) : null,
      responseId: low.responseId,
      score: low.score,
      surveyKind: low.kind,
    },
  });

  const notice = detractorNotice({
    kind: low.kind,
    score: low.score,
    comment: low.comment,
    accountName: account.name,
    who: low.who,
    surveyTitle: low.surveyTitle,
    accountUrl: `${publicUrl}/accounts/${low.accountId}`,
    taskAdded: taskId !== null,
  });
  if (csm)
    await queueStaffNotification(
      tx,
      workspace.id,
      csm,
      { ja: notice.ja, en: notice.en },
      `survey-detractor:${low.responseId}`,
      {
        accountId: low.accountId,
        category: "notification",
      },
    );
  await queueChatNotification(tx, workspace.id, {
    text: notice.chat,
    dedupeKey: `survey-detractor-chat:${low.responseId}`,
    accountId: low.accountId,
  });
  await applySignal(tx, workspace, low.accountId, {
    type: "detractor",
    score: Math.max(0, Math.min(6, low.score)),
    at: now,
  });
  return true;
}
