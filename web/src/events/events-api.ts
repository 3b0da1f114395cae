// Queries for usage events: what arrived lately, unmatched groups, event names, an account's usage.
import { queryOptions } from "@tanstack/react-query";
import { apiGet } from "../platform/api";
import type { AccountUsage, EventName, RecentEvents, UnmatchedGroup } from "./events-types";

export const recentEventsQuery = queryOptions({
  queryKey: ["events", "recent"],
  queryFn: ({ signal }) => apiGet<RecentEvents>("/api/v1/events/recent?limit=50", signal),
  refetchInterval: 5_000,
  staleTime: 0,
});

export const unmatchedGroupsQuery = queryOptions({
  queryKey: ["events", "unmatched-groups"],
  queryFn: ({ signal }) => apiGet<{ items: UnmatchedGroup[] }>("/api/v1/events/unmatched-groups", signal),
  refetchInterval: 15_000,
  staleTime: 0,
});

export const eventNamesQuery = queryOptions({
  queryKey: ["events", "names"],
  queryFn: ({ signal }) => apiGet<{ items: EventName[] }>("/api/v1/events/names", signal),
  staleTime: 60_000,
});

export const accountUsageQuery = (accountId: string, days = 90) =>
  queryOptions({
    queryKey: ["accounts", "usage", accountId, days],
    queryFn: ({ signal }) =>
      apiGet<AccountUsage>(`/api/v1/accounts/${encodeURIComponent(accountId)}/usage?days=${days}`, signal),
  });
