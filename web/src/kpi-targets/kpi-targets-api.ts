// KPI targets, their proposals, the definition review and the dashboard's alerts (/api/v1/kpi-targets, /kpis/alerts).
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { KpiId } from "../dashboard/kpi-types";
import { apiDelete, apiGet, apiPatch, apiPost, toQueryString } from "../platform/api";

export const scopeDimensions = ["segment", "touch_model"] as const;
export type ScopeDimension = (typeof scopeDimensions)[number];
export type TargetScope = { dimension: ScopeDimension; value: string } | null;

export type KpiTarget = {
  id: string;
  kpiId: KpiId;
  scope: TargetScope;
  effectiveFrom: string;
  value: number;
  warningBand: number;
  reviewOn: string;
  note: string | null;
  setBy: { id: string; name: string; email: string } | null;
  setAt: string;
  updatedAt: string;
  reviewedAt: string | null;
  state: "current" | "upcoming" | "past";
  reviewDue: boolean;
};

export type DefinitionsReview = { reviewedOn: string; dueOn: string; due: boolean };

export type TargetProposal = {
  kpiId: KpiId;
  periods: { from: string; to: string; value: number | null; n: number }[];
  baseline: number | null;
  periodsWithData: number;
  proposal: number | null;
};

export type TargetInput = {
  kpiId: KpiId;
  scope?: TargetScope;
  effectiveFrom: string;
  value: number;
  warningBand: number;
  reviewOn?: string;
  note?: string | null;
};

export type KpiAlerts = {
  period: { from: string; to: string };
  alerts: {
    kpiId: KpiId;
    scope: TargetScope;
    value: number;
    target: number;
    warningBand: number;
    status: "off_track";
  }[];
  reviews: (
    | { kind: "target"; targetId: string; kpiId: KpiId; scope: TargetScope; dueOn: string }
    | { kind: "definitions"; dueOn: string }
  )[];
};

export const kpiTargetsQuery = queryOptions({
  queryKey: ["kpi-targets"],
  queryFn: ({ signal }) =>
    apiGet<{ today: string; items: KpiTarget[]; definitionsReview: DefinitionsReview }>(
      "/api/v1/kpi-targets",
      signal,
    ),
});

export const targetProposalsQuery = (period: { from: string; to: string }) =>
  queryOptions({
    queryKey: ["kpi-targets", "proposals", period.from, period.to],
    queryFn: ({ signal }) =>
      apiGet<{ period: { from: string; to: string }; proposals: TargetProposal[] }>(
        `/api/v1/kpi-targets/proposals${toQueryString(period)}`,
        signal,
      ),
    staleTime: 5 * 60_000,
  });

export const kpiAlertsQuery = (period: { from: string; to: string }) =>
  queryOptions({
    queryKey: ["kpis", "alerts", period.from, period.to],
    queryFn: ({ signal }) => apiGet<KpiAlerts>(`/api/v1/kpis/alerts${toQueryString(period)}`, signal),
  });

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["kpi-targets"] }),
      queryClient.invalidateQueries({ queryKey: ["kpis"] }),
    ]);
}

export function useSaveTarget(id: string | null) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: TargetInput) => {
      if (!id) return apiPost<KpiTarget>("/api/v1/kpi-targets", input);
      const { kpiId: _k, scope: _s, ...patch } = input;
      return apiPatch<KpiTarget>(`/api/v1/kpi-targets/${id}`, patch);
    },
    onSuccess: invalidate,
  });
}

export function useDeleteTarget() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/v1/kpi-targets/${id}`),
    onSuccess: invalidate,
  });
}

export function useMarkTargetReviewed() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => apiPost<KpiTarget>(`/api/v1/kpi-targets/${id}/reviewed`, {}),
    onSuccess: invalidate,
  });
}

export function useMarkDefinitionsReviewed() {
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<DefinitionsReview>("/api/v1/kpi-definitions/reviewed", {}),
    onSuccess: () => Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: ["me"] })]),
  });
}
