import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import {
  accounts,
  informationEnrolments,
  informationSends,
  informationSequences,
  informationSteps,
} from "../platform/db/schema.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { stepDueAt } from "./render-step.ts";
import { LATE_LIMIT_MS } from "./run-information-emails.ts";
import type { StopReason } from "./sequence-schemas.ts";

/** Enrolments (running first, then newest) with each account's progress through the steps. */
async function listEnrolments(tx: Queryable, workspace: Workspace, where: SQL | undefined, now = new Date()) {
  const ws = workspace.id;
  const rows = await tx
    .select({
      e: informationEnrolments,
      sequenceName: informationSequences.name,
      accountName: accounts.name,
    })
    .from(informationEnrolments)
    .innerJoin(informationSequences, eq(informationSequences.id, informationEnrolments.sequenceId))
    .innerJoin(accounts, eq(accounts.id, informationEnrolments.accountId))
    .where(and(eq(informationEnrolments.workspaceId, ws), where))
    .orderBy(sql`${informationEnrolments.stoppedAt} is not null`, desc(informationEnrolments.startedAt))
    .limit(1000);
  if (rows.length === 0) return [];
  const sequenceIds = [...new Set(rows.map((r) => r.e.sequenceId))];
  const steps = await tx
    .select()
    .from(informationSteps)
    .where(and(eq(informationSteps.workspaceId, ws), inArray(informationSteps.sequenceId, sequenceIds)))
    .orderBy(asc(informationSteps.position));
  const sends = await tx
    .select({
      enrolmentId: informationSends.enrolmentId,
      stepId: informationSends.stepId,
      createdAt: informationSends.createdAt,
    })
    .from(informationSends)
    .where(
      and(
        eq(informationSends.workspaceId, ws),
        inArray(
          informationSends.enrolmentId,
          rows.map((r) => r.e.id),
        ),
      ),
    );
  return rows.map(({ e, sequenceName, accountName }) => {
    const own = steps.filter((s) => s.sequenceId === e.sequenceId);
    const mine = sends.filter((s) => s.enrolmentId === e.id);
    const sentSteps = new Set(mine.map((s) => s.stepId));
    const next = e.stoppedAt
      ? undefined
      : own.find(
          (s) =>
            !sentSteps.has(s.id) &&
            stepDueAt(e.startedAt, s.dayOffset, workspace.settings.timezone).getTime() >
              now.getTime() - LATE_LIMIT_MS,
        );
    const last = mine.reduce<Date | null>((m, s) => (!m || s.createdAt > m ? s.createdAt : m), null);
    return {
      id: e.id,
      sequenceId: e.sequenceId,
      sequenceName,
      accountId: e.accountId,
      accountName,
      onboardingId: e.onboardingId,
      startedAt: e.startedAt,
      stoppedAt: e.stoppedAt,
      stopReason: (e.stopReason ?? null) as StopReason | null,
      stepsTotal: own.length,
      stepsSent: own.filter((s) => sentSteps.has(s.id)).length,
      sentCount: mine.length,
      lastSentAt: last,
      nextStep: next
        ? {
            position: next.position,
            dueAt: stepDueAt(e.startedAt, next.dayOffset, workspace.settings.timezone),
            subject: next.subject,
          }
        : null,
    };
  });
}

export const listSequenceEnrolments = (tx: Queryable, workspace: Workspace, sequenceId: string, now?: Date) =>
  listEnrolments(tx, workspace, eq(informationEnrolments.sequenceId, sequenceId), now);

export const listAccountEnrolments = (tx: Queryable, workspace: Workspace, accountId: string, now?: Date) =>
  listEnrolments(tx, workspace, eq(informationEnrolments.accountId, accountId), now);
