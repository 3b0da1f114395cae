// Workspace settings, API tokens and the ingestion write key.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPatch, apiPost } from "../platform/api";
import type { ApiToken, WorkspaceSettings } from "../platform/types";

export const settingsQuery = queryOptions({
  queryKey: ["settings"],
  queryFn: ({ signal }) => apiGet<WorkspaceSettings>("/api/v1/settings", signal),
});

export const tokensQuery = queryOptions({
  queryKey: ["tokens"],
  queryFn: ({ signal }) => apiGet<{ items: ApiToken[] }>("/api/v1/tokens", signal),
});

export const writeKeyQuery = queryOptions({
  queryKey: ["write-key"],
  queryFn: ({ signal }) => apiGet<{ writeKey: string }>("/api/v1/write-key", signal),
  meta: { silent: true },
});

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<WorkspaceSettings>) => apiPatch<WorkspaceSettings>("/api/v1/settings", patch),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsQuery.queryKey, settings);
      return queryClient.invalidateQueries({ queryKey: ["me"] });
    },
  });
}

export function useRotateWriteKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ writeKey: string }>("/api/v1/write-key/rotate", undefined),
    onSuccess: (result) => queryClient.setQueryData(writeKeyQuery.queryKey, result),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiPost<{ token: string; item: ApiToken }>("/api/v1/tokens", { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/v1/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQuery.queryKey }),
  });
}
