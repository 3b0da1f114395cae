/**
 * The reference for the KPI benchmark: the same facts exported from the database (COPY … TO csv)
 * into an in-memory DuckDB, and the KPI set of shared/KPIS.md computed there with SQL written from
 * the definitions (not from Embark's queries). Activation is derived from the raw activation events.
 */
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { BreakdownDimension } from "../src/kpis/kpi-period.ts";
import type { DatabaseTarget } from "../src/platform/config.ts";
import type { Database } from "../src/platform/db/client.ts";

const us = (col: string) => `(extract(epoch from ${col}) * 1000000)::bigint`;

/** Table → [export query, DuckDB columns]; instants travel as microseconds since the epoch. */
function exports(ws: string, activation: string[]): Record<string, [string, Record<string, string>]> {
  const names = activation.map((n) => `'${n.replaceAll("'", "''")}'`).join(", ");
  return {
    accounts: [
      `select id, segment, touch_model, plan, industry, owner_id, ${us("contract_start")}, ${us("churned_at")}
       from accounts where workspace_id = '${ws}'`,
      {
        id: "VARCHAR",
        segment: "VARCHAR",
        touch_model: "VARCHAR",
        plan: "VARCHAR",
        industry: "VARCHAR",
        owner_id: "VARCHAR",
        contract_start: "BIGINT",
        churned_at: "BIGINT",
      },
    ],
    users: [
      `select u.id, u.email from users u join memberships m on m.user_id = u.id where m.workspace_id = '${ws}'`,
      { id: "VARCHAR", email: "VARCHAR" },
    ],
    onboardings: [
      `select account_id, ${us("started_at")}, ${us("completed_at")} from onboardings where workspace_id = '${ws}'`,
      { account_id: "VARCHAR", started_at: "BIGINT", completed_at: "BIGINT" },
    ],
    activation_events: [
      `select account_id, event, ${us("timestamp")} from events
       where workspace_id = '${ws}' and type = 'track' and account_id is not null and event in (${names})`,
      { account_id: "VARCHAR", event: "VARCHAR", ts: "BIGINT" },
    ],
    survey_responses: [
      `select account_id, kind, score, ${us("answered_at")} from survey_responses where workspace_id = '${ws}'`,
      { account_id: "VARCHAR", kind: "VARCHAR", score: "INTEGER", answered_at: "BIGINT" },
    ],
    inquiries: [
      `select account_id, ${us("opened_at")}, ${us("first_response_at")} from inquiries where workspace_id = '${ws}'`,
      { account_id: "VARCHAR", opened_at: "BIGINT", first_response_at: "BIGINT" },
    ],
    seminars: [
      `select id, kind from seminars where workspace_id = '${ws}'`,
      { id: "VARCHAR", kind: "VARCHAR" },
    ],
    seminar_sessions: [
      `select id, ${us("starts_at")} from seminar_sessions where workspace_id = '${ws}'`,
      { id: "VARCHAR", starts_at: "BIGINT" },
    ],
    seminar_invitations: [
      `select account_id, seminar_id, session_id, ${us("invited_at")}, attended
       from seminar_invitations where workspace_id = '${ws}'`,
      {
        account_id: "VARCHAR",
        seminar_id: "VARCHAR",
        session_id: "VARCHAR",
        invited_at: "BIGINT",
        attended: "BOOLEAN",
      },
    ],
  };
}

async function copyOut(database: Database, target: DatabaseTarget, query: string, file: string) {
  const statement = `COPY (${query}) TO STDOUT WITH (FORMAT csv)`;
  if (target.kind === "postgres") {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await pipeline(client.query(copyTo(statement)), createWriteStream(file));
    } finally {
      await client.end();
    }
    return;
  }
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const result = await client.query(`COPY (${query}) TO '/dev/blob' WITH (FORMAT csv)`);
  writeFileSync(file, Buffer.from(await result.blob!.arrayBuffer()));
}

export interface Reference {
  connection: DuckDBConnection;
  rows: Record<string, number>;
  close(): void;
}

/** Exports the workspace's facts and loads them into a new in-memory DuckDB. */
export async function loadReference(
  database: Database,
  target: DatabaseTarget,
  workspaceId: string,
  activation: string[],
): Promise<Reference> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "embark-bench-duckdb-"));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const rows: Record<string, number> = {};
  try {
    for (const [table, [query, columns]] of Object.entries(exports(workspaceId, activation))) {
      const file = path.join(dir, `${table}.csv`);
      await copyOut(database, target, query, file);
      const spec = Object.entries(columns)
        .map(([c, t]) => `'${c}': '${t}'`)
        .join(", ");
      // Instants become TIMESTAMP (UTC wall time); cohort months convert to the workspace zone.
      const select = Object.entries(columns)
        .map(([c, t]) =>
          t === "BIGINT" ? `case when ${c} is null then null else make_timestamp(${c}) end as ${c}` : c,
        )
        .join(", ");
      await connection.run(
        `create table ${table} as select ${select} from read_csv('${file}', header = false, columns = {${spec}})`,
      );
      const count = await connection.runAndReadAll(`select count(*)::double as n from ${table}`);
      rows[table] = Number(count.getRowObjects()[0]!.n);
    }
    // KPIS.md, mode "any": the first occurrence of any activation event.
    await connection.run(`create table activation as
      select account_id, min(ts) as activated_at from activation_events group by account_id`);
    await connection.run(`create table account_facts as
      select a.*, act.activated_at, u.email as owner_email from accounts a
      left join activation act on act.account_id = a.id left join users u on u.id = a.owner_id`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { connection, rows, close: () => connection.closeSync() };
}

export interface ReferenceScope {
  /** Instants in microseconds since the epoch. */
  from: number;
  to: number;
  asOf: number;
  timezone: string;
  targetDays: number;
  by?: BreakdownDimension;
}

/** The values of the KPI set (and evidence worth comparing), per group; key "" is the total. */
export type ReferenceValues = Map<string | null, Record<string, number | null>>;

const ts = (micros: number) => `make_timestamp(${Math.round(micros)}::bigint)`;

/** Runs the six fact families of KPIS.md and returns their values; the total under key "". */
export async function referenceKpis(ref: Reference, s: ReferenceScope): Promise<ReferenceValues> {
  const F = ts(s.from);
  const T = ts(s.to);
  const A = ts(s.asOf);
  const key = (dated: string) =>
    s.by === undefined
      ? "null::varchar"
      : s.by === "cohort_month"
        ? `strftime(timezone('${s.timezone}', timezone('UTC', ${dated})), '%Y-%m')`
        : s.by === "owner"
          ? "a.owner_email"
          : `a.${s.by}`;
  const group = s.by ? "group by grouping sets ((), (k))" : "";
  const total = s.by ? "grouping(k) = 1 as total, k" : "true as total, null::varchar as k";
  const between = (col: string) => `${col} >= ${F} and ${col} < ${T} and ${col} <= ${A}`;
  const days = (a: string, b: string) => `(epoch(${a}) - epoch(${b})) / 86400`;
  const target = s.targetDays * 86400;
  const queries = {
    cohort: `select ${total}, count(*)::double as cohort,
        count(*) filter (where completed_at <= ${A})::double as completed,
        count(*) filter (where matured)::double as matured,
        count(*) filter (where matured and completed_at <= ${A} and epoch(completed_at) - epoch(started_at) <= ${target})::double as within,
        count(*) filter (where activated_at <= ${A})::double as activated,
        count(*) filter (where churned_at >= started_at and churned_at <= ${A}
          and (completed_at is null or churned_at < completed_at))::double as churned
      from (select ${key("o.started_at")} as k, o.started_at, o.completed_at, a.activated_at, a.churned_at,
          epoch(o.started_at) + ${target} <= epoch(${A}) as matured
        from onboardings o join account_facts a on a.id = o.account_id where ${between("o.started_at")}) ${group}`,
    lead: `select ${total}, count(d)::double as lead_n, avg(d) as lead_mean, quantile_cont(d, 0.5) as lead_median
      from (select ${key("o.completed_at")} as k, ${days("o.completed_at", "o.started_at")} as d
        from onboardings o join account_facts a on a.id = o.account_id where ${between("o.completed_at")}) ${group}`,
    churn: `select ${total}, count(d)::double as churn_n, avg(d) as churn_mean
      from (select ${key("a.churned_at")} as k, ${days("a.churned_at", "a.contract_start")} as d
        from account_facts a where a.contract_start is not null and ${between("a.churned_at")}) ${group}`,
    surveys: `select ${total},
        count(*) filter (where kind = 'nps')::double as nps_n,
        count(*) filter (where kind = 'nps' and score >= 9)::double as promoters,
        count(*) filter (where kind = 'nps' and score <= 6)::double as detractors,
        count(*) filter (where kind = 'csat')::double as csat_n,
        count(*) filter (where kind = 'csat' and score >= 4)::double as csat_ok,
        avg(score) filter (where kind = 'csat') as csat_mean
      from (select ${key("r.answered_at")} as k, r.kind, r.score from survey_responses r
        join account_facts a on a.id = r.account_id
        where r.kind in ('nps', 'csat') and r.score is not null and ${between("r.answered_at")}) ${group}`,
    inquiries: `select ${total}, count(h)::double as inq_n, avg(h) as inq_mean,
        quantile_cont(h, 0.5) as inq_median, quantile_cont(h, 0.9) as inq_p90,
        count(*) filter (where h is null)::double as unanswered
      from (select ${key("i.opened_at")} as k,
          case when i.first_response_at <= ${A} then (epoch(i.first_response_at) - epoch(i.opened_at)) / 3600 end as h
        from inquiries i join account_facts a on a.id = i.account_id where ${between("i.opened_at")}) ${group}`,
    seminars: `select ${total}, count(*)::double as invited, count(*) filter (where attended)::double as attended
      from (select ${key("p.invited_at")} as k, p.attended from (
          select i.account_id, min(i.invited_at) as invited_at,
            bool_or(coalesce(i.attended, false) and ss.starts_at <= ${A}) as attended
          from seminar_invitations i join seminars s on s.id = i.seminar_id and s.kind = 'welcome'
            join seminar_sessions ss on ss.id = i.session_id
          where ${between("i.invited_at")} group by i.account_id) p
        join account_facts a on a.id = p.account_id) ${group}`,
  };
  const facts = new Map<string | null, Record<string, number | null>>();
  for (const query of Object.values(queries)) {
    const result = await ref.connection.runAndReadAll(query);
    for (const row of result.getRowObjects()) {
      const k = row.total ? "" : (row.k as string | null);
      const f = facts.get(k) ?? {};
      for (const [name, v] of Object.entries(row))
        if (name !== "total" && name !== "k") f[name] = v === null ? null : Number(v);
      facts.set(k, f);
    }
  }
  const values: ReferenceValues = new Map();
  const ratio = (a: number | null | undefined, b: number | null | undefined) => (b ? (a ?? 0) / b : null);
  for (const [k, f] of facts)
    values.set(k, {
      onboarding_completion_rate: ratio(f.completed, f.cohort),
      completed_within_target_rate: ratio(f.within, f.matured),
      activation_rate: ratio(f.activated, f.cohort),
      onboarding_churn_rate: ratio(f.churned, f.cohort),
      avg_days_to_churn: f.churn_n ? (f.churn_mean ?? null) : null,
      nps: f.nps_n ? (100 * ((f.promoters ?? 0) - (f.detractors ?? 0))) / f.nps_n : null,
      csat: ratio(f.csat_ok, f.csat_n),
      avg_first_response_hours: f.inq_n ? (f.inq_mean ?? null) : null,
      avg_onboarding_lead_days: f.lead_n ? (f.lead_mean ?? null) : null,
      welcome_seminar_participation_rate: ratio(f.attended, f.invited),
      "csat.mean": f.csat_n ? (f.csat_mean ?? null) : null,
      "avg_first_response_hours.median": f.inq_n ? (f.inq_median ?? null) : null,
      "avg_first_response_hours.p90": f.inq_n ? (f.inq_p90 ?? null) : null,
      "avg_first_response_hours.unanswered": f.unanswered ?? 0,
      "avg_onboarding_lead_days.median": f.lead_n ? (f.lead_median ?? null) : null,
      "onboarding_completion_rate.denominator": f.cohort ?? 0,
    });
  return values;
}
