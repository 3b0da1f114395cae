import { sql } from "drizzle-orm";
import { type Queryable, rowsOf } from "../platform/db/client.ts";

/** One day of an account's product usage, from the daily usage rollups. */
export interface UsageDay {
  /** YYYY-MM-DD in the workspace time zone. */
  day: string;
  activeUsers: number;
}

/**
 * What event and usage criteria are evaluated against. The reader is backed by the usage rollups of
 * tracked events; a workspace without any usage data yet answers `hasUsageData() === false`, and
 * criteria that need it wait for events.
 */
export interface UsageFacts {
  /** Whether the workspace has received any usage events at all. */
  hasUsageData(): Promise<boolean>;
  /** The first time since `since` the account's product sent `event`, or null. */
  firstEventAt(accountId: string, event: string, since: Date): Promise<Date | null>;
  /** Active users per day of the account for the days `from`..`to` (inclusive); days without use are left out. */
  activeUsersByDay(accountId: string, from: string, to: string): Promise<UsageDay[]>;
}

/** The usage facts of one workspace, read from the rollups of its tracked events. */
export function readUsageFacts(tx: Queryable, workspaceId: string): UsageFacts {
  let hasData: Promise<boolean> | undefined;
  return {
    hasUsageData: () => {
      hasData ??= tx
        .execute(
          sql`select exists (select 1 from account_usage_days where workspace_id = ${workspaceId}) as any`,
        )
        .then((r) => rowsOf<{ any: boolean }>(r)[0]?.any === true);
      return hasData;
    },
    async firstEventAt(accountId, event, since) {
      const [row] = rowsOf<{ first: Date | string; last: Date | string }>(
        await tx.execute(sql`select first_seen_at as first, last_seen_at as last from account_event_stats
          where workspace_id = ${workspaceId} and account_id = ${accountId} and event = ${event}`),
      );
      if (!row) return null;
      const [first, last] = [new Date(row.first), new Date(row.last)];
      // The rollup keeps the first and the latest occurrence: the first one since `since` is the
      // first ever when that is late enough, else the latest stands for it.
      if (first >= since) return first;
      return last >= since ? last : null;
    },
    async activeUsersByDay(accountId, from, to) {
      return rowsOf<{ day: string; activeUsers: number }>(
        await tx.execute(sql`select to_char(day, 'YYYY-MM-DD') as day, active_users as "activeUsers"
          from account_usage_days
          where workspace_id = ${workspaceId} and account_id = ${accountId} and day between ${from}::date and ${to}::date
          order by day`),
      );
    },
  };
}
