// An account's timeline: notes and meetings people write, and the changes the system records.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPatch, apiPost, toQueryString } from "../platform/api";

export const meetingTypes = ["kickoff", "progress_check", "completion", "interview", "other"] as const;
export type MeetingType = (typeof meetingTypes)[number];
/** The kinds the filter offers: written by people first, then the recorded changes. */
export const timelineKinds = [
  "note",
  "meeting",
  "handoff",
  "hearing",
  "segment",
  "touch_model",
  "lifecycle",
  "onboarding",
  "follow_up",
  "portal",
  "seminar",
  "survey_response",
];

export type TimelineEntry = {
  id: string;
  accountId: string;
  kind: string;
  meetingType: MeetingType | null;
  title: string | null;
  body: string | null;
  occurredAt: string;
  actorUserId: string | null;
  actorLabel: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  editable: boolean;
};

export type TimelineInput =
  | { kind: "note"; body: string; title?: string | null; occurredAt?: string }
  | {
      kind: "meeting";
      meetingType: MeetingType;
      title: string;
      body?: string | null;
      occurredAt?: string;
      attendees?: string[];
    };
export type TimelinePatch = Partial<{
  title: string | null;
  body: string | null;
  occurredAt: string;
  meetingType: MeetingType;
  attendees: string[];
}>;

const PAGE = 50;

export function useTimeline(accountId: string, kinds: string[]) {
  return useInfiniteQuery({
    queryKey: ["accounts", "timeline", accountId, kinds],
    queryFn: ({ signal, pageParam }) =>
      apiGet<{ items: TimelineEntry[]; nextCursor: string | null }>(
        `/api/v1/accounts/${encodeURIComponent(accountId)}/timeline${toQueryString({
          kind: kinds.join(","),
          before: pageParam,
          limit: PAGE,
        })}`,
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

function useInvalidateTimeline(accountId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["accounts", "timeline", accountId] });
}

export function useAddTimelineEntry(accountId: string) {
  const invalidate = useInvalidateTimeline(accountId);
  return useMutation({
    mutationFn: (input: TimelineInput) =>
      apiPost<TimelineEntry>(`/api/v1/accounts/${encodeURIComponent(accountId)}/timeline`, input),
    meta: { silent: true },
    onSuccess: invalidate,
  });
}

export function useUpdateTimelineEntry(accountId: string) {
  const invalidate = useInvalidateTimeline(accountId);
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TimelinePatch }) =>
      apiPatch<TimelineEntry>(`/api/v1/timeline/${encodeURIComponent(id)}`, patch),
    meta: { silent: true },
    onSuccess: invalidate,
  });
}

export function useDeleteTimelineEntry(accountId: string) {
  const invalidate = useInvalidateTimeline(accountId);
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/v1/timeline/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}
