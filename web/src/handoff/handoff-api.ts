// The sales hand-off (営業からの引き継ぎ) of one account.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPatch, apiPost } from "../platform/api";
import type { Literacy } from "../platform/types";

export const handoffGapCodes = [
  "missing_industry",
  "missing_company_size",
  "missing_challenges",
  "missing_adoption_purpose",
  "missing_expected_outcomes",
  "missing_decision_maker",
  "missing_champion",
  "missing_it_literacy",
] as const;
export type HandoffGap = (typeof handoffGapCodes)[number];

export type Handoff = {
  accountId: string;
  accountName: string;
  industry: string | null;
  employees: number | null;
  annualRevenue: number | null;
  department: string | null;
  challenges: string | null;
  adoptionPurpose: string | null;
  expectedOutcomes: string | null;
  itLiteracy: Literacy | null;
  skillNotes: string | null;
  lessons: string | null;
  similarAccountIds: string[];
  similarAccounts: { id: string; name: string }[];
  stakeholders: { id: string; name: string | null; email: string; role: string; literacy: string | null }[];
  missing: HandoffGap[];
  complete: boolean;
  completedAt: string | null;
  completedBy: { id: string; name: string } | null;
};

export type HandoffPatch = Partial<
  Pick<
    Handoff,
    | "industry"
    | "employees"
    | "annualRevenue"
    | "department"
    | "challenges"
    | "adoptionPurpose"
    | "expectedOutcomes"
    | "itLiteracy"
    | "skillNotes"
    | "lessons"
    | "similarAccountIds"
  >
>;

const path = (accountId: string) => `/api/v1/accounts/${encodeURIComponent(accountId)}/handoff`;

export const handoffQuery = (accountId: string) =>
  queryOptions({
    queryKey: ["accounts", "handoff", accountId],
    queryFn: ({ signal }) => apiGet<Handoff>(path(accountId), signal),
  });

export function useUpdateHandoff(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: HandoffPatch) => apiPatch<Handoff>(path(accountId), patch),
    meta: { silent: true },
    onSuccess: (handoff) => {
      queryClient.setQueryData(handoffQuery(accountId).queryKey, handoff);
      return queryClient.invalidateQueries({ queryKey: ["accounts"] });
    },
  });
}

export function useCompleteHandoff(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<Handoff>(`${path(accountId)}/complete`, {}),
    meta: { silent: true },
    onSuccess: (handoff) => {
      queryClient.setQueryData(handoffQuery(accountId).queryKey, handoff);
      return queryClient.invalidateQueries({ queryKey: ["accounts", "timeline", accountId] });
    },
  });
}
