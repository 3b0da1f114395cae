import { and, asc, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../platform/db/client.ts";
import {
  informationEnrolments,
  informationSends,
  informationSequences,
  informationSteps,
} from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import type { SequenceInput } from "./sequence-schemas.ts";
import { standardSequenceName, standardSteps } from "./standard-sequence.ts";

type SequenceRow = typeof informationSequences.$inferSelect;

const counts = (workspaceId: string) => ({
  stepCount: sql<number>`(select count(*)::int from ${informationSteps} s
    where s.workspace_id = ${workspaceId} and s.sequence_id = "information_sequences"."id")`,
  enrolments: sql<number>`(select count(*)::int from ${informationEnrolments} e
    where e.workspace_id = ${workspaceId} and e.sequence_id = "information_sequences"."id")`,
  activeEnrolments: sql<number>`(select count(*)::int from ${informationEnrolments} e
    where e.workspace_id = ${workspaceId} and e.sequence_id = "information_sequences"."id" and e.stopped_at is null)`,
  sentCount: sql<number>`(select count(*)::int from ${informationSends} x
    join ${informationEnrolments} e on e.id = x.enrolment_id
    where x.workspace_id = ${workspaceId} and e.sequence_id = "information_sequences"."id")`,
});

const summary = (
  row: SequenceRow,
  c: { stepCount: number; enrolments: number; activeEnrolments: number; sentCount: number },
) => ({
  id: row.id,
  name: row.name,
  touchModels: row.touchModels,
  segments: row.segments,
  contactRoles: row.contactRoles,
  active: row.active,
  activatedAt: row.activatedAt,
  pausedAt: row.pausedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  stepCount: Number(c.stepCount),
  enrolments: Number(c.enrolments),
  activeEnrolments: Number(c.activeEnrolments),
  sentCount: Number(c.sentCount),
});

/** The workspace's sequences, active first, with their step, enrolment and sent counts. */
export async function listSequences(tx: Queryable, workspaceId: string) {
  const rows = await tx
    .select({ row: informationSequences, ...counts(workspaceId) })
    .from(informationSequences)
    .where(eq(informationSequences.workspaceId, workspaceId))
    .orderBy(desc(informationSequences.active), asc(informationSequences.createdAt));
  return rows.map(({ row, ...c }) => summary(row, c));
}

/** One sequence with its steps (in order) and how many e-mails each step queued. */
export async function getSequence(tx: Queryable, workspaceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Information sequence");
  const [found] = await tx
    .select({ row: informationSequences, ...counts(workspaceId) })
    .from(informationSequences)
    .where(and(eq(informationSequences.workspaceId, workspaceId), eq(informationSequences.id, id)));
  if (!found) throw notFound("Information sequence");
  const steps = await tx
    .select({
      step: informationSteps,
      sent: sql<number>`(select count(*)::int from ${informationSends} x
        where x.workspace_id = ${workspaceId} and x.step_id = "information_steps"."id")`,
    })
    .from(informationSteps)
    .where(and(eq(informationSteps.workspaceId, workspaceId), eq(informationSteps.sequenceId, id)))
    .orderBy(asc(informationSteps.position));
  const { row, ...c } = found;
  return {
    ...summary(row, c),
    steps: steps.map(({ step, sent }) => ({
      id: step.id,
      position: step.position,
      dayOffset: step.dayOffset,
      category: step.category,
      subject: step.subject,
      body: step.body,
      sent: Number(sent),
    })),
  };
}

/** Steps are kept in day order; a step keeps its id (and its sends) when the input names it. */
async function writeSteps(
  tx: Queryable,
  workspaceId: string,
  sequenceId: string,
  steps: SequenceInput["steps"],
) {
  const ordered = steps.map((s, i) => ({ ...s, i })).sort((a, b) => a.dayOffset - b.dayOffset || a.i - b.i);
  const keep = ordered.flatMap((s) => (s.id ? [s.id] : []));
  await tx
    .delete(informationSteps)
    .where(
      and(
        eq(informationSteps.workspaceId, workspaceId),
        eq(informationSteps.sequenceId, sequenceId),
        keep.length ? notInArray(informationSteps.id, keep) : undefined,
      ),
    );
  const existing = keep.length
    ? new Set(
        (
          await tx
            .select({ id: informationSteps.id })
            .from(informationSteps)
            .where(
              and(
                eq(informationSteps.workspaceId, workspaceId),
                eq(informationSteps.sequenceId, sequenceId),
                inArray(informationSteps.id, keep),
              ),
            )
        ).map((r) => r.id),
      )
    : new Set<string>();
  for (const [position, s] of ordered.entries()) {
    const values = {
      position,
      dayOffset: s.dayOffset,
      category: s.category,
      subject: s.subject,
      body: s.body,
      updatedAt: new Date(),
    };
    if (s.id && existing.has(s.id))
      await tx
        .update(informationSteps)
        .set(values)
        .where(and(eq(informationSteps.workspaceId, workspaceId), eq(informationSteps.id, s.id)));
    else await tx.insert(informationSteps).values({ ...values, workspaceId, sequenceId });
  }
}

export async function createSequence(
  tx: Queryable,
  workspaceId: string,
  input: SequenceInput,
  userId: string | null,
) {
  const [row] = await tx
    .insert(informationSequences)
    .values({
      workspaceId,
      name: input.name,
      touchModels: input.touchModels,
      segments: input.segments,
      contactRoles: input.contactRoles,
      createdBy: userId,
    })
    .returning({ id: informationSequences.id });
  await writeSteps(tx, workspaceId, row!.id, input.steps);
  return getSequence(tx, workspaceId, row!.id);
}

/** Changes the target, the recipients and the steps; enrolments already running carry on with the new steps. */
export async function updateSequence(tx: Queryable, workspaceId: string, id: string, input: SequenceInput) {
  await getSequence(tx, workspaceId, id);
  await tx
    .update(informationSequences)
    .set({
      name: input.name,
      touchModels: input.touchModels,
      segments: input.segments,
      contactRoles: input.contactRoles,
      updatedAt: new Date(),
    })
    .where(and(eq(informationSequences.workspaceId, workspaceId), eq(informationSequences.id, id)));
  await writeSteps(tx, workspaceId, id, input.steps);
  return getSequence(tx, workspaceId, id);
}

/**
 * Turns a sequence on. Only onboardings that start from now on are enrolled, so turning one on (or
 * on again after a pause) never mails accounts that are already under way.
 */
export async function activateSequence(tx: Queryable, workspaceId: string, id: string, now = new Date()) {
  const sequence = await getSequence(tx, workspaceId, id);
  if (sequence.active) return sequence;
  if (sequence.steps.length === 0)
    throw new AppError("validation_failed", "Add at least one step before turning the sequence on", [
      { path: "steps", message: "Add at least one step" },
    ]);
  await tx
    .update(informationSequences)
    .set({ active: true, activatedAt: now, pausedAt: null, updatedAt: now })
    .where(and(eq(informationSequences.workspaceId, workspaceId), eq(informationSequences.id, id)));
  return getSequence(tx, workspaceId, id);
}

/** Pauses a sequence: its running enrolments stop (reason `sequence_paused`) and get no further steps. */
export async function pauseSequence(tx: Queryable, workspaceId: string, id: string, now = new Date()) {
  const sequence = await getSequence(tx, workspaceId, id);
  if (!sequence.active) return sequence;
  await tx
    .update(informationSequences)
    .set({ active: false, pausedAt: now, updatedAt: now })
    .where(and(eq(informationSequences.workspaceId, workspaceId), eq(informationSequences.id, id)));
  await tx
    .update(informationEnrolments)
    .set({ stoppedAt: now, stopReason: "sequence_paused" })
    .where(
      and(
        eq(informationEnrolments.workspaceId, workspaceId),
        eq(informationEnrolments.sequenceId, id),
        isNull(informationEnrolments.stoppedAt),
      ),
    );
  return getSequence(tx, workspaceId, id);
}

export async function deleteSequence(tx: Queryable, workspaceId: string, id: string) {
  await getSequence(tx, workspaceId, id);
  await tx
    .delete(informationSequences)
    .where(and(eq(informationSequences.workspaceId, workspaceId), eq(informationSequences.id, id)));
}

/** The standard tech-touch sequence (paused until turned on); only for a workspace without sequences. */
export async function createStandardSequence(
  tx: Queryable,
  workspaceId: string,
  locale: "ja" | "en",
  userId: string | null,
) {
  const [any] = await tx
    .select({ id: informationSequences.id })
    .from(informationSequences)
    .where(eq(informationSequences.workspaceId, workspaceId))
    .limit(1);
  if (any) throw new AppError("conflict", "The workspace already has an information sequence");
  return createSequence(
    tx,
    workspaceId,
    {
      name: standardSequenceName[locale],
      touchModels: ["tech"],
      segments: [],
      contactRoles: [],
      steps: standardSteps,
    },
    userId,
  );
}
