import type { lifecyclePhases } from "../accounts/account-fields.ts";
import { AppError } from "../platform/http/errors.ts";

export type LifecyclePhase = (typeof lifecyclePhases)[number];

/** The forward path of a customer; churned can follow any phase, and any phase can follow churned. */
const forward: readonly LifecyclePhase[] = ["onboarding", "adoption", "expansion"];

export interface LifecycleChange {
  lifecyclePhase?: LifecyclePhase;
  churnedAt?: string | null;
}

/**
 * Checks a create (current null) or an edit of the lifecycle phase: onboarding → adoption →
 * expansion only forward; churned needs a churn date; a churn date alone means churned; leaving
 * churned clears the churn date and reason. Returns the phase that results and whether to clear them.
 */
export function checkLifecycleChange(
  current: { lifecyclePhase: string; churnedAt: unknown } | null,
  change: LifecycleChange,
): { lifecyclePhase: LifecyclePhase; clearChurn: boolean } {
  const fail = (path: string, message: string) =>
    new AppError("validation_failed", `${path} ${message}`, [{ path, message }]);
  const before = (current?.lifecyclePhase ?? null) as LifecyclePhase | null;
  const datesChurn = change.churnedAt !== undefined && change.churnedAt !== null;
  const next: LifecyclePhase = change.lifecyclePhase ?? (datesChurn ? "churned" : (before ?? "onboarding"));
  if (next === "churned") {
    const hasDate =
      change.churnedAt !== undefined
        ? change.churnedAt !== null
        : current !== null && current.churnedAt != null;
    if (!hasDate) throw fail("churnedAt", "is required when the lifecycle phase is churned");
  } else if (datesChurn) {
    throw fail("churnedAt", "is only for churned accounts");
  }
  if (before && before !== next && before !== "churned" && next !== "churned") {
    if (forward.indexOf(next) < forward.indexOf(before))
      throw fail("lifecyclePhase", `cannot move back from ${before} to ${next}`);
  }
  return { lifecyclePhase: next, clearChurn: before === "churned" && next !== "churned" };
}
