import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../platform/db/client.ts";
import { accounts } from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { recordTouchModelChanges, refreshClassifications } from "../segmentation/refresh-classifications.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { touchModel } from "./touch-model-policy.ts";

const reason = z.string().trim().min(1, "a reason is required").max(2000);
export const touchModelOverrideInput = z.object({ touchModel, reason });
export type TouchModelOverrideInput = z.infer<typeof touchModelOverrideInput>;
export const touchModelOverrideRemoval = z.object({ reason });
export type TouchModelOverrideRemoval = z.infer<typeof touchModelOverrideRemoval>;

async function readOverride(tx: Queryable, workspaceId: string, accountId: string) {
  if (!z.uuid().safeParse(accountId).success) throw notFound("Account");
  const [row] = await tx
    .select({ override: accounts.touchModelOverride })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)))
    .for("update");
  if (!row) throw notFound("Account");
  return row.override;
}

async function writeOverride(tx: Queryable, workspaceId: string, accountId: string, value: string | null) {
  await tx
    .update(accounts)
    .set({ touchModelOverride: value, updatedAt: new Date() })
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)));
}

/** A CSM pins one account's touch model, with a reason kept in the history. */
export async function overrideTouchModel(
  tx: Queryable,
  workspace: Workspace,
  accountId: string,
  input: TouchModelOverrideInput,
  actorUserId: string | null,
) {
  const before = await readOverride(tx, workspace.id, accountId);
  if (before === input.touchModel) {
    // Same override again: nothing changes but the new reason is kept.
    await recordTouchModelChanges(tx, [
      {
        workspaceId: workspace.id,
        accountId,
        fromModel: before,
        toModel: before,
        source: "override",
        reason: input.reason,
        actorUserId,
      },
    ]);
    return;
  }
  await writeOverride(tx, workspace.id, accountId, input.touchModel);
  await refreshClassifications(tx, workspace, [accountId], { overrideReason: input.reason, actorUserId });
}

/** Returns the account to the policy (reason required, kept in the history). */
export async function removeTouchModelOverride(
  tx: Queryable,
  workspace: Workspace,
  accountId: string,
  input: TouchModelOverrideRemoval,
  actorUserId: string | null,
) {
  const before = await readOverride(tx, workspace.id, accountId);
  if (!before) throw new AppError("conflict", "The account has no touch-model override");
  await writeOverride(tx, workspace.id, accountId, null);
  await refreshClassifications(tx, workspace, [accountId], { overrideReason: input.reason, actorUserId });
}
