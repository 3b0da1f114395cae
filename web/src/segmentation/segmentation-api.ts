// Segment rules (versions, preview, save) and an account's classification.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPost, apiPut } from "../platform/api";
import type { Localized, Person } from "../platform/types";

export type RuleOperator =
  | "eq"
  | "neq"
  | "in"
  | "notIn"
  | "gte"
  | "gt"
  | "lte"
  | "lt"
  | "contains"
  | "isEmpty"
  | "isNotEmpty";
export const ruleOperators: RuleOperator[] = [
  "eq",
  "neq",
  "in",
  "notIn",
  "gte",
  "gt",
  "lte",
  "lt",
  "contains",
  "isEmpty",
  "isNotEmpty",
];
export const ruleFields = [
  "employees",
  "annualRevenue",
  "contractValue",
  "industry",
  "plan",
  "lifecyclePhase",
  "usageFrequency",
] as const;
export const usageFrequencies = ["daily", "weekly", "monthly", "inactive"] as const;

type Scalar = string | number;
export type RuleCondition = { field: string; op: RuleOperator; value?: Scalar | Scalar[] };
export type SegmentRule = { segment: string; conditions: RuleCondition[] };
export type SegmentDefinition = { key: string; label: Localized };
export type SegmentRuleSet = { segments?: SegmentDefinition[]; rules: SegmentRule[]; fallback: string };

export type RulesVersion<D> = {
  version: number;
  isDefault: boolean;
  definition: D;
  createdBy: Person | null;
  createdAt: string | null;
};

type Move = { from: string | null; to: string | null; count: number };
type Load = { segments: Record<string, number>; touchModels: Record<string, number> };
export type ChangeSummary = {
  total: number;
  segmentChanges: number;
  touchModelChanges: number;
  segmentMoves: Move[];
  touchModelMoves: Move[];
  segments: { segment: string; before: number; after: number }[];
  owners: { ownerId: string | null; ownerName: string | null; before: Load; after: Load }[];
};
export type SegmentRulesPreview = ChangeSummary & { warnings: string[] };

export type TouchModelChange = {
  id: string;
  fromModel: string | null;
  toModel: string;
  source: "rule" | "override" | "signal" | "import";
  reason: string;
  actor: Person | null;
  changedAt: string;
};

export type Classification = {
  accountId: string;
  segment: {
    key: string;
    label: Localized | null;
    rule: number | null;
    explanation: string;
    rulesVersion: number;
  };
  touchModel: {
    effective: string | null;
    source: "rule" | "signal" | "override" | null;
    override: string | null;
    explanation: string;
    policyModel: string;
    policyVersion: number;
  };
  history: TouchModelChange[];
};

export const segmentRulesQuery = queryOptions({
  queryKey: ["segment-rules"],
  queryFn: ({ signal }) => apiGet<RulesVersion<SegmentRuleSet>>("/api/v1/segment-rules", signal),
  staleTime: 5 * 60_000,
});

export const segmentRuleVersionsQuery = queryOptions({
  queryKey: ["segment-rules", "versions"],
  queryFn: ({ signal }) =>
    apiGet<{ items: RulesVersion<SegmentRuleSet>[] }>("/api/v1/segment-rules/versions", signal),
});

export const classificationQuery = (accountId: string) =>
  queryOptions({
    queryKey: ["accounts", "classification", accountId],
    queryFn: ({ signal }) =>
      apiGet<Classification>(`/api/v1/accounts/${encodeURIComponent(accountId)}/classification`, signal),
  });

export function usePreviewSegmentRules() {
  return useMutation({
    mutationFn: (candidate: SegmentRuleSet) =>
      apiPost<SegmentRulesPreview>("/api/v1/segment-rules/preview", candidate),
    meta: { silent: true },
  });
}

export function useSaveSegmentRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (definition: SegmentRuleSet) =>
      apiPut<{ rules: RulesVersion<SegmentRuleSet>; summary: ChangeSummary }>(
        "/api/v1/segment-rules",
        definition,
      ),
    meta: { silent: true },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["segment-rules"] }),
        queryClient.invalidateQueries({ queryKey: ["accounts"] }),
        queryClient.invalidateQueries({ queryKey: ["team"] }),
      ]),
  });
}
