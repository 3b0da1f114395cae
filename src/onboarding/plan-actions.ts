import { and, eq } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { onboardings, onboardingTasks } from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { TaskStatus } from "./onboarding-schemas.ts";
import { type Actor, labelOf, recordOnboardingChange } from "./onboarding-timeline.ts";
import { confirmationBlocksOf, getOnboardingRow } from "./read-plan.ts";
import { refreshOnboarding } from "./refresh-onboarding.ts";

export type { Actor } from "./onboarding-timeline.ts";

/** A customer as the plan records them: a contact, or whoever they said they are in the portal. */
type Customer = Omit<Extract<Actor, { kind: "customer" }>, "kind">;

export { currentOnboarding, type Plan, readPlan } from "./read-plan.ts";

const target = (row: { workspaceId: string; accountId: string; id: string }) => ({
  workspaceId: row.workspaceId,
  accountId: row.accountId,
  onboardingId: row.id,
});

const taskActions: Record<TaskStatus, string> = {
  done: "task_done",
  todo: "task_reopened",
  in_progress: "task_started",
  skipped: "task_skipped",
};

/** Moves a task to `status`; done records when and by whom. Nothing happens when it already has it. */
export async function setTaskStatus(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  taskId: string,
  status: TaskStatus,
  by: Actor,
  now: Date = new Date(),
): Promise<void> {
  const row = await getOnboardingRow(tx, workspace.id, onboardingId);
  const [task] = await tx
    .select({ id: onboardingTasks.id, status: onboardingTasks.status, title: onboardingTasks.title })
    .from(onboardingTasks)
    .where(and(eq(onboardingTasks.onboardingId, row.id), eq(onboardingTasks.id, taskId)));
  if (!task) throw notFound("Task");
  if (task.status === status) return;
  const label = await labelOf(tx, by);
  await tx
    .update(onboardingTasks)
    .set({
      status,
      doneAt: status === "done" ? now : null,
      doneByLabel: status === "done" ? label : null,
      updatedAt: now,
    })
    .where(eq(onboardingTasks.id, task.id));
  await recordOnboardingChange(tx, target(row), taskActions[status], by, {
    taskId: task.id,
    taskTitle: task.title,
    from: task.status,
    to: status,
  });
  await refreshOnboarding(tx, workspace, row.id, now);
}

/** The customer agrees to the proposed criteria and due date; 409 if nothing is proposed or it is agreed already. */
export async function agreeToCriteria(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  by: Customer,
  now: Date = new Date(),
): Promise<void> {
  const row = await getOnboardingRow(tx, workspace.id, onboardingId);
  if (!row.proposedAt) throw new AppError("conflict", "No completion criteria have been proposed yet");
  if (row.agreedAt) throw new AppError("conflict", "The proposed criteria are already agreed");
  if (row.completedAt) throw new AppError("conflict", "The onboarding is already completed");
  if (row.status === "churned") throw new AppError("conflict", "The account has churned");
  await tx
    .update(onboardings)
    .set({ agreedAt: now, agreedByContactId: by.contactId, agreedByLabel: by.label, updatedAt: now })
    .where(eq(onboardings.id, row.id));
  await recordOnboardingChange(
    tx,
    target(row),
    "agreed",
    { kind: "customer", ...by },
    {
      targetDate: row.targetDate,
      contactId: by.contactId,
    },
  );
  await refreshOnboarding(tx, workspace, row.id, now);
}

/** The customer confirms completion (sets completedAt); 409 unless the confirmation is available. */
export async function confirmCompletion(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  by: Customer,
  now: Date = new Date(),
): Promise<void> {
  const row = await getOnboardingRow(tx, workspace.id, onboardingId);
  const blocks = await confirmationBlocksOf(tx, row);
  if (blocks.length > 0)
    throw new AppError(
      "conflict",
      `Completion cannot be confirmed yet: ${blocks.join(", ")}`,
      blocks.map((code) => ({ code, message: code })),
    );
  await tx
    .update(onboardings)
    .set({ completedAt: now, completionSource: "customer", completedByLabel: by.label, updatedAt: now })
    .where(eq(onboardings.id, row.id));
  await recordOnboardingChange(
    tx,
    target(row),
    "completed",
    { kind: "customer", ...by },
    { source: "customer" },
  );
  await refreshOnboarding(tx, workspace, row.id, now);
}

/**
 * Clears the customer's agreement after the criteria or the due date changed, so they agree again
 * (the proposal stays: it now names the changed criteria). Does nothing when nothing was agreed.
 */
export async function clearAgreement(
  tx: Tx,
  row: { id: string; workspaceId: string; accountId: string; agreedAt: Date | null },
  by: Actor,
  because: string,
  now: Date = new Date(),
): Promise<boolean> {
  if (!row.agreedAt) return false;
  await tx
    .update(onboardings)
    .set({ agreedAt: null, agreedByContactId: null, agreedByLabel: null, proposedAt: now, updatedAt: now })
    .where(eq(onboardings.id, row.id));
  await recordOnboardingChange(tx, target(row), "agreement_cleared", by, { because });
  return true;
}
