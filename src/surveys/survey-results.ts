import { and, count, desc, eq, gte, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { accounts, contacts, surveyResponses, surveySends, surveys } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { parseDateOrInstant } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { bandOf, type ResponseListQuery } from "./survey-schemas.ts";
import { getSurvey } from "./surveys.ts";

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

/** NPS as KPIS.md defines it: 100 × (promoters − detractors) ÷ responses; promoters 9–10, detractors 0–6. */
export function npsOf(scores: number[]) {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const n = scores.length;
  return {
    n,
    promoters,
    passives: n - promoters - detractors,
    detractors,
    value: n ? round((100 * (promoters - detractors)) / n) : null,
  };
}

/** CSAT as KPIS.md defines it: the share with score ≥ 4, and the mean score. */
export function csatOf(scores: number[]) {
  const n = scores.length;
  const satisfied = scores.filter((s) => s >= 4).length;
  return {
    n,
    satisfied,
    value: n ? round(satisfied / n, 4) : null,
    mean: n ? round(scores.reduce((a, b) => a + b, 0) / n, 2) : null,
  };
}

/** A survey's results: response rate, the NPS or CSAT with its distribution, and each question's answers. */
export async function surveyResults(tx: Queryable, workspaceId: string, surveyId: string) {
  const survey = await getSurvey(tx, workspaceId, surveyId);
  const [sendStats] = await tx
    .select({
      sends: count(),
      opened: sql<number>`count(${surveySends.openedAt})::int`,
      answered: sql<number>`count(*) filter (where exists (select 1 from survey_responses r where r.send_id = survey_sends.id))::int`,
    })
    .from(surveySends)
    .where(and(eq(surveySends.workspaceId, workspaceId), eq(surveySends.surveyId, surveyId)));
  const rows = await tx
    .select({ score: surveyResponses.score, answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.surveyId, surveyId)));
  const scores = rows.map((r) => r.score).filter((s): s is number => s !== null);
  const [min, max] = survey.kind === "nps" ? [0, 10] : survey.kind === "csat" ? [1, 5] : [0, -1];
  const distribution = [];
  for (let s = min; s <= max; s++)
    distribution.push({ score: s, count: scores.filter((x) => x === s).length });
  const questions = survey.questions.map((q) => {
    const values = rows.map((r) => r.answers[q.id]).filter((v) => v !== undefined && v !== null && v !== "");
    if (q.type === "scale") {
      const nums = values.filter((v): v is number => typeof v === "number");
      return {
        id: q.id,
        type: q.type,
        answered: nums.length,
        mean: nums.length ? round(nums.reduce((a, b) => a + b, 0) / nums.length, 2) : null,
        counts: [1, 2, 3, 4, 5].map((value) => ({
          value: String(value),
          count: nums.filter((n) => n === value).length,
        })),
      };
    }
    if (q.type === "choice")
      return {
        id: q.id,
        type: q.type,
        answered: values.length,
        mean: null,
        counts: (q.options ?? []).map((o) => ({
          value: o.value,
          count: values.filter((v) => v === o.value).length,
        })),
      };
    return { id: q.id, type: q.type, answered: values.length, mean: null, counts: [] };
  });
  const sends = sendStats?.sends ?? 0;
  return {
    surveyId,
    kind: survey.kind,
    sends,
    opened: sendStats?.opened ?? 0,
    answeredSends: sendStats?.answered ?? 0,
    responses: rows.length,
    responseRate: sends ? round((sendStats?.answered ?? 0) / sends, 4) : null,
    nps: survey.kind === "nps" ? npsOf(scores) : null,
    csat: survey.kind === "csat" ? csatOf(scores) : null,
    distribution,
    questions,
  };
}

const bandRange: Record<string, [string, number, number]> = {
  detractor: ["nps", 0, 6],
  passive: ["nps", 7, 8],
  promoter: ["nps", 9, 10],
  low: ["csat", 1, 2],
  neutral: ["csat", 3, 3],
  high: ["csat", 4, 5],
};

function periodBound(value: string | undefined, timeZone: string, name: string) {
  if (!value) return null;
  const at = parseDateOrInstant(value, timeZone);
  if (!at)
    throw new AppError("validation_failed", "The request is not valid", [
      { path: name, message: "must be YYYY-MM-DD or an ISO-8601 instant" },
    ]);
  return at;
}

/** Answers with their comments, newest first, filtered by score band, segment, touch model and period. */
export async function listResponses(tx: Queryable, workspace: Workspace, query: ResponseListQuery) {
  const tz = workspace.settings.timezone;
  const from = periodBound(query.from, tz, "from");
  const to = periodBound(query.to, tz, "to");
  const where: SQL[] = [eq(surveyResponses.workspaceId, workspace.id)];
  if (query.surveyId) where.push(eq(surveyResponses.surveyId, query.surveyId));
  if (query.kind) where.push(eq(surveyResponses.kind, query.kind));
  if (query.band) {
    const [kind, lo, hi] = bandRange[query.band]!;
    where.push(
      eq(surveyResponses.kind, kind as "nps"),
      sql`${surveyResponses.score} between ${lo} and ${hi}`,
    );
  }
  if (query.segment) where.push(eq(accounts.segment, query.segment));
  if (query.touchModel) where.push(eq(accounts.touchModel, query.touchModel));
  if (query.accountId) where.push(eq(surveyResponses.accountId, query.accountId));
  if (from) where.push(gte(surveyResponses.answeredAt, from));
  if (to) where.push(lt(surveyResponses.answeredAt, to));
  if (query.withComment === "true") where.push(isNotNull(surveyResponses.comment));
  const filter = and(...where);
  const [rows, totals] = await Promise.all([
    tx
      .select({
        id: surveyResponses.id,
        surveyId: surveyResponses.surveyId,
        surveyTitle: surveys.title,
        kind: surveyResponses.kind,
        score: surveyResponses.score,
        comment: surveyResponses.comment,
        answers: surveyResponses.answers,
        source: surveyResponses.source,
        answeredAt: surveyResponses.answeredAt,
        updatedAt: surveyResponses.updatedAt,
        accountId: surveyResponses.accountId,
        accountName: accounts.name,
        segment: accounts.segment,
        touchModel: accounts.touchModel,
        contactId: surveyResponses.contactId,
        contactName: contacts.name,
        contactEmail: surveyResponses.contactEmail,
        followedUp: sql<boolean>`${surveyResponses.detractorHandledAt} is not null`,
      })
      .from(surveyResponses)
      .innerJoin(accounts, eq(accounts.id, surveyResponses.accountId))
      .leftJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
      .leftJoin(contacts, eq(contacts.id, surveyResponses.contactId))
      .where(filter)
      .orderBy(desc(surveyResponses.answeredAt), desc(surveyResponses.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    tx
      .select({
        total: count(),
        npsScores: sql<
          number[] | null
        >`array_agg(${surveyResponses.score}) filter (where ${surveyResponses.kind} = 'nps' and ${surveyResponses.score} is not null)`,
        csatScores: sql<
          number[] | null
        >`array_agg(${surveyResponses.score}) filter (where ${surveyResponses.kind} = 'csat' and ${surveyResponses.score} is not null)`,
      })
      .from(surveyResponses)
      .innerJoin(accounts, eq(accounts.id, surveyResponses.accountId))
      .where(filter),
  ]);
  const t = totals[0];
  return {
    items: rows.map((r) => ({ ...r, band: bandOf(r.kind, r.score) })),
    total: t?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    summary: { nps: npsOf(t?.npsScores ?? []), csat: csatOf(t?.csatScores ?? []) },
  };
}
