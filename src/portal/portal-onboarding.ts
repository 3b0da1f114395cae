import { and, eq, sql } from "drizzle-orm";
import { reviewOnboarding } from "../follow-up/review-follow-ups.ts";
import {
  agreeToCriteria,
  confirmCompletion,
  currentOnboarding,
  setTaskStatus,
} from "../onboarding/plan-actions.ts";
import type { Tx } from "../platform/db/client.ts";
import { timelineEntries } from "../platform/db/schema.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { PlanForPortal } from "./portal-view.ts";

/** Who acts in the portal: the identified visitor, as the plan records customers. */
export interface PortalActor {
  contactId: string | null;
  label: string;
}

/** Where a portal action came from: kept on its timeline entry. */
export interface PortalOrigin {
  accountId: string;
  linkId: string;
  visitorId: string;
}

/** The account's current onboarding (the running one, else the latest), or null. */
export function portalPlan(tx: Tx, workspace: Workspace, accountId: string): Promise<PlanForPortal | null> {
  return currentOnboarding(tx, workspace, accountId);
}

/**
 * The plan records what the customer did as an `onboarding` entry; a change made in the portal is
 * one fact, so that entry (written in this transaction) becomes the `portal` entry — its action in
 * the portal's words, the link and visitor it came from — instead of a second entry saying the same.
 */
async function markAsPortal(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  action: string,
  portalAction: string,
  actor: PortalActor,
  origin: PortalOrigin,
) {
  const extra = {
    action: portalAction,
    onboardingAction: action,
    linkId: origin.linkId,
    visitorId: origin.visitorId,
  };
  await tx
    .update(timelineEntries)
    .set({ kind: "portal", data: sql`${timelineEntries.data} || ${JSON.stringify(extra)}::jsonb` })
    .where(
      and(
        eq(timelineEntries.workspaceId, workspace.id),
        eq(timelineEntries.accountId, origin.accountId),
        eq(timelineEntries.kind, "onboarding"),
        eq(timelineEntries.actorLabel, actor.label),
        sql`${timelineEntries.data}->>'onboardingId' = ${onboardingId}`,
        sql`${timelineEntries.data}->>'action' = ${action}`,
        // now() is the transaction's start: only the entry this action wrote.
        sql`${timelineEntries.createdAt} = now()`,
      ),
    );
}

async function afterChange(tx: Tx, workspace: Workspace, onboardingId: string) {
  await reviewOnboarding(tx, workspace, onboardingId);
}

export async function portalSetTaskStatus(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  taskId: string,
  status: "todo" | "done",
  actor: PortalActor,
  origin: PortalOrigin,
): Promise<void> {
  await setTaskStatus(tx, workspace, onboardingId, taskId, status, { kind: "customer", ...actor });
  await markAsPortal(
    tx,
    workspace,
    onboardingId,
    status === "done" ? "task_done" : "task_reopened",
    status === "done" ? "task_done" : "task_undone",
    actor,
    origin,
  );
  await afterChange(tx, workspace, onboardingId);
}

export async function portalAgree(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  actor: PortalActor,
  origin: PortalOrigin,
) {
  await agreeToCriteria(tx, workspace, onboardingId, actor);
  await markAsPortal(tx, workspace, onboardingId, "agreed", "agreed", actor, origin);
  await afterChange(tx, workspace, onboardingId);
}

export async function portalConfirmCompletion(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  actor: PortalActor,
  origin: PortalOrigin,
) {
  await confirmCompletion(tx, workspace, onboardingId, actor);
  await markAsPortal(tx, workspace, onboardingId, "completed", "completion_confirmed", actor, origin);
  await afterChange(tx, workspace, onboardingId);
}
