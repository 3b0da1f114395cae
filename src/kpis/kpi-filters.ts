import { sql } from "drizzle-orm";
import { touchModels } from "../accounts/account-fields.ts";
import { type Queryable, rowsOf } from "../platform/db/client.ts";
import { AppError, type ErrorDetail } from "../platform/http/errors.ts";

/** The account attributes the KPIs can be restricted to (issue 7: segment, touch model, owner, plan). */
export const filterDimensions = ["segment", "touchModel", "owner", "plan"] as const;
export type FilterDimension = (typeof filterDimensions)[number];

/** The value that stands for "the account has none" (no segment, no CSM, …), as in the team load. */
export const NONE = "none";

/** The filters as a request gives them: each a comma-separated list of values. */
export type KpiFilterQuery = Partial<Record<FilterDimension, string>>;

/** Parsed filters: the values of each dimension (null = accounts without one); absent = no restriction. */
export type KpiFilters = Partial<Record<FilterDimension, (string | null)[]>>;

/** Filters ready for SQL: the owner resolved from e-mails to user ids. */
export type ResolvedKpiFilters = KpiFilters;

export const MAX_FILTER_VALUES = 50;

const SEGMENT_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const EMAIL = /^[^\s@,]+@[^\s@,]+$/;

const checks: Record<FilterDimension, { valid: (v: string) => boolean; expected: string }> = {
  segment: { valid: (v) => SEGMENT_KEY.test(v), expected: "a segment key" },
  touchModel: {
    valid: (v) => (touchModels as readonly string[]).includes(v),
    expected: `one of ${touchModels.join(", ")}`,
  },
  owner: { valid: (v) => EMAIL.test(v), expected: "the CSM's e-mail address" },
  plan: { valid: (v) => v.length <= 100, expected: "a plan of at most 100 characters" },
};

export const describeFilters = {
  segment: `Only accounts in these segments (segment keys, comma-separated; \`${NONE}\`: accounts without a segment)`,
  touchModel: `Only accounts with these touch models (${touchModels.join(", ")}, comma-separated; \`${NONE}\`: without one)`,
  owner: `Only accounts these CSMs own: their e-mail addresses (as the owner breakdown's keys), comma-separated; \`${NONE}\`: accounts without a CSM`,
  plan: `Only accounts on these plans (comma-separated; \`${NONE}\`: accounts without a plan)`,
} satisfies Record<FilterDimension, string>;

/**
 * Parses the filter parameters. Empty parameters restrict nothing; a bad value or too many values
 * throw `validation_failed` naming the parameter.
 */
export function parseKpiFilters(query: KpiFilterQuery): KpiFilters {
  const filters: KpiFilters = {};
  const details: ErrorDetail[] = [];
  for (const dim of filterDimensions) {
    const raw = query[dim];
    if (raw === undefined) continue;
    const values = [
      ...new Set(
        raw
          .split(",")
          .map((v) => v.trim())
          .filter((v) => v !== ""),
      ),
    ];
    if (values.length === 0) continue;
    if (values.length > MAX_FILTER_VALUES) {
      details.push({ path: dim, message: `at most ${MAX_FILTER_VALUES} values` });
      continue;
    }
    const bad = values.filter((v) => v !== NONE && !checks[dim].valid(v));
    if (bad.length > 0) {
      details.push({
        path: dim,
        message: `must be ${checks[dim].expected} or ${NONE}, not "${bad[0]!.slice(0, 40)}"`,
      });
      continue;
    }
    filters[dim] = values.map((v) => (v === NONE ? null : dim === "owner" ? v.toLowerCase() : v));
  }
  if (details.length > 0)
    throw new AppError(
      "validation_failed",
      details.map((d) => `${d.path}: ${d.message}`).join("; "),
      details,
    );
  return filters;
}

export const hasFilters = (filters: KpiFilters | undefined): filters is KpiFilters =>
  !!filters && Object.keys(filters).length > 0;

/**
 * Turns the owners' e-mails into user ids: staff of the workspace, or people who own one of its
 * accounts. Throws `validation_failed` for an e-mail nobody here has.
 */
export async function resolveKpiFilters(
  tx: Queryable,
  workspaceId: string,
  filters: KpiFilters,
): Promise<ResolvedKpiFilters> {
  const emails = (filters.owner ?? []).filter((v): v is string => v !== null);
  if (emails.length === 0) return filters;
  const found = rowsOf<{ id: string; email: string }>(
    await tx.execute(sql`
      select u.id, lower(u.email) as email from users u
      where lower(u.email) in (${sql.join(
        emails.map((e) => sql`${e}`),
        sql`, `,
      )})
        and (exists (select 1 from memberships m where m.workspace_id = ${workspaceId} and m.user_id = u.id)
          or exists (select 1 from accounts a where a.workspace_id = ${workspaceId} and a.owner_id = u.id))`),
  );
  const ids = new Map(found.map((r) => [r.email, r.id]));
  const unknown = emails.filter((e) => !ids.has(e));
  if (unknown.length > 0)
    throw new AppError("validation_failed", `owner: nobody in this workspace has the e-mail ${unknown[0]}`, [
      { path: "owner", message: `unknown e-mail ${unknown[0]}` },
    ]);
  return { ...filters, owner: filters.owner!.map((v) => (v === null ? null : ids.get(v)!)) };
}

/** The filters as the KPI JSON echoes them (null shown as `none`); undefined without filters. */
export function echoFilters(filters: KpiFilters | undefined): Record<string, string[]> | undefined {
  if (!hasFilters(filters)) return undefined;
  return Object.fromEntries(
    filterDimensions.filter((d) => filters[d]).map((d) => [d, filters[d]!.map((v) => v ?? NONE)]),
  );
}
