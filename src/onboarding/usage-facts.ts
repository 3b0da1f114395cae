import type { Queryable } from "../platform/db/client.ts";

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

/** No usage data: every question finds nothing. */
export const noUsageFacts: UsageFacts = {
  hasUsageData: async () => false,
  firstEventAt: async () => null,
  activeUsersByDay: async () => [],
};

/**
 * The usage facts of one workspace. Tracked events and their daily rollups are stored by the events
 * capability; until those tables exist in this installation the reader finds nothing.
 */
export function readUsageFacts(_tx: Queryable, _workspaceId: string): UsageFacts {
  return noUsageFacts;
}
