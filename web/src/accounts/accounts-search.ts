// The accounts list's state as URL search params, so links and the back button keep it.
export const sortKeys = [
  "name",
  "plan",
  "industry",
  "employees",
  "annualRevenue",
  "contractStart",
  "updatedAt",
] as const;
export type SortKey = (typeof sortKeys)[number];
export const pageSizes = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

export type AccountsSearch = {
  page?: number;
  pageSize?: number;
  q?: string;
  sort?: SortKey;
  order?: "asc" | "desc";
  plan?: string;
  industry?: string;
  lifecyclePhase?: string;
  ownerId?: string;
  segment?: string;
  touchModel?: string;
  activated?: boolean;
  usageFrequency?: string;
};

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== ""
    ? value
    : typeof value === "number"
      ? String(value)
      : undefined;

const positiveInt = (value: unknown): number | undefined => {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export function parseAccountsSearch(raw: Record<string, unknown>): AccountsSearch {
  const sort = sortKeys.find((k) => k === raw.sort);
  const pageSize = positiveInt(raw.pageSize);
  return {
    page: positiveInt(raw.page),
    pageSize: pageSize && pageSize <= 200 ? pageSize : undefined,
    q: text(raw.q),
    sort,
    order: raw.order === "asc" || raw.order === "desc" ? raw.order : undefined,
    plan: text(raw.plan),
    industry: text(raw.industry),
    lifecyclePhase: text(raw.lifecyclePhase),
    ownerId: text(raw.ownerId),
    segment: text(raw.segment),
    touchModel: text(raw.touchModel),
    activated:
      raw.activated === "true" || raw.activated === true
        ? true
        : raw.activated === "false" || raw.activated === false
          ? false
          : undefined,
    usageFrequency: text(raw.usageFrequency),
  };
}

export function hasFilters(search: AccountsSearch): boolean {
  return Boolean(
    search.q ||
      search.plan ||
      search.industry ||
      search.lifecyclePhase ||
      search.ownerId ||
      search.segment ||
      search.touchModel ||
      search.activated !== undefined ||
      search.usageFrequency,
  );
}
