import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../platform/db/client.ts";
import { onboardings } from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";

/**
 * The onboarding a staff edit changes, locked for the rest of the transaction so concurrent edits
 * (and the customer's agreement) happen one after another. A completed onboarding's plan, criteria
 * and agreement are history and do not change.
 */
export async function getEditableOnboardingRow(tx: Tx, workspaceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Onboarding");
  const [row] = await tx
    .select()
    .from(onboardings)
    .where(and(eq(onboardings.workspaceId, workspaceId), eq(onboardings.id, id)))
    .for("update");
  if (!row) throw notFound("Onboarding");
  if (row.completedAt)
    throw new AppError("conflict", "The onboarding is completed; its plan no longer changes");
  return row;
}
