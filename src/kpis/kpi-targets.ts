import { and, asc, eq, lte } from "drizzle-orm";
import type { Db, Queryable, Tx } from "../platform/db/client.ts";
import { kpiTargets, users, workspaces } from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { dateInZone } from "../platform/time.ts";
import { updateSettings, type Workspace } from "../workspaces/workspaces.ts";
import type { KpiResult, KpiSet } from "./compute-kpis.ts";
import { type KpiId, kpiDefinitions, kpiIds } from "./kpi-definitions.ts";
import { addMonths, effectiveTarget, REVIEW_MONTHS, targetStatus } from "./kpi-targets-logic.ts";

/** The breakdown dimensions a target can be scoped to. */
export const targetScopeDimensions = ["segment", "touch_model"] as const;
export type TargetScopeDimension = (typeof targetScopeDimensions)[number];
export type TargetScope = { dimension: TargetScopeDimension; value: string } | null;

export interface KpiTarget {
  id: string;
  kpiId: KpiId;
  scope: TargetScope;
  effectiveFrom: string;
  value: number;
  warningBand: number;
  reviewOn: string;
  note: string | null;
  setBy: { id: string; name: string; email: string } | null;
  setAt: Date;
  updatedAt: Date;
  reviewedAt: Date | null;
  /** current: applies today; upcoming: starts later; past: replaced by a later one. */
  state: "current" | "upcoming" | "past";
  /** A current target whose review date has come. */
  reviewDue: boolean;
}

export interface TargetInput {
  kpiId: KpiId;
  scope?: TargetScope;
  effectiveFrom: string;
  value: number;
  warningBand?: number;
  reviewOn?: string;
  note?: string | null;
}
export type TargetPatch = Partial<Omit<TargetInput, "kpiId" | "scope">>;

type Row = typeof kpiTargets.$inferSelect;

const scopeOf = (row: Pick<Row, "scopeDimension" | "scopeValue">): TargetScope =>
  row.scopeDimension === "" ? null : { dimension: row.scopeDimension, value: row.scopeValue };
const scopeKey = (row: Pick<Row, "kpiId" | "scopeDimension" | "scopeValue">) =>
  `${row.kpiId}\u0000${row.scopeDimension}\u0000${row.scopeValue}`;

export const todayIn = (workspace: Workspace, now = new Date()) =>
  dateInZone(now, workspace.settings.timezone);

/** What a target's value and band may be for the KPI's unit; the error names the field. */
function checkRange(kpiId: KpiId, value: number | undefined, band: number | undefined) {
  const { unit, kind } = kpiDefinitions[kpiId];
  const [min, max, bandMax, what] =
    unit === "ratio"
      ? [0, 1, 1, "a share from 0 to 1 (0.6 = 60%)"]
      : kind === "nps"
        ? [-100, 100, 200, "an NPS from -100 to 100"]
        : [0, 100_000, 100_000, `a number of ${unit} (0 or more)`];
  const details = [];
  if (value !== undefined && (!Number.isFinite(value) || value < min || value > max))
    details.push({ path: "value", message: `must be ${what}` });
  if (band !== undefined && (!Number.isFinite(band) || band < 0 || band > bandMax))
    details.push({
      path: "warningBand",
      message: `must be from 0 to ${bandMax}, in the KPI's unit${unit === "ratio" ? " (0.05 = 5 points)" : ""}`,
    });
  if (details.length > 0)
    throw new AppError(
      "validation_failed",
      `The target is not valid: ${details[0]!.path} ${details[0]!.message}`,
      details,
    );
}

function checkMonthStart(date: string | undefined) {
  if (date !== undefined && !/^\d{4}-\d{2}-01$/.test(date))
    throw new AppError("validation_failed", "effectiveFrom must be the first day of a month (YYYY-MM-01)", [
      { path: "effectiveFrom", message: "must be the first day of a month" },
    ]);
}

async function selectTargets(tx: Queryable, workspaceId: string) {
  return tx
    .select({ target: kpiTargets, user: { id: users.id, name: users.name, email: users.email } })
    .from(kpiTargets)
    .leftJoin(users, eq(users.id, kpiTargets.setByUserId))
    .where(eq(kpiTargets.workspaceId, workspaceId))
    .orderBy(
      asc(kpiTargets.kpiId),
      asc(kpiTargets.scopeDimension),
      asc(kpiTargets.scopeValue),
      asc(kpiTargets.effectiveFrom),
    );
}

function toTargets(rows: Awaited<ReturnType<typeof selectTargets>>, today: string): KpiTarget[] {
  const current = new Map<string, string>();
  for (const { target } of rows)
    if (target.effectiveFrom <= today) current.set(scopeKey(target), target.effectiveFrom);
  return rows.map(({ target: t, user }) => {
    const state =
      t.effectiveFrom > today
        ? "upcoming"
        : current.get(scopeKey(t)) === t.effectiveFrom
          ? "current"
          : "past";
    return {
      id: t.id,
      kpiId: t.kpiId as KpiId,
      scope: scopeOf(t),
      effectiveFrom: t.effectiveFrom,
      value: t.value,
      warningBand: t.warningBand,
      reviewOn: t.reviewOn,
      note: t.note,
      setBy: user?.id ? user : null,
      setAt: t.createdAt,
      updatedAt: t.updatedAt,
      reviewedAt: t.reviewedAt,
      state,
      reviewDue: state === "current" && t.reviewOn <= today,
    };
  });
}

/** Every target of the workspace (by KPI, scope and start), each marked current, upcoming or past. */
export async function listTargets(tx: Tx, workspace: Workspace, now = new Date()): Promise<KpiTarget[]> {
  return toTargets(await selectTargets(tx, workspace.id), todayIn(workspace, now));
}

async function getTarget(tx: Tx, workspace: Workspace, id: string, now = new Date()) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("Target");
  const rows = await selectTargets(tx, workspace.id);
  const found = toTargets(rows, todayIn(workspace, now)).find((t) => t.id === id);
  if (!found) throw notFound("Target");
  return found;
}

async function assertFree(
  tx: Tx,
  workspaceId: string,
  key: Pick<Row, "kpiId" | "scopeDimension" | "scopeValue" | "effectiveFrom">,
  except?: string,
) {
  const [clash] = await tx
    .select({ id: kpiTargets.id })
    .from(kpiTargets)
    .where(
      and(
        eq(kpiTargets.workspaceId, workspaceId),
        eq(kpiTargets.kpiId, key.kpiId),
        eq(kpiTargets.scopeDimension, key.scopeDimension),
        eq(kpiTargets.scopeValue, key.scopeValue),
        eq(kpiTargets.effectiveFrom, key.effectiveFrom),
      ),
    );
  if (clash && clash.id !== except)
    throw new AppError(
      "conflict",
      `A target for ${key.kpiId}${key.scopeDimension ? ` (${key.scopeDimension} ${key.scopeValue})` : ""} already starts on ${key.effectiveFrom}; change that one instead`,
      [{ path: "effectiveFrom", message: "already has a target", id: clash.id }],
    );
}

/** Sets a target from a month on; the review date defaults to six months from today. */
export async function createTarget(
  tx: Tx,
  workspace: Workspace,
  input: TargetInput,
  userId: string | null,
  now = new Date(),
): Promise<KpiTarget> {
  checkMonthStart(input.effectiveFrom);
  checkRange(input.kpiId, input.value, input.warningBand ?? 0);
  const key = {
    kpiId: input.kpiId,
    scopeDimension: input.scope?.dimension ?? "",
    scopeValue: input.scope?.value.trim() ?? "",
    effectiveFrom: input.effectiveFrom,
  } as const;
  await assertFree(tx, workspace.id, key);
  const [row] = await tx
    .insert(kpiTargets)
    .values({
      workspaceId: workspace.id,
      ...key,
      value: input.value,
      warningBand: input.warningBand ?? 0,
      reviewOn: input.reviewOn ?? addMonths(todayIn(workspace, now), REVIEW_MONTHS),
      note: input.note?.trim() || null,
      setByUserId: userId,
    })
    .returning({ id: kpiTargets.id });
  return getTarget(tx, workspace, row!.id, now);
}

/** Changes a target's value, band, start, review date or note. */
export async function updateTarget(
  tx: Tx,
  workspace: Workspace,
  id: string,
  patch: TargetPatch,
  userId: string | null,
  now = new Date(),
): Promise<KpiTarget> {
  const existing = await getTarget(tx, workspace, id, now);
  checkMonthStart(patch.effectiveFrom);
  checkRange(existing.kpiId, patch.value, patch.warningBand);
  if (patch.effectiveFrom && patch.effectiveFrom !== existing.effectiveFrom)
    await assertFree(
      tx,
      workspace.id,
      {
        kpiId: existing.kpiId,
        scopeDimension: existing.scope?.dimension ?? "",
        scopeValue: existing.scope?.value ?? "",
        effectiveFrom: patch.effectiveFrom,
      },
      id,
    );
  await tx
    .update(kpiTargets)
    .set({
      ...(patch.effectiveFrom !== undefined && { effectiveFrom: patch.effectiveFrom }),
      ...(patch.value !== undefined && { value: patch.value }),
      ...(patch.warningBand !== undefined && { warningBand: patch.warningBand }),
      ...(patch.reviewOn !== undefined && { reviewOn: patch.reviewOn }),
      ...(patch.note !== undefined && { note: patch.note?.trim() || null }),
      setByUserId: userId ?? undefined,
      updatedAt: now,
    })
    .where(and(eq(kpiTargets.workspaceId, workspace.id), eq(kpiTargets.id, id)));
  return getTarget(tx, workspace, id, now);
}

export async function deleteTarget(tx: Tx, workspace: Workspace, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("Target");
  const deleted = await tx
    .delete(kpiTargets)
    .where(and(eq(kpiTargets.workspaceId, workspace.id), eq(kpiTargets.id, id)))
    .returning({ id: kpiTargets.id });
  if (deleted.length === 0) throw notFound("Target");
  return { id, deleted: true as const };
}

/** The target was looked at and still holds: its next review is six months from today. */
export async function markTargetReviewed(tx: Tx, workspace: Workspace, id: string, now = new Date()) {
  await getTarget(tx, workspace, id, now);
  await tx
    .update(kpiTargets)
    .set({ reviewOn: addMonths(todayIn(workspace, now), REVIEW_MONTHS), reviewedAt: now, updatedAt: now })
    .where(and(eq(kpiTargets.workspaceId, workspace.id), eq(kpiTargets.id, id)));
  return getTarget(tx, workspace, id, now);
}

export interface DefinitionsReview {
  /** The last review (or the workspace's creation day when there was none). */
  reviewedOn: string;
  dueOn: string;
  due: boolean;
}

/** When the KPI definition settings (kpi.targetDays, activation.events, activation.mode) are next due for review. */
export async function definitionsReview(
  tx: Queryable,
  workspace: Workspace,
  now = new Date(),
): Promise<DefinitionsReview> {
  let reviewedOn = workspace.settings["kpi.definitionsReviewedOn"];
  if (!reviewedOn) {
    const [row] = await tx
      .select({ createdAt: workspaces.createdAt })
      .from(workspaces)
      .where(eq(workspaces.id, workspace.id));
    reviewedOn = dateInZone(row?.createdAt ?? now, workspace.settings.timezone);
  }
  const dueOn = addMonths(reviewedOn, REVIEW_MONTHS);
  return { reviewedOn, dueOn, due: dueOn <= todayIn(workspace, now) };
}

/** Records today as the day the KPI definitions were reviewed. */
export async function markDefinitionsReviewed(db: Db, workspace: Workspace, now = new Date()) {
  const settings = { ...workspace.settings, "kpi.definitionsReviewedOn": todayIn(workspace, now) };
  await updateSettings(db, workspace, settings);
  return definitionsReview(db, { ...workspace, settings }, now);
}

/**
 * Fills `target` and `status` of a KPI result: the total from the overall targets, each breakdown
 * group from its own target when the breakdown is by the dimension a target is scoped to, else the
 * overall one. The target of a period is the latest effective on or before its first day.
 */
export async function applyKpiTargets(tx: Queryable, workspaceId: string, result: KpiResult): Promise<void> {
  const rows = await tx
    .select()
    .from(kpiTargets)
    .where(and(eq(kpiTargets.workspaceId, workspaceId), lte(kpiTargets.effectiveFrom, result.period.from)));
  if (rows.length === 0) return;
  const byScope = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byScope.get(scopeKey(row)) ?? [];
    list.push(row);
    byScope.set(scopeKey(row), list);
  }
  const pick = (kpiId: string, dimension: string, value: string) =>
    effectiveTarget(byScope.get(`${kpiId}\u0000${dimension}\u0000${value}`) ?? [], result.period.from);
  const fill = (kpis: KpiSet, dimension: string, value: string | null) => {
    for (const id of kpiIds) {
      const target = (value !== null && dimension ? pick(id, dimension, value) : null) ?? pick(id, "", "");
      kpis[id].target = target?.value ?? null;
      kpis[id].status = targetStatus(kpiDefinitions[id].direction, kpis[id].value, target);
    }
  };
  fill(result.kpis, "", null);
  const by = result.breakdown?.by;
  const scoped = (targetScopeDimensions as readonly string[]).includes(by ?? "") ? by! : "";
  for (const group of result.breakdown?.groups ?? []) fill(group.kpis, scoped, group.key);
}
