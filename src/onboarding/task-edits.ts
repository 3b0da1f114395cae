import { and, eq, max, sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { onboardingTasks } from "../platform/db/schema.ts";
import { notFound } from "../platform/http/errors.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { getEditableOnboardingRow } from "./editable-onboarding.ts";
import { addDays, daysBetween, findCycle } from "./onboarding-schedule.ts";
import type { TaskInput, TaskPatch } from "./onboarding-schemas.ts";
import { type Actor, recordOnboardingChange } from "./onboarding-timeline.ts";
import { setTaskStatus } from "./plan-actions.ts";
import { assertAssignees, invalid, shortKey, toLocalized } from "./plan-inputs.ts";
import { refreshOnboarding } from "./refresh-onboarding.ts";

type TaskRow = typeof onboardingTasks.$inferSelect;

const tasksOf = (tx: Tx, onboardingId: string) =>
  tx.select().from(onboardingTasks).where(eq(onboardingTasks.onboardingId, onboardingId));

/** Checks that dependencies are tasks of the plan and make no cycle once `taskId` depends on them. */
function checkDependencies(all: TaskRow[], taskId: string, dependsOn: string[]) {
  const ids = new Set(all.map((t) => t.id));
  for (const dep of dependsOn) {
    if (!ids.has(dep) && dep !== taskId) throw invalid("dependsOn", `depends on unknown task ${dep}`);
    if (dep === taskId) throw invalid("dependsOn", "depends on itself");
  }
  const graph = all.map((t) => ({ key: t.id, dependsOn: t.id === taskId ? dependsOn : t.dependsOn }));
  if (!graph.some((t) => t.key === taskId)) graph.push({ key: taskId, dependsOn });
  if (findCycle(graph)) throw invalid("dependsOn", "would make a dependency cycle");
}

const checkDates = (startsOn: string, dueOn: string) => {
  if (dueOn < startsOn) throw invalid("dueOn", "must not be before startsOn");
};

/**
 * After a task's due date moved later, moves the tasks that depend on it (and theirs) by the same
 * number of days where they would otherwise start before it ends.
 */
async function shiftDependents(tx: Tx, all: TaskRow[], movedId: string, newDueOn: string, days: number) {
  const byId = new Map(all.map((t) => [t.id, { ...t }]));
  const queue: { id: string; dueOn: string }[] = [{ id: movedId, dueOn: newDueOn }];
  const shifted = new Set<string>();
  while (queue.length > 0) {
    const { id, dueOn } = queue.shift()!;
    for (const t of byId.values()) {
      if (!t.dependsOn.includes(id) || shifted.has(t.id) || t.startsOn > dueOn) continue;
      t.startsOn = addDays(t.startsOn, days);
      t.dueOn = addDays(t.dueOn, days);
      shifted.add(t.id);
      queue.push({ id: t.id, dueOn: t.dueOn });
    }
  }
  for (const id of shifted) {
    const t = byId.get(id)!;
    await tx
      .update(onboardingTasks)
      .set({ startsOn: t.startsOn, dueOn: t.dueOn, updatedAt: new Date() })
      .where(eq(onboardingTasks.id, id));
  }
  return [...shifted];
}

export async function createTask(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  input: TaskInput,
  by: Actor,
) {
  const row = await getEditableOnboardingRow(tx, workspace.id, onboardingId);
  checkDates(input.startsOn, input.dueOn);
  await assertAssignees(tx, workspace.id, row.accountId, input);
  const all = await tasksOf(tx, row.id);
  const id = crypto.randomUUID();
  checkDependencies(all, id, input.dependsOn ?? []);
  const [last] = await tx
    .select({ position: max(onboardingTasks.position) })
    .from(onboardingTasks)
    .where(eq(onboardingTasks.onboardingId, row.id));
  const title = toLocalized(input.title);
  await tx.insert(onboardingTasks).values({
    id,
    workspaceId: workspace.id,
    onboardingId: row.id,
    accountId: row.accountId,
    key: shortKey("task"),
    stage: input.stage,
    title,
    description: input.description ? toLocalized(input.description) : null,
    side: input.side,
    measure: input.measure ?? null,
    assigneeUserId: input.assigneeUserId ?? null,
    assigneeContactId: input.assigneeContactId ?? null,
    startsOn: input.startsOn,
    dueOn: input.dueOn,
    dependsOn: input.dependsOn ?? [],
    internalNote: input.internalNote ?? null,
    source: "manual",
    position: (last?.position ?? -1) + 1,
  });
  await recordOnboardingChange(
    tx,
    { workspaceId: workspace.id, accountId: row.accountId, onboardingId: row.id },
    "task_added",
    by,
    { taskId: id, taskTitle: title, dueOn: input.dueOn },
  );
  await refreshOnboarding(tx, workspace, row.id);
  return id;
}

async function getTask(tx: Tx, onboardingId: string, taskId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw notFound("Task");
  const [task] = await tx
    .select()
    .from(onboardingTasks)
    .where(and(eq(onboardingTasks.onboardingId, onboardingId), eq(onboardingTasks.id, taskId)));
  if (!task) throw notFound("Task");
  return task;
}

export async function updateTask(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  taskId: string,
  patch: TaskPatch,
  by: Actor,
) {
  const row = await getEditableOnboardingRow(tx, workspace.id, onboardingId);
  const task = await getTask(tx, row.id, taskId);
  const startsOn = patch.startsOn ?? task.startsOn;
  const dueOn = patch.dueOn ?? task.dueOn;
  checkDates(startsOn, dueOn);
  await assertAssignees(tx, workspace.id, row.accountId, patch);
  const all = await tasksOf(tx, row.id);
  if (patch.dependsOn) checkDependencies(all, task.id, patch.dependsOn);
  const values: Partial<TaskRow> = {};
  if (patch.title !== undefined) values.title = toLocalized(patch.title);
  if (patch.description !== undefined)
    values.description = patch.description === null ? null : toLocalized(patch.description);
  for (const f of ["stage", "side", "startsOn", "dueOn", "dependsOn"] as const)
    if (patch[f] !== undefined) (values as Record<string, unknown>)[f] = patch[f];
  for (const f of ["measure", "assigneeUserId", "assigneeContactId", "internalNote"] as const)
    if (patch[f] !== undefined) (values as Record<string, unknown>)[f] = patch[f] ?? null;
  const changed = Object.keys(values);
  if (changed.length > 0) {
    await tx
      .update(onboardingTasks)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(onboardingTasks.id, task.id));
    const later = daysBetween(task.dueOn, dueOn);
    const shifted = later > 0 ? await shiftDependents(tx, all, task.id, dueOn, later) : [];
    await recordOnboardingChange(
      tx,
      { workspaceId: workspace.id, accountId: row.accountId, onboardingId: row.id },
      "task_changed",
      by,
      { taskId: task.id, taskTitle: values.title ?? task.title, fields: changed, shiftedTaskIds: shifted },
    );
  }
  if (patch.status && patch.status !== task.status)
    await setTaskStatus(tx, workspace, row.id, task.id, patch.status, by);
  else await refreshOnboarding(tx, workspace, row.id);
}

export async function deleteTask(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  taskId: string,
  by: Actor,
) {
  const row = await getEditableOnboardingRow(tx, workspace.id, onboardingId);
  const task = await getTask(tx, row.id, taskId);
  await tx.delete(onboardingTasks).where(eq(onboardingTasks.id, task.id));
  await tx
    .update(onboardingTasks)
    .set({ dependsOn: sql`array_remove(${onboardingTasks.dependsOn}, ${task.id})` })
    .where(
      and(eq(onboardingTasks.onboardingId, row.id), sql`${task.id} = any(${onboardingTasks.dependsOn})`),
    );
  await recordOnboardingChange(
    tx,
    { workspaceId: workspace.id, accountId: row.accountId, onboardingId: row.id },
    "task_removed",
    by,
    { taskId: task.id, taskTitle: task.title },
  );
  await refreshOnboarding(tx, workspace, row.id);
}
