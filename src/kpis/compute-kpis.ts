import { type Db, inWorkspace, type Queryable } from "../platform/db/client.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { type KpiId, kpiIds } from "./kpi-definitions.ts";
import {
  echoFilters,
  type KpiFilterQuery,
  type KpiFilters,
  parseKpiFilters,
  resolveKpiFilters,
} from "./kpi-filters.ts";
import { type BreakdownDimension, type KpiPeriod, type KpiQuery, resolveKpiPeriod } from "./kpi-period.ts";
import {
  type AverageRow,
  type CohortRow,
  cohortRows,
  daysToChurnRows,
  type InquiryRow,
  inquiryRows,
  type Keyed,
  leadTimeRows,
  type Scope,
  type SeminarRow,
  type SurveyRow,
  surveyRows,
  welcomeSeminarRows,
} from "./kpi-queries.ts";
import { applyKpiTargets } from "./kpi-targets.ts";
import { wilsonInterval } from "./wilson.ts";

/** One KPI's value and its evidence (CONTRACT.md); which evidence fields appear depends on the KPI. */
export interface KpiValue {
  value: number | null;
  numerator?: number;
  denominator?: number;
  interval?: [number, number] | null;
  n?: number;
  mean?: number | null;
  median?: number | null;
  p90?: number | null;
  unanswered?: number;
  promoters?: number;
  passives?: number;
  detractors?: number;
  target: number | null;
  status: "no_target" | "on_track" | "at_risk" | "off_track" | "no_data";
}

export type KpiSet = Record<KpiId, KpiValue>;

export interface KpiResult {
  period: { from: string; to: string; timezone: string };
  asOf: string;
  /** Only when filtered: the values each filter kept (owner: e-mails; `none`: accounts without one). */
  filters?: Record<string, string[]>;
  kpis: KpiSet;
  /**
   * Only with a breakdown. `key` is the attribute's value (owner: the CSM's e-mail; cohort_month:
   * YYYY-MM in the workspace zone), or null for accounts without one; groups sorted by key, null last.
   */
  breakdown?: { by: BreakdownDimension; groups: { key: string | null; kpis: KpiSet }[] };
}

const noTarget = { target: null, status: "no_target" } as const;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function rate(numerator: number, denominator: number): KpiValue {
  return {
    value: denominator > 0 ? numerator / denominator : null,
    numerator,
    denominator,
    interval: wilsonInterval(numerator, denominator),
    ...noTarget,
  };
}

function average(row: Partial<InquiryRow> | undefined, extra: (keyof InquiryRow)[] = []): KpiValue {
  const n = row?.n ?? 0;
  const out: KpiValue = { value: n > 0 ? num(row!.mean) : null, n, ...noTarget };
  for (const field of extra) {
    const v = row?.[field];
    (out as unknown as Record<string, unknown>)[field] =
      field === "unanswered" ? Number(v ?? 0) : n > 0 ? num(v) : null;
  }
  return out;
}

interface Facts {
  cohort?: CohortRow;
  lead?: AverageRow;
  churnDays?: AverageRow;
  surveys?: SurveyRow;
  inquiries?: InquiryRow;
  seminars?: SeminarRow;
}

/** The KPIs of KPIS.md from one group's facts (missing facts: nothing happened). */
function kpisOf(f: Facts): KpiSet {
  const c = f.cohort ?? { cohort: 0, completed: 0, matured: 0, within_target: 0, activated: 0, churned: 0 };
  const s = f.surveys;
  const npsN = s?.nps_n ?? 0;
  const csatN = s?.csat_n ?? 0;
  const kpis: KpiSet = {
    onboarding_completion_rate: rate(c.completed, c.cohort),
    completed_within_target_rate: rate(c.within_target, c.matured),
    activation_rate: rate(c.activated, c.cohort),
    onboarding_churn_rate: rate(c.churned, c.cohort),
    avg_days_to_churn: average(f.churnDays),
    nps: {
      value: npsN > 0 ? (100 * (s!.promoters - s!.detractors)) / npsN : null,
      n: npsN,
      promoters: s?.promoters ?? 0,
      passives: s?.passives ?? 0,
      detractors: s?.detractors ?? 0,
      ...noTarget,
    },
    csat: { ...rate(s?.csat_satisfied ?? 0, csatN), mean: csatN > 0 ? num(s!.csat_mean) : null },
    avg_first_response_hours: average(f.inquiries, ["median", "p90", "unanswered"]),
    avg_onboarding_lead_days: average(f.lead, ["median"]),
    welcome_seminar_participation_rate: rate(f.seminars?.attended ?? 0, f.seminars?.invited ?? 0),
  };
  // Keep the order of KPIS.md.
  return Object.fromEntries(kpiIds.map((id) => [id, kpis[id]])) as KpiSet;
}

/**
 * The KPIs for a resolved period, on a transaction already scoped to the workspace; `filters` as
 * parsed (owners by e-mail), restricting every KPI to the matching accounts.
 */
export async function computeKpisIn(
  tx: Queryable,
  workspace: Workspace,
  period: KpiPeriod,
  by?: BreakdownDimension,
  filters?: KpiFilters,
): Promise<KpiResult> {
  const scope: Scope = {
    workspaceId: workspace.id,
    period,
    targetDays: workspace.settings["kpi.targetDays"],
    by,
    filters: filters && (await resolveKpiFilters(tx, workspace.id, filters)),
  };
  // One after the other: a transaction runs one statement at a time anyway.
  const families = {
    cohort: await cohortRows(tx, scope),
    lead: await leadTimeRows(tx, scope),
    churnDays: await daysToChurnRows(tx, scope),
    surveys: await surveyRows(tx, scope),
    inquiries: await inquiryRows(tx, scope),
    seminars: await welcomeSeminarRows(tx, scope),
  };
  const total: Facts = {};
  const groups = new Map<string | null, Facts>();
  for (const [family, rows] of Object.entries(families) as [keyof Facts, (Keyed & object)[]][])
    for (const row of rows) {
      if (row.total) (total as Record<string, unknown>)[family] = row;
      else {
        const facts = groups.get(row.k) ?? {};
        (facts as Record<string, unknown>)[family] = row;
        groups.set(row.k, facts);
      }
    }
  const result: KpiResult = {
    period: { from: period.from, to: period.to, timezone: period.timezone },
    asOf: period.asOf.toISOString(),
    ...(echoFilters(filters) && { filters: echoFilters(filters) }),
    kpis: kpisOf(total),
  };
  if (by)
    result.breakdown = {
      by,
      groups: [...groups.entries()]
        .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
        .map(([key, facts]) => ({ key, kpis: kpisOf(facts) })),
    };
  await applyKpiTargets(tx, workspace.id, result);
  return result;
}

/**
 * Choices where KPIS.md leaves room (kept here so every number can be recomputed by hand):
 * - Facts after asOf do not exist: onboardings started, completions, churns, answers, inquiries and
 *   invitations dated after asOf are left out; a first response after asOf leaves the inquiry
 *   unanswered; attendance counts only for a session that started by asOf.
 * - Filters (segment, touch model, owner, plan) restrict every KPI to the facts of accounts whose
 *   current attributes match, as the breakdowns see them; a filtered total equals that group's values.
 * - Breakdowns use the account's current attributes (segment, the effective touch model
 *   `accounts.touch_model`, which includes a manual override, plan, industry, owner); owner is the
 *   CSM's e-mail. An account without the attribute is grouped under key null (the CLI prints "(none)").
 * - cohort_month is the month (workspace zone) of started_at for the cohort KPIs, and of the dated
 *   fact otherwise: completed_at (lead time), churned_at, answered_at, opened_at, and the account's
 *   first welcome invitation in the period.
 * - avg_days_to_churn averages the churned accounts that have a contract_start; n counts those.
 * - Median and p90 interpolate linearly between closest ranks (percentile_cont; see percentiles.ts).
 * - Values are not rounded; intervals are rounded to 4 decimals.
 *
 * The KPIs of shared/KPIS.md for a period (calendar dates in the workspace zone, `[from, to)`;
 * default the current month), as of an instant (default now), optionally broken down and filtered.
 * Throws `validation_failed` for a bad period, asOf, dimension or filter.
 */
export async function computeKpis(
  db: Db,
  workspace: Workspace,
  query: KpiQuery & KpiFilterQuery,
  now = new Date(),
): Promise<KpiResult> {
  const { period, by } = resolveKpiPeriod(query, workspace.settings.timezone, now);
  const filters = parseKpiFilters(query);
  return inWorkspace(db, workspace.id, (tx) => computeKpisIn(tx, workspace, period, by, filters));
}
