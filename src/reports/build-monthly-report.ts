import { and, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { computeKpis } from "../kpis/compute-kpis.ts";
import { kpiDefinitions, kpiIds } from "../kpis/kpi-definitions.ts";
import { computeKpiTrend } from "../kpis/kpi-trend.ts";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { accounts, memberships, surveyResponses, users } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { parseDateOrInstant } from "../platform/time.ts";
import { readRulesInForce } from "../segmentation/rule-versions.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { findNotableChanges } from "./notable-changes.ts";
import {
  type CustomerVoice,
  type MonthlyReport,
  type ReportBreakdown,
  type ReportKpi,
  type ReportLanguage,
  reportBreakdownDimensions,
} from "./report-model.ts";
import { monthPeriod, parseReportMonth } from "./report-month.ts";
import { touchModelLabel } from "./report-text.ts";

export interface MonthlyReportQuery {
  /** YYYY-MM, a month in the workspace time zone. */
  month: string;
  /** Default: the workspace's `mail.language`. */
  lang?: ReportLanguage;
  /** The instant the KPIs are evaluated at (ISO-8601 or a date); default now. */
  asOf?: string;
}

/** How many comments of each kind (detractors, promoters) the voice of the customer quotes. */
const VOICES_EACH = 3;

/**
 * The monthly KPI report of `month`: every KPI with its evidence, target and status, the change from
 * the previous month and the 12-month trend (all as of one instant), the funnel, breakdowns by
 * segment, touch model and CSM, the notable changes and a few survey comments of the month.
 * Throws `validation_failed` for a bad or future month.
 */
export async function buildMonthlyReport(
  db: Db,
  workspace: Workspace,
  query: MonthlyReportQuery,
  now = new Date(),
): Promise<MonthlyReport> {
  const month = parseReportMonth(query.month);
  const timeZone = workspace.settings.timezone;
  const lang = query.lang ?? workspace.settings["mail.language"];
  const period = monthPeriod(month);
  const start = parseDateOrInstant(period.from, timeZone)!;
  const end = parseDateOrInstant(period.to, timeZone)!;
  if (start.getTime() > now.getTime())
    throw new AppError("validation_failed", `month ${month} has not started yet`);
  const asOf = query.asOf ?? now.toISOString();

  const { periods } = await computeKpiTrend(db, workspace, { ...period, asOf, count: 12 }, now);
  const current = periods[periods.length - 1]!;
  const previous = periods[periods.length - 2]!;
  const kpis: ReportKpi[] = kpiIds.map((id) => {
    const c = current.kpis[id];
    const p = previous.kpis[id];
    return {
      id,
      definition: kpiDefinitions[id],
      current: c,
      previous: p,
      change: c.value !== null && p.value !== null ? c.value - p.value : null,
      trend: periods.map((r) => ({ month: r.period.from.slice(0, 7), value: r.kpis[id].value })),
    };
  });

  const breakdowns: ReportBreakdown[] = [];
  for (const by of reportBreakdownDimensions) {
    const result = await computeKpis(db, workspace, { ...period, asOf, by }, now);
    const labels = await breakdownLabels(db, workspace, by, lang);
    breakdowns.push({
      by,
      groups: (result.breakdown?.groups ?? []).map((g) => ({
        key: g.key,
        label: g.key === null ? "" : (labels(g.key) ?? g.key),
        kpis: g.kpis,
      })),
    });
  }

  const completion = current.kpis.onboarding_completion_rate;
  return {
    lang,
    month,
    workspaceName: workspace.name,
    timezone: timeZone,
    period,
    asOf: current.asOf,
    kpis,
    funnel: {
      started: completion.denominator ?? 0,
      activated: current.kpis.activation_rate.numerator ?? 0,
      completed: completion.numerator ?? 0,
    },
    breakdowns,
    notable: findNotableChanges(kpis),
    voices: await customerVoices(
      db,
      workspace,
      start,
      new Date(Math.min(end.getTime(), Date.parse(current.asOf))),
    ),
  };
}

async function breakdownLabels(
  db: Db,
  workspace: Workspace,
  by: ReportBreakdown["by"],
  lang: ReportLanguage,
): Promise<(key: string) => string | null> {
  if (by === "touch_model") return (key) => touchModelLabel(key, lang);
  if (by === "segment") {
    const rules = await inWorkspace(db, workspace.id, (tx) => readRulesInForce(tx, workspace.id, "segments"));
    return (key) => {
      const label = rules.definition.segments?.find((s) => s.key === key)?.label;
      return label ? label[lang] || label.ja || label.en : null;
    };
  }
  const people = await db
    .select({ email: users.email, name: users.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(memberships.workspaceId, workspace.id));
  const names = new Map(people.map((p) => [p.email, p.name]));
  return (key) => names.get(key) || null;
}

/** The month's survey comments: the lowest-scoring (detractors) and the highest (promoters). */
async function customerVoices(db: Db, workspace: Workspace, from: Date, to: Date): Promise<CustomerVoice[]> {
  // NPS 0–10 and CSAT 1–5 on one scale, so the strongest opinions of either come first.
  const scaled = sql<number>`case when ${surveyResponses.kind} = 'nps' then ${surveyResponses.score} / 10.0 else (${surveyResponses.score} - 1) / 4.0 end`;
  const band = sql<"detractor" | "promoter" | "passive">`case
    when ${surveyResponses.kind} = 'nps' and ${surveyResponses.score} <= 6 then 'detractor'
    when ${surveyResponses.kind} = 'nps' and ${surveyResponses.score} >= 9 then 'promoter'
    when ${surveyResponses.kind} = 'csat' and ${surveyResponses.score} <= 2 then 'detractor'
    when ${surveyResponses.kind} = 'csat' and ${surveyResponses.score} >= 4 then 'promoter'
    else 'passive' end`;
  const pick = (which: "detractor" | "promoter") =>
    inWorkspace(db, workspace.id, (tx) =>
      tx
        .select({
          survey: surveyResponses.kind,
          score: surveyResponses.score,
          comment: surveyResponses.comment,
          accountName: accounts.name,
          answeredAt: surveyResponses.answeredAt,
        })
        .from(surveyResponses)
        .innerJoin(accounts, eq(accounts.id, surveyResponses.accountId))
        .where(
          and(
            eq(surveyResponses.workspaceId, workspace.id),
            inArray(surveyResponses.kind, ["nps", "csat"]),
            isNotNull(surveyResponses.score),
            sql`btrim(coalesce(${surveyResponses.comment}, '')) <> ''`,
            gte(surveyResponses.answeredAt, from),
            lt(surveyResponses.answeredAt, to),
            sql`${band} = ${which}`,
          ),
        )
        .orderBy(
          which === "detractor" ? scaled : sql`${scaled} desc`,
          sql`${surveyResponses.answeredAt} desc`,
        )
        .limit(VOICES_EACH),
    );
  const voices: CustomerVoice[] = [];
  for (const which of ["detractor", "promoter"] as const)
    for (const r of await pick(which))
      voices.push({
        survey: r.survey as "nps" | "csat",
        band: which,
        score: r.score!,
        comment: r.comment!.trim(),
        accountName: r.accountName,
        answeredAt: r.answeredAt.toISOString(),
      });
  return voices;
}
