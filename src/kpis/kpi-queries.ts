import { type SQL, sql } from "drizzle-orm";
import { type Queryable, rowsOf } from "../platform/db/client.ts";
import { type FilterDimension, hasFilters, type ResolvedKpiFilters } from "./kpi-filters.ts";
import type { BreakdownDimension, KpiPeriod } from "./kpi-period.ts";

/**
 * The set-based queries behind the KPIs: one per family of facts (cohort, completions, churns,
 * survey answers, inquiries, welcome seminars). Each returns the overall row (`total`) and, with a
 * breakdown, one row per key, in one pass (GROUPING SETS). Every query is scoped by workspace and
 * bounded by the period's instants and asOf, so the (workspace, date) indexes carry it. Filters
 * restrict every family to the facts of matching accounts (their current attributes, as the
 * breakdowns use them).
 */

export interface Scope {
  workspaceId: string;
  period: KpiPeriod;
  targetDays: number;
  by: BreakdownDimension | undefined;
  filters?: ResolvedKpiFilters;
}

export interface Keyed {
  /** The breakdown key (null: the account has no value for it); ignored on the total row. */
  k: string | null;
  total: boolean;
}

/**
 * The breakdown key of a row: the account's attribute (alias `a`; the owner is the CSM's e-mail,
 * through `u`), or the month (workspace zone) of `dated` for cohort_month.
 */
function keyOf(scope: Scope, dated: SQL): SQL {
  switch (scope.by) {
    case undefined:
      return sql`null::text`;
    case "owner":
      return sql`u.email`;
    case "cohort_month":
      return sql`to_char(${dated} at time zone ${scope.period.timezone}, 'YYYY-MM')`;
    default:
      return sql`a.${sql.identifier(scope.by)}`;
  }
}

const ownerJoin = (scope: Scope) =>
  scope.by === "owner" ? sql`left join users u on u.id = a.owner_id` : sql``;

const filterColumns: Record<FilterDimension, string> = {
  segment: "segment",
  touchModel: "touch_model",
  owner: "owner_id",
  plan: "plan",
};

/**
 * `and …` restricting the account (alias `a`) to the filters: per dimension, any of its values
 * (null: the account has none). Each is a plain comparison on a column of `accounts`, so the
 * (workspace, segment / touch_model / owner_id) indexes can serve it.
 */
export function accountFilter(filters: ResolvedKpiFilters | undefined): SQL {
  if (!hasFilters(filters)) return sql``;
  const parts: SQL[] = [];
  for (const [dim, values] of Object.entries(filters) as [FilterDimension, (string | null)[]][]) {
    const col = sql`a.${sql.identifier(filterColumns[dim])}`;
    const present = values.filter((v): v is string => v !== null);
    const alternatives: SQL[] = [];
    if (present.length > 0)
      alternatives.push(
        sql`${col} in (${sql.join(
          present.map((v) => sql`${v}`),
          sql`, `,
        )})`,
      );
    if (present.length < values.length) alternatives.push(sql`${col} is null`);
    parts.push(sql`(${sql.join(alternatives, sql` or `)})`);
  }
  return sql` and ${sql.join(parts, sql` and `)}`;
}

/**
 * The answering account (alias `a`) of a dated fact, joined only when the breakdown is by one of its
 * attributes or a filter needs them: the totals and cohort_month need no account row.
 */
const accountOf = (scope: Scope, accountId: SQL) =>
  (scope.by && scope.by !== "cohort_month") || hasFilters(scope.filters)
    ? sql`join accounts a on a.id = ${accountId} ${accountFilter(scope.filters)} ${ownerJoin(scope)}`
    : sql``;

/** Wraps a row source (with column k) so it yields the total row and, with a breakdown, each key's. */
function grouped(scope: Scope, aggregates: SQL, source: SQL): SQL {
  return scope.by
    ? sql`select k, grouping(k) = 1 as total, ${aggregates} from (${source}) x group by grouping sets ((), (k))`
    : sql`select null::text as k, true as total, ${aggregates} from (${source}) x`;
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
// date_part, not extract: extract computes in numeric, which made the inquiry query twice as slow.
const epoch = (col: SQL) => sql`date_part('epoch', ${col})`;

/** `col` within the period and not after asOf. */
const inPeriod = (scope: Scope, col: SQL) =>
  sql`${col} >= ${ts(scope.period.fromInstant)} and ${col} < ${ts(scope.period.toInstant)} and ${col} <= ${ts(scope.period.asOf)}`;

async function run<T>(tx: Queryable, query: SQL): Promise<(T & Keyed)[]> {
  return rowsOf<T & Keyed>(await tx.execute(query));
}

export interface CohortRow {
  cohort: number;
  completed: number;
  matured: number;
  within_target: number;
  activated: number;
  churned: number;
}

/** Cohort C: onboardings started in the period (and by asOf); counts onboardings, not accounts. */
export function cohortRows(tx: Queryable, scope: Scope) {
  const asOf = ts(scope.period.asOf);
  const target = sql`interval '1 second' * ${scope.targetDays * 86_400}::float8`;
  return run<CohortRow>(
    tx,
    grouped(
      scope,
      sql`count(*)::int as cohort,
        count(*) filter (where completed_at <= ${asOf})::int as completed,
        count(*) filter (where matured)::int as matured,
        count(*) filter (where matured and completed_at <= ${asOf} and completed_at <= started_at + ${target})::int as within_target,
        count(*) filter (where activated_at <= ${asOf})::int as activated,
        count(*) filter (where churned_at >= started_at and churned_at <= ${asOf}
                           and (completed_at is null or churned_at < completed_at))::int as churned`,
      sql`select ${keyOf(scope, sql`o.started_at`)} as k, o.started_at, o.completed_at, a.activated_at, a.churned_at,
          o.started_at + ${target} <= ${asOf} as matured
        from onboardings o join accounts a on a.id = o.account_id ${accountFilter(scope.filters)} ${ownerJoin(scope)}
        where o.workspace_id = ${scope.workspaceId} and ${inPeriod(scope, sql`o.started_at`)}`,
    ),
  );
}

export interface AverageRow {
  n: number;
  mean: number | null;
  median: number | null;
}

/** Onboardings completed in the period: days from start to completion. */
export function leadTimeRows(tx: Queryable, scope: Scope) {
  return run<AverageRow>(
    tx,
    grouped(
      scope,
      sql`count(*)::int as n, avg(d)::float8 as mean, percentile_cont(0.5) within group (order by d) as median`,
      sql`select ${keyOf(scope, sql`o.completed_at`)} as k,
          (${epoch(sql`o.completed_at`)} - ${epoch(sql`o.started_at`)}) / 86400 as d
        from onboardings o ${accountOf(scope, sql`o.account_id`)}
        where o.workspace_id = ${scope.workspaceId} and ${inPeriod(scope, sql`o.completed_at`)}`,
    ),
  );
}

/** Accounts churned in the period (with a contract start): days from contract start to churn. */
export function daysToChurnRows(tx: Queryable, scope: Scope) {
  return run<AverageRow>(
    tx,
    grouped(
      scope,
      sql`count(*)::int as n, avg(d)::float8 as mean, null::float8 as median`,
      sql`select ${keyOf(scope, sql`a.churned_at`)} as k,
          (${epoch(sql`a.churned_at`)} - ${epoch(sql`a.contract_start`)}) / 86400 as d
        from accounts a ${ownerJoin(scope)}
        where a.workspace_id = ${scope.workspaceId} and a.contract_start is not null
          and ${inPeriod(scope, sql`a.churned_at`)} ${accountFilter(scope.filters)}`,
    ),
  );
}

export interface SurveyRow {
  nps_n: number;
  promoters: number;
  passives: number;
  detractors: number;
  csat_n: number;
  csat_satisfied: number;
  csat_mean: number | null;
}

/** NPS and CSAT answers given in the period. */
export function surveyRows(tx: Queryable, scope: Scope) {
  return run<SurveyRow>(
    tx,
    grouped(
      scope,
      sql`count(*) filter (where kind = 'nps')::int as nps_n,
        count(*) filter (where kind = 'nps' and score >= 9)::int as promoters,
        count(*) filter (where kind = 'nps' and score between 7 and 8)::int as passives,
        count(*) filter (where kind = 'nps' and score <= 6)::int as detractors,
        count(*) filter (where kind = 'csat')::int as csat_n,
        count(*) filter (where kind = 'csat' and score >= 4)::int as csat_satisfied,
        avg(score) filter (where kind = 'csat')::float8 as csat_mean`,
      sql`select ${keyOf(scope, sql`r.answered_at`)} as k, r.kind, r.score
        from survey_responses r ${accountOf(scope, sql`r.account_id`)}
        where r.workspace_id = ${scope.workspaceId} and r.kind in ('nps', 'csat') and r.score is not null
          and ${inPeriod(scope, sql`r.answered_at`)}`,
    ),
  );
}

export interface InquiryRow extends AverageRow {
  p90: number | null;
  unanswered: number;
}

/** Inquiries opened in the period: hours to the first response (one after asOf is not there yet). */
export function inquiryRows(tx: Queryable, scope: Scope) {
  const asOf = ts(scope.period.asOf);
  return run<InquiryRow>(
    tx,
    grouped(
      scope,
      sql`count(h)::int as n, avg(h)::float8 as mean,
        percentile_cont(0.5) within group (order by h) as median,
        percentile_cont(0.9) within group (order by h) as p90,
        count(*) filter (where h is null)::int as unanswered`,
      sql`select ${keyOf(scope, sql`i.opened_at`)} as k,
          case when i.first_response_at <= ${asOf}
            then (${epoch(sql`i.first_response_at`)} - ${epoch(sql`i.opened_at`)}) / 3600 end as h
        from inquiries i ${accountOf(scope, sql`i.account_id`)}
        where i.workspace_id = ${scope.workspaceId} and ${inPeriod(scope, sql`i.opened_at`)}`,
    ),
  );
}

export interface SeminarRow {
  invited: number;
  attended: number;
}

/**
 * Accounts invited to a welcome seminar in the period, and those where an invited contact attended
 * (a session after asOf has not been attended yet). cohort_month: the month of the first invitation.
 */
export function welcomeSeminarRows(tx: Queryable, scope: Scope) {
  const asOf = ts(scope.period.asOf);
  return run<SeminarRow>(
    tx,
    grouped(
      scope,
      sql`count(*)::int as invited, count(*) filter (where attended)::int as attended`,
      sql`select ${keyOf(scope, sql`p.invited_at`)} as k, p.attended
        from (
          select i.account_id, min(i.invited_at) as invited_at,
            bool_or(i.attended is true and ss.starts_at <= ${asOf}) as attended
          from seminar_invitations i
            join seminars s on s.id = i.seminar_id and s.kind = 'welcome'
            join seminar_sessions ss on ss.id = i.session_id
          where i.workspace_id = ${scope.workspaceId} and ${inPeriod(scope, sql`i.invited_at`)}
          group by i.account_id
        ) p ${accountOf(scope, sql`p.account_id`)}`,
    ),
  );
}
