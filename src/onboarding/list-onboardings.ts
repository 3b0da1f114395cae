import { and, asc, desc, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { accounts, onboardings } from "../platform/db/schema.ts";
import type { OnboardingListQuery } from "./onboarding-schemas.ts";
import { onboardingStatuses } from "./onboarding-status.ts";
import { selectSummaries } from "./onboarding-summaries.ts";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

const statusRank = sql`array_position(array['overdue','at_risk','on_track','completed','churned'], ${onboardings.status})`;

const sorts: Record<OnboardingListQuery["sort"], SQL[]> = {
  status: [sql`${statusRank} asc`, sql`${onboardings.targetDate} asc nulls last`],
  targetDate: [sql`${onboardings.targetDate} asc nulls last`],
  progress: [asc(onboardings.progress)],
  startedAt: [desc(onboardings.startedAt)],
  accountName: [asc(accounts.name)],
  lastProgressAt: [asc(onboardings.lastProgressAt)],
};

/**
 * The onboarding overview: summaries filtered by status (default: running ones), owner, touch
 * model and account name, one page of them, their total and the count per status under the other filters.
 */
export async function listOnboardings(tx: Queryable, workspaceId: string, query: OnboardingListQuery) {
  const owner = sql`coalesce(${accounts.ownerId}, ${onboardings.ownerId})`;
  const filters: SQL[] = [];
  if (query.ownerId) filters.push(sql`${owner} = ${query.ownerId}`);
  if (query.touchModel)
    filters.push(sql`coalesce(${accounts.touchModel}, ${onboardings.touchModel}) = ${query.touchModel}`);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    filters.push(or(ilike(accounts.name, pattern), ilike(accounts.externalId, pattern))!);
  }
  const byStatus =
    query.status === "all"
      ? undefined
      : query.status === "running"
        ? and(isNull(onboardings.completedAt), sql`${onboardings.status} <> 'churned'`)
        : eq(onboardings.status, query.status);
  const where = and(...filters, byStatus);
  const [items, grouped] = await Promise.all([
    selectSummaries(tx, workspaceId, where, {
      orderBy: [...sorts[query.sort], asc(onboardings.id)],
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    tx
      .select({ status: onboardings.status, n: sql<number>`count(*)::int` })
      .from(onboardings)
      .innerJoin(accounts, eq(accounts.id, onboardings.accountId))
      .where(and(eq(onboardings.workspaceId, workspaceId), ...filters))
      .groupBy(onboardings.status),
  ]);
  const counts = Object.fromEntries(onboardingStatuses.map((s) => [s, 0])) as Record<
    (typeof onboardingStatuses)[number],
    number
  >;
  for (const g of grouped) if (g.status in counts) counts[g.status as keyof typeof counts] = g.n;
  const total =
    query.status === "all"
      ? Object.values(counts).reduce((a, b) => a + b, 0)
      : query.status === "running"
        ? counts.on_track + counts.at_risk + counts.overdue
        : counts[query.status];
  return { items, total, counts };
}
