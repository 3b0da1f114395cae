// The shapes of the usage-event API (staff side).
export type UsageFrequency = "daily" | "weekly" | "monthly" | "inactive";
export const usageFrequencies: UsageFrequency[] = ["daily", "weekly", "monthly", "inactive"];

export type GroupTraitsMode = "ignore" | "create" | "create_update";
export const groupTraitsModes: GroupTraitsMode[] = ["ignore", "create", "create_update"];

export type ReceivedEvent = {
  messageId: string;
  type: string;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  groupId: string | null;
  accountId: string | null;
  accountName: string | null;
  timestamp: string;
  receivedAt: string;
};

export type RejectedEvent = {
  receivedAt: string;
  reason: string;
  messageId: string | null;
  type: string | null;
};

export type RecentEvents = { received: ReceivedEvent[]; rejected: RejectedEvent[] };

export type UnmatchedGroup = {
  groupId: string;
  name: string | null;
  events: number;
  firstSeenAt: string;
  lastSeenAt: string;
};

export type EventName = { event: string; accounts: number; count: number; lastSeenAt: string };

export type UsageDay = { day: string; events: number; activeUsers: number };

export type AccountUsage = {
  activatedAt: string | null;
  activation: {
    events: string[];
    mode: "any" | "all";
    seen: { event: string; firstSeenAt: string }[];
  };
  usageFrequency: UsageFrequency | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  totalEvents: number;
  from: string;
  to: string;
  days: UsageDay[];
  topEvents: { event: string; count: number; firstSeenAt: string; lastSeenAt: string }[];
  users: { userId: string; lastActiveOn: string; activeDays: number }[];
  activeUsers: { last7: number; last28: number };
};
