// Follow-ups proposed for onboardings that need attention: the ranked list, accept and dismiss.
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { OnboardingStatus, StatusReason } from "../onboarding/onboarding-api";
import { apiGet, apiPost, toQueryString } from "../platform/api";

export const followUpActions = [
  "setup_on_behalf",
  "supplementary_training",
  "webinar",
  "call",
  "agree_criteria",
] as const;
export type FollowUpAction = (typeof followUpActions)[number];
export type FollowUpTrigger =
  | "overdue"
  | "stalled"
  | "behind_schedule"
  | "criteria_missing"
  | "not_agreed"
  | "detractor";
export type FollowUpStatus = "open" | "accepted" | "dismissed" | "resolved";

export type FollowUpTaskRef = {
  id: string;
  key: string;
  title: { ja: string; en: string };
  stage: string;
  dueOn: string;
  daysOverdue: number;
};

export type FollowUp = {
  id: string;
  onboardingId: string;
  accountId: string;
  accountName: string;
  touchModel: string | null;
  segment: string | null;
  contractValue: number | null;
  ownerId: string | null;
  ownerName: string | null;
  onboarding: {
    id: string;
    status: OnboardingStatus;
    statusReasons: StatusReason[];
    progress: number;
    targetDate: string | null;
    lastProgressAt: string;
  };
  trigger: FollowUpTrigger;
  action: FollowUpAction;
  details: {
    reasons: StatusReason[];
    tasks?: FollowUpTaskRef[];
    days?: number;
    criteria?: { unmet: number; total: number; daysLeft: number | null };
    touchModel: string | null;
    stage: string;
    /** A low survey score: the customer's comment. */
    comment?: string | null;
  };
  score: number;
  status: FollowUpStatus;
  taskId: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  detectedAt: string;
  updatedAt: string;
};

export type FollowUpFilters = {
  status?: FollowUpStatus | "all";
  ownerId?: string | null;
  touchModel?: string | null;
  page?: number;
  pageSize?: number;
};

export type FollowUpList = { items: FollowUp[]; total: number; page: number; pageSize: number };

export const followUpsQuery = (filters: FollowUpFilters) =>
  queryOptions({
    queryKey: ["follow-ups", filters],
    queryFn: ({ signal }) =>
      apiGet<FollowUpList>(
        `/api/v1/follow-ups${toQueryString({
          status: filters.status,
          ownerId: filters.ownerId,
          touchModel: filters.touchModel,
          page: filters.page,
          pageSize: filters.pageSize,
        })}`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

function useFollowUpMutation<I>(path: (id: string) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: I }) => apiPost<FollowUp>(path(id), input),
    onSuccess: (followUp) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["follow-ups"] }),
        queryClient.invalidateQueries({ queryKey: ["onboardings"] }),
        queryClient.invalidateQueries({ queryKey: ["accounts", "timeline", followUp.accountId] }),
      ]),
  });
}

export const useAcceptFollowUp = () =>
  useFollowUpMutation<{ dueOn?: string; assigneeUserId?: string }>(
    (id) => `/api/v1/follow-ups/${encodeURIComponent(id)}/accept`,
  );

export const useDismissFollowUp = () =>
  useFollowUpMutation<{ reason: string }>((id) => `/api/v1/follow-ups/${encodeURIComponent(id)}/dismiss`);

export function useReviewFollowUps() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiPost<{ refreshed: number; onboardings: number; opened: number; updated: number; resolved: number }>(
        "/api/v1/follow-ups/review",
        {},
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["follow-ups"] }),
        queryClient.invalidateQueries({ queryKey: ["onboardings"] }),
      ]),
  });
}
