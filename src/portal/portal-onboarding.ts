import type { Tx } from "../platform/db/client.ts";
import { notFound } from "../platform/http/errors.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { PlanForPortal } from "./portal-view.ts";

/** Who acts in the portal: the identified visitor, as the plan records customers. */
export interface PortalActor {
  contactId: string | null;
  label: string;
}

/** The account's current onboarding (the running one, else the latest), or null. */
export async function portalPlan(
  _tx: Tx,
  _workspace: Workspace,
  _accountId: string,
): Promise<PlanForPortal | null> {
  return null;
}

export async function portalSetTaskStatus(
  _tx: Tx,
  _workspace: Workspace,
  _onboardingId: string,
  _taskId: string,
  _status: "todo" | "done",
  _by: PortalActor,
): Promise<void> {
  throw notFound("Task");
}

export async function portalAgree(_tx: Tx, _workspace: Workspace, _onboardingId: string, _by: PortalActor) {
  throw notFound("Onboarding");
}

export async function portalConfirmCompletion(
  _tx: Tx,
  _workspace: Workspace,
  _onboardingId: string,
  _by: PortalActor,
) {
  throw notFound("Onboarding");
}
