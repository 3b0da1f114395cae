import { reviewOnboarding } from "../follow-up/review-follow-ups.ts";
import {
  agreeToCriteria,
  confirmCompletion,
  currentOnboarding,
  setTaskStatus,
} from "../onboarding/plan-actions.ts";
import type { Tx } from "../platform/db/client.ts";
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

/** The customer as the plan records them, acting through this portal link. */
const customer = (actor: PortalActor, origin: PortalOrigin) => ({
  kind: "customer" as const,
  ...actor,
  via: { linkId: origin.linkId, visitorId: origin.visitorId },
});

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
  await setTaskStatus(tx, workspace, onboardingId, taskId, status, customer(actor, origin));
  await afterChange(tx, workspace, onboardingId);
}

export async function portalAgree(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  actor: PortalActor,
  origin: PortalOrigin,
) {
  await agreeToCriteria(tx, workspace, onboardingId, customer(actor, origin));
  await afterChange(tx, workspace, onboardingId);
}

export async function portalConfirmCompletion(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  actor: PortalActor,
  origin: PortalOrigin,
) {
  await confirmCompletion(tx, workspace, onboardingId, customer(actor, origin));
  await afterChange(tx, workspace, onboardingId);
}
