import { and, eq, max } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { onboardingCriteria } from "../platform/db/schema.ts";
import { notFound } from "../platform/http/errors.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { getEditableOnboardingRow } from "./editable-onboarding.ts";
import { type CriterionInput, type CriterionPatch, checkDefinition } from "./onboarding-schemas.ts";
import { type Actor, labelOf, recordOnboardingChange } from "./onboarding-timeline.ts";
import { clearAgreement } from "./plan-actions.ts";
import { invalid, shortKey, toLocalized } from "./plan-inputs.ts";
import { refreshOnboarding } from "./refresh-onboarding.ts";

type Rule = { event?: string; minActiveUsers?: number; minDays?: number; windowDays?: number };

const ruleOf = (kind: string, c: Rule): Record<string, unknown> =>
  kind === "event"
    ? { event: c.event }
    : kind === "usage"
      ? { minActiveUsers: c.minActiveUsers, minDays: c.minDays, windowDays: c.windowDays }
      : {};

const targetOf = (row: { workspaceId: string; accountId: string; id: string }) => ({
  workspaceId: row.workspaceId,
  accountId: row.accountId,
  onboardingId: row.id,
});

export async function createCriterion(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  input: CriterionInput,
  by: Actor,
) {
  const row = await getEditableOnboardingRow(tx, workspace.id, onboardingId);
  const [last] = await tx
    .select({ position: max(onboardingCriteria.position) })
    .from(onboardingCriteria)
    .where(eq(onboardingCriteria.onboardingId, row.id));
  const title = toLocalized(input.title);
  const [c] = await tx
    .insert(onboardingCriteria)
    .values({
      workspaceId: workspace.id,
      onboardingId: row.id,
      accountId: row.accountId,
      key: shortKey("criterion"),
      title,
      kind: input.kind,
      rule: ruleOf(input.kind, input),
      position: (last?.position ?? -1) + 1,
    })
    .returning({ id: onboardingCriteria.id });
  await recordOnboardingChange(tx, targetOf(row), "criterion_added", by, {
    criterionId: c!.id,
    criterionTitle: title,
  });
  await clearAgreement(tx, row, by, "criteria_changed");
  await refreshOnboarding(tx, workspace, row.id);
  return c!.id;
}

async function getCriterion(tx: Tx, onboardingId: string, criterionId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(criterionId)) throw notFound("Criterion");
  const [c] = await tx
    .select()
    .from(onboardingCriteria)
    .where(and(eq(onboardingCriteria.onboardingId, onboardingId), eq(onboardingCriteria.id, criterionId)));
  if (!c) throw notFound("Criterion");
  return c;
}

/** Edits a criterion (which clears an agreement) or ticks a manual one as met / not met. */
export async function updateCriterion(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  criterionId: string,
  patch: CriterionPatch,
  by: Actor,
) {
  const row = await getEditableOnboardingRow(tx, workspace.id, onboardingId);
  const c = await getCriterion(tx, row.id, criterionId);
  const target = targetOf(row);
  const now = new Date();
  const values: Partial<typeof onboardingCriteria.$inferInsert> = {};
  if (patch.title !== undefined) values.title = toLocalized(patch.title);
  const ruleFields = (["event", "minActiveUsers", "minDays", "windowDays"] as const).filter(
    (f) => patch[f] !== undefined,
  );
  if (ruleFields.length > 0) {
    if (c.kind === "manual") throw invalid(ruleFields[0]!, "applies only to event and usage criteria");
    const rule = { ...(c.rule as Rule), ...Object.fromEntries(ruleFields.map((f) => [f, patch[f]])) };
    const issue = checkDefinition({
      tasks: [],
      meetings: [],
      resources: [],
      criteria: [{ key: "x", kind: c.kind, ...rule }],
    })[0];
    if (issue) throw invalid(String(issue.path.at(-1)), issue.message);
    values.rule = ruleOf(c.kind, rule);
  }
  const edited = Object.keys(values);
  if (patch.met !== undefined && patch.met !== (c.metAt !== null)) {
    if (c.kind !== "manual") throw invalid("met", "only manual criteria are ticked by hand");
    values.metAt = patch.met ? now : null;
    values.metByLabel = patch.met ? await labelOf(tx, by) : null;
    values.evidence = patch.met ? { by: values.metByLabel } : null;
  }
  if (Object.keys(values).length === 0) return;
  await tx
    .update(onboardingCriteria)
    .set({ ...values, updatedAt: now })
    .where(eq(onboardingCriteria.id, c.id));
  const title = values.title ?? c.title;
  if (values.metAt !== undefined)
    await recordOnboardingChange(tx, target, values.metAt ? "criterion_met" : "criterion_unmet", by, {
      criterionId: c.id,
      criterionTitle: title,
    });
  if (edited.length > 0) {
    await recordOnboardingChange(tx, target, "criterion_changed", by, {
      criterionId: c.id,
      criterionTitle: title,
      fields: edited,
    });
    await clearAgreement(tx, row, by, "criteria_changed");
  }
  await refreshOnboarding(tx, workspace, row.id, now);
}

export async function deleteCriterion(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  criterionId: string,
  by: Actor,
) {
  const row = await getEditableOnboardingRow(tx, workspace.id, onboardingId);
  const c = await getCriterion(tx, row.id, criterionId);
  await tx.delete(onboardingCriteria).where(eq(onboardingCriteria.id, c.id));
  await recordOnboardingChange(tx, targetOf(row), "criterion_removed", by, {
    criterionId: c.id,
    criterionTitle: c.title,
  });
  await clearAgreement(tx, row, by, "criteria_changed");
  await refreshOnboarding(tx, workspace, row.id);
}
