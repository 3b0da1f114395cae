// Who is signed in, in which workspace — loaded before any signed-in page renders.
import { queryOptions, useSuspenseQuery } from "@tanstack/react-query";
import { ApiError, apiGet } from "../platform/api";
import type { Me } from "../platform/types";
import { getChosenWorkspace, setChosenWorkspace } from "../platform/workspace-choice";

async function fetchMe(signal: AbortSignal): Promise<Me> {
  try {
    return await apiGet<Me>("/api/v1/me", signal);
  } catch (error) {
    // A remembered workspace the user no longer belongs to: forget it and use the default one.
    if (error instanceof ApiError && (error.status === 403 || error.status === 404) && getChosenWorkspace()) {
      setChosenWorkspace(null);
      return apiGet<Me>("/api/v1/me", signal);
    }
    throw error;
  }
}

export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: ({ signal }) => fetchMe(signal),
  staleTime: 5 * 60_000,
  retry: false,
  meta: { silent: true },
});

export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}

export function canManageWorkspace(me: Me): boolean {
  return me.role === "admin" || me.role === "manager";
}

export function canEditAccounts(me: Me): boolean {
  return me.role !== "viewer";
}
