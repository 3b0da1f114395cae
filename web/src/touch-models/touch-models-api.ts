// The touch-model policy (segment → model, switching rules) and an account's override and history.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPut } from "../platform/api";
import type { TouchModel } from "../platform/types";
import type {
  Classification,
  RuleCondition,
  RulesVersion,
  TouchModelChange,
} from "../segmentation/segmentation-api";

export const signalTypes = ["usage_dropped", "detractor", "lifecycle_changed"] as const;
export type SignalType = (typeof signalTypes)[number];

export type SwitchingRule = {
  signal: SignalType;
  fromModels?: TouchModel[];
  conditions?: RuleCondition[];
  to: TouchModel;
};
export type TouchModelPolicy = {
  mapping: Record<string, TouchModel>;
  fallback: TouchModel;
  switchingRules: SwitchingRule[];
};

export const touchModelPolicyQuery = queryOptions({
  queryKey: ["touch-model-policy"],
  queryFn: ({ signal }) => apiGet<RulesVersion<TouchModelPolicy>>("/api/v1/touch-model-policy", signal),
});

export const touchModelHistoryQuery = (accountId: string) =>
  queryOptions({
    queryKey: ["accounts", "touch-model-history", accountId],
    queryFn: ({ signal }) =>
      apiGet<{ items: TouchModelChange[] }>(
        `/api/v1/accounts/${encodeURIComponent(accountId)}/touch-model/history`,
        signal,
      ),
  });

export function useSaveTouchModelPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: TouchModelPolicy) =>
      apiPut<RulesVersion<TouchModelPolicy>>("/api/v1/touch-model-policy", policy),
    meta: { silent: true },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["touch-model-policy"] }),
        queryClient.invalidateQueries({ queryKey: ["accounts"] }),
        queryClient.invalidateQueries({ queryKey: ["team"] }),
      ]),
  });
}

/** Sets (model) or removes (null) the account's override; a reason is required either way. */
export function useOverrideTouchModel(accountId: string) {
  const queryClient = useQueryClient();
  const path = `/api/v1/accounts/${encodeURIComponent(accountId)}/touch-model`;
  return useMutation({
    mutationFn: ({ touchModel, reason }: { touchModel: TouchModel | null; reason: string }) =>
      touchModel
        ? apiPut<Classification>(path, { touchModel, reason })
        : apiDelete<Classification>(path, { reason }),
    meta: { silent: true },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["accounts"] }),
        queryClient.invalidateQueries({ queryKey: ["team"] }),
      ]),
  });
}
