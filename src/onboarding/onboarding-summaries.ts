import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import type { Localized } from "../platform/db/schema.ts";
import { accounts, onboardingCriteria, onboardings, onboardingTasks, users } from "../platform/db/schema.ts";
import type { OnboardingStatus, StatusReason } from "./onboarding-status.ts";

/** The list row of an onboarding (see `onboardingSummarySchema`). */
export interface OnboardingSummary {
  id: string;
  accountId: string;
  accountName: string;
  touchModel: string | null;
  segment: string | null;
  ownerId: string | null;
  ownerName: string | null;
  startedAt: Date;
  targetDate: string | null;
  completedAt: Date | null;
  status: OnboardingStatus;
  statusReasons: StatusReason[];
  progress: number;
  tasksDone: number;
  tasksTotal: number;
  criteriaMet: number;
  criteriaTotal: number;
  proposedAt: Date | null;
  agreedAt: Date | null;
  nextTask: { title: Localized; dueOn: string } | null;
  lastProgressAt: Date;
}

// The CSM and touch model are the account's current ones (as the KPI breakdowns use them); the
// onboarding's own copies, taken at start, only fill in when the account has none.
const ownerId = sql<string | null>`coalesce(${accounts.ownerId}, ${onboardings.ownerId})`;

export const summaryColumns = {
  id: onboardings.id,
  accountId: onboardings.accountId,
  accountName: accounts.name,
  touchModel: sql<string | null>`coalesce(${accounts.touchModel}, ${onboardings.touchModel})`,
  segment: accounts.segment,
  ownerId,
  ownerName: users.name,
  startedAt: onboardings.startedAt,
  targetDate: onboardings.targetDate,
  completedAt: onboardings.completedAt,
  status: sql<OnboardingStatus>`${onboardings.status}`,
  statusReasons: sql<StatusReason[]>`${onboardings.statusReasons}`,
  progress: onboardings.progress,
  tasksDone: sql<number>`(select count(*)::int from ${onboardingTasks} t
    where t.onboarding_id = ${onboardings.id} and t.status = 'done')`,
  tasksTotal: sql<number>`(select count(*)::int from ${onboardingTasks} t
    where t.onboarding_id = ${onboardings.id} and t.status <> 'skipped')`,
  criteriaMet: sql<number>`(select count(*)::int from ${onboardingCriteria} c
    where c.onboarding_id = ${onboardings.id} and c.met_at is not null)`,
  criteriaTotal: sql<number>`(select count(*)::int from ${onboardingCriteria} c
    where c.onboarding_id = ${onboardings.id})`,
  proposedAt: onboardings.proposedAt,
  agreedAt: onboardings.agreedAt,
  nextTask: sql<{
    title: Localized;
    dueOn: string;
  } | null>`(select json_build_object('title', t.title, 'dueOn', t.due_on)
    from ${onboardingTasks} t where t.onboarding_id = ${onboardings.id} and t.status in ('todo', 'in_progress')
    order by t.due_on, t.position limit 1)`,
  lastProgressAt: onboardings.lastProgressAt,
};

const asNumber = (n: unknown) => (typeof n === "number" ? n : Number(n));

/** Reads the summaries matching `where` (always within the workspace), in `orderBy` order. */
export async function selectSummaries(
  tx: Queryable,
  workspaceId: string,
  where: SQL | undefined,
  options: { orderBy?: SQL[]; limit?: number; offset?: number } = {},
): Promise<OnboardingSummary[]> {
  let query = tx
    .select(summaryColumns)
    .from(onboardings)
    .innerJoin(accounts, eq(accounts.id, onboardings.accountId))
    .leftJoin(users, sql`${users.id} = coalesce(${accounts.ownerId}, ${onboardings.ownerId})`)
    .where(and(eq(onboardings.workspaceId, workspaceId), where))
    .orderBy(...(options.orderBy ?? [desc(onboardings.startedAt), asc(onboardings.id)]))
    .$dynamic();
  if (options.limit !== undefined) query = query.limit(options.limit);
  if (options.offset) query = query.offset(options.offset);
  const rows = await query;
  return rows.map((r) => ({ ...r, progress: asNumber(r.progress) }));
}

export async function readSummary(tx: Queryable, workspaceId: string, id: string) {
  const [row] = await selectSummaries(tx, workspaceId, eq(onboardings.id, id));
  return row ?? null;
}

/** The account's onboardings, newest first. */
export function listAccountOnboardings(tx: Queryable, workspaceId: string, accountId: string) {
  return selectSummaries(tx, workspaceId, eq(onboardings.accountId, accountId));
}
