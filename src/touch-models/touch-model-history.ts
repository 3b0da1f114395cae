import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { touchModelChanges, users } from "../platform/db/schema.ts";

const columns = {
  id: touchModelChanges.id,
  fromModel: touchModelChanges.fromModel,
  toModel: touchModelChanges.toModel,
  source: touchModelChanges.source,
  reason: touchModelChanges.reason,
  actor: sql<{ id: string; name: string; email: string } | null>`case when ${users.id} is null then null
    else json_build_object('id', ${users.id}, 'name', ${users.name}, 'email', ${users.email}) end`,
  changedAt: touchModelChanges.changedAt,
};

export type TouchModelHistoryEntry = Awaited<ReturnType<typeof listTouchModelHistory>>[number];

/** Every change of the account's touch model, newest first. */
export async function listTouchModelHistory(tx: Queryable, workspaceId: string, accountId: string) {
  return tx
    .select(columns)
    .from(touchModelChanges)
    .leftJoin(users, eq(users.id, touchModelChanges.actorUserId))
    .where(and(eq(touchModelChanges.workspaceId, workspaceId), eq(touchModelChanges.accountId, accountId)))
    .orderBy(desc(touchModelChanges.changedAt));
}

/** The newest history entry of the sources given (e.g. the override in force and why). */
export async function findLatestChange(
  tx: Queryable,
  workspaceId: string,
  accountId: string,
  sources: ("rule" | "override" | "signal" | "import")[],
): Promise<TouchModelHistoryEntry | null> {
  const [row] = await tx
    .select(columns)
    .from(touchModelChanges)
    .leftJoin(users, eq(users.id, touchModelChanges.actorUserId))
    .where(
      and(
        eq(touchModelChanges.workspaceId, workspaceId),
        eq(touchModelChanges.accountId, accountId),
        inArray(touchModelChanges.source, sources),
      ),
    )
    .orderBy(desc(touchModelChanges.changedAt))
    .limit(1);
  return row ?? null;
}
