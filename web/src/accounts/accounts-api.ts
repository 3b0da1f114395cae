// Queries and mutations for accounts and their contacts.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPatch, apiPost, toQueryString } from "../platform/api";
import type {
  Account,
  AccountFacets,
  AccountInput,
  AccountWithContacts,
  Contact,
  ContactInput,
  Page,
  StaffUser,
} from "../platform/types";
import { type AccountsSearch, DEFAULT_PAGE_SIZE } from "./accounts-search";

export function accountsListQuery(search: AccountsSearch) {
  const params = {
    page: search.page ?? 1,
    pageSize: search.pageSize ?? DEFAULT_PAGE_SIZE,
    q: search.q,
    sort: search.sort ?? "name",
    order: search.order ?? "asc",
    plan: search.plan,
    industry: search.industry,
    lifecyclePhase: search.lifecyclePhase,
    ownerId: search.ownerId,
    segment: search.segment,
    touchModel: search.touchModel,
    activated: search.activated === undefined ? undefined : String(search.activated),
    usageFrequency: search.usageFrequency,
  };
  return queryOptions({
    queryKey: ["accounts", "list", params],
    queryFn: ({ signal }) => apiGet<Page<Account>>(`/api/v1/accounts${toQueryString(params)}`, signal),
    placeholderData: keepPreviousData,
  });
}

export const accountFacetsQuery = queryOptions({
  queryKey: ["accounts", "facets"],
  queryFn: ({ signal }) => apiGet<AccountFacets>("/api/v1/accounts/facets", signal),
  staleTime: 5 * 60_000,
});

export const staffUsersQuery = queryOptions({
  queryKey: ["users"],
  queryFn: ({ signal }) => apiGet<{ items: StaffUser[] }>("/api/v1/users", signal),
  staleTime: 5 * 60_000,
  meta: { silent: true },
});

export const accountQuery = (id: string) =>
  queryOptions({
    queryKey: ["accounts", "one", id],
    queryFn: ({ signal }) =>
      apiGet<AccountWithContacts>(`/api/v1/accounts/${encodeURIComponent(id)}`, signal),
  });

export function useAccountFacets() {
  return useQuery(accountFacetsQuery);
}

/** Staff who can own an account: /api/v1/users, or the facet owners when that list is not allowed. */
export function useOwnerOptions(): { value: string; label: string }[] {
  const users = useQuery(staffUsersQuery);
  const facets = useAccountFacets();
  const people = users.data?.items ?? facets.data?.owners ?? [];
  return people.map((p) => ({ value: p.id, label: p.name || p.email }));
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AccountInput) => apiPost<Account>("/api/v1/accounts", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["accounts"] }),
  });
}

export function useUpdateAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<AccountInput>) =>
      apiPatch<Account>(`/api/v1/accounts/${encodeURIComponent(id)}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["accounts"] }),
  });
}

export function useSaveContact(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ContactInput }) =>
      id
        ? apiPatch<Contact>(`/api/v1/contacts/${encodeURIComponent(id)}`, input)
        : apiPost<Contact>(`/api/v1/accounts/${encodeURIComponent(accountId)}/contacts`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["accounts"] }),
  });
}

export function useDeleteContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/v1/contacts/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["accounts"] }),
  });
}
