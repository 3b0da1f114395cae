import { count, eq } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { onboardingCriteria, onboardings } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { dateInZone } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { getEditableOnboardingRow } from "./editable-onboarding.ts";
import { type Actor, labelOf, recordOnboardingChange } from "./onboarding-timeline.ts";
import { clearAgreement } from "./plan-actions.ts";
import { refreshOnboarding } from "./refresh-onboarding.ts";

const targetOf = (row: { workspaceId: string; accountId: string; id: string }) => ({
  workspaceId: row.workspaceId,
  accountId: row.accountId,
  onboardingId: row.id,
});

/** Changes the due date; after an agreement the customer has to agree again. */
export async function changeTargetDate(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  targetDate: string | null,
  by: Actor,
) {
  const row = await getEditableOnboardingRow(tx, workspace.id, onboardingId);
  if (row.targetDate === targetDate) return;
  if (targetDate && targetDate < dateInZone(row.startedAt, workspace.settings.timezone))
    throw new AppError("validation_failed", "The due date is before the start", [
      { path: "targetDate", message: "must not be before the start date" },
    ]);
  await tx.update(onboardings).set({ targetDate, updatedAt: new Date() }).where(eq(onboardings.id, row.id));
  await recordOnboardingChange(tx, targetOf(row), "target_date_changed", by, {
    from: row.targetDate,
    to: targetDate,
  });
  await clearAgreement(tx, row, by, "target_date_changed");
  await refreshOnboarding(tx, workspace, row.id);
}

/** Proposes the current criteria and due date to the customer (needs at least one criterion and a due date). */
export async function proposeCriteria(tx: Tx, workspace: Workspace, onboardingId: string, by: Actor) {
  const row = await getEditableOnboardingRow(tx, workspace.id, onboardingId);
  if (row.agreedAt) throw new AppError("conflict", "The customer has already agreed to the current criteria");
  const [criteria] = await tx
    .select({ n: count() })
    .from(onboardingCriteria)
    .where(eq(onboardingCriteria.onboardingId, row.id));
  const missing = [
    ...((criteria?.n ?? 0) === 0 ? [{ path: "criteria", message: "at least one criterion is needed" }] : []),
    ...(row.targetDate ? [] : [{ path: "targetDate", message: "a due date is needed" }]),
  ];
  if (missing.length > 0)
    throw new AppError(
      "conflict",
      `Cannot propose yet: ${missing.map((m) => m.message).join("; ")}`,
      missing,
    );
  const now = new Date();
  await tx
    .update(onboardings)
    .set({ proposedAt: now, proposedBy: by.kind === "staff" ? by.userId : null, updatedAt: now })
    .where(eq(onboardings.id, row.id));
  await recordOnboardingChange(tx, targetOf(row), "proposed", by, { targetDate: row.targetDate });
  await refreshOnboarding(tx, workspace, row.id, now);
}

/** The CSM completes the onboarding with a reason when the customer cannot confirm it. */
export async function completeByCsm(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  reason: string,
  by: Actor,
) {
  const row = await getEditableOnboardingRow(tx, workspace.id, onboardingId);
  const now = new Date();
  const label = await labelOf(tx, by);
  await tx
    .update(onboardings)
    .set({
      completedAt: now,
      completionSource: "csm",
      completionReason: reason,
      completedByLabel: label,
      updatedAt: now,
    })
    .where(eq(onboardings.id, row.id));
  await recordOnboardingChange(
    tx,
    targetOf(row),
    "completed",
    by,
    { source: "csm", reason },
    { body: reason },
  );
  await refreshOnboarding(tx, workspace, row.id, now);
}
