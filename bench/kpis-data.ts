/**
 * A workspace with the facts behind every KPI, made set-based in SQL (generate_series), for the KPI
 * benchmarks: accounts over the last two years with their CSMs, onboardings (completions,
 * re-onboardings), churns, raw usage events rolled up by the server's own rollup statement and the
 * accounts' activation derived from those rollups, NPS and CSAT answers, support inquiries and a
 * welcome seminar's weekly sessions with invitations and attendance.
 *
 * Values are functions of the row number (hashed), so the same sizes give data of the same shape.
 */
import { type SQL, sql } from "drizzle-orm";
import { listDemoStaff } from "../src/demo/demo-data.ts";
import { rollUp } from "../src/events/event-rollups.ts";
import { type Database, rowsOf } from "../src/platform/db/client.ts";
import { addStaffUser } from "../src/staff/staff-users.ts";
import { changeSettings } from "../src/workspaces/workspace-settings.ts";
import { createWorkspace, updateSettings, type Workspace } from "../src/workspaces/workspaces.ts";

export const ACTIVATION_EVENTS = ["Integration Connected", "Tutorial Completed"];
const OTHER_EVENTS = [
  "Report Viewed",
  "Dashboard Viewed",
  "Report Created",
  "Search Performed",
  "Filter Applied",
  "File Uploaded",
  "Task Created",
  "Task Completed",
  "Comment Added",
  "User Invited",
  "Export Done",
  "Settings Changed",
];
const INDUSTRIES = ["IT・ソフトウェア", "製造", "小売", "金融", "医療・福祉", "教育", "不動産", "物流"];
export const TIME_ZONE = "Asia/Tokyo";

export interface KpiWorkspace {
  workspace: Workspace;
  /** A staff admin who can sign in. */
  admin: { email: string; password: string };
  counts: Record<string, number>;
}

/** A number in [0, 1) from a row number and a salt, the same on every run. */
const rnd = (n: SQL, salt: number) =>
  sql`((hashint8((${n})::bigint * 1000003 + ${salt}) & 2147483647)::float8 / 2147483648)`;
const days = (x: SQL) => sql`((${x}) * interval '1 day')`;

/**
 * Creates the workspace (time zone Asia/Tokyo, activation = either of two events) and fills it with
 * `accounts` accounts and `events` raw events, dated up to `now`. `progress` hears each step.
 */
export async function generateKpiWorkspace(
  database: Database,
  options: { accounts: number; events: number; now: Date; progress?: (step: string) => void },
): Promise<KpiWorkspace> {
  const { db } = database;
  const { accounts: N, events: E } = options;
  const log = options.progress ?? (() => {});
  const now = sql`${options.now.toISOString()}::timestamptz`;
  let workspace = await createWorkspace(db, { slug: `kpis-${N}`, name: `KPI benchmark (${N} accounts)` });
  const changed = changeSettings(workspace.settings, {
    timezone: TIME_ZONE,
    "activation.events": ACTIVATION_EVENTS,
    "activation.mode": "any",
  });
  if (!changed.success) throw new Error("settings refused");
  await updateSettings(db, workspace, changed.data);
  workspace = { ...workspace, settings: changed.data };
  const ws = sql`${workspace.id}::uuid`;

  const admin = { email: `admin@kpis-${N}.example`, password: "bench-correct-horse" };
  await addStaffUser(db, workspace.id, { email: admin.email, role: "admin", password: admin.password });
  const owners: string[] = [];
  for (const m of listDemoStaff(`kpis-${N}.example`).filter((s) => s.role === "csm"))
    owners.push((await addStaffUser(db, workspace.id, m, { canSignIn: false })).userId);
  const ownerArray = sql`${`{${owners.join(",")}}`}::text[]`;

  const step = async (name: string, statement: SQL) => {
    const t = performance.now();
    await db.execute(statement);
    log(`${name} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  };

  // Accounts: contracts spread over two years; employees skewed small; 12% churn later.
  const g = sql`g`;
  await step(
    `${N.toLocaleString("en-US")} accounts`,
    sql`insert into accounts (workspace_id, external_id, name, group_id, industry, employees, plan,
        contract_start, owner_id, segment, touch_model, touch_model_source, lifecycle_phase, churned_at)
      select ${ws}, 'acc-' || lpad(g::text, 7, '0'), 'Account ' || g, 'grp-' || g,
        (${`{${INDUSTRIES.join(",")}}`}::text[])[1 + floor(${rnd(g, 1)} * ${INDUSTRIES.length})::int],
        employees,
        case when ${rnd(g, 3)} < (case when employees < 50 then 0.65 when employees < 1000 then 0.3 else 0.05 end) then 'light'
             when ${rnd(g, 4)} < 0.6 then 'standard' else 'premium' end,
        cs, (${ownerArray})[1 + (g % ${owners.length})],
        case when employees >= 1000 then 'enterprise' when employees >= 100 then 'mid_market' else 'small' end,
        case when employees >= 1000 then 'high' when employees >= 100 then 'low' else 'tech' end, 'rule',
        case when churned is not null then 'churned' else 'adoption' end, churned
      from generate_series(1, ${N}) g
      cross join lateral (select 5 + floor(power(${rnd(g, 2)}, 6) * 5000)::int as employees,
        ${now} - ${days(sql`${rnd(g, 5)} * 730`)} as cs) b
      cross join lateral (select case when ${rnd(g, 6)} < 0.12 and cs + ${days(sql`20 + ${rnd(g, 7)} * 500`)} < ${now}
        then cs + ${days(sql`20 + ${rnd(g, 7)} * 500`)} end as churned) c`,
  );
  await db.execute(sql`drop table if exists bench_accounts`);
  await db.execute(sql`create unlogged table bench_accounts as
    select (row_number() over (order by external_id))::int as n, id, group_id, contract_start as cs,
      coalesce(churned_at, ${now}) as until, churned_at, touch_model
    from accounts where workspace_id = ${ws}`);
  await db.execute(sql`create unique index on bench_accounts (n)`);

  // Onboardings: one starting within days of the contract, 15% re-onboard 6–14 months later;
  // 78% complete after 1–20 weeks unless the account churned first.
  const n = sql`a.n`;
  await step(
    "onboardings",
    sql`insert into onboardings (workspace_id, account_id, touch_model, started_at, completed_at, source, status)
      select ${ws}, id, touch_model, started,
        case when completes and completed <= ${now} and (churned_at is null or completed < churned_at) then completed end,
        'import', 'on_track'
      from (
        select a.id, a.touch_model, a.churned_at, s.started,
          ${rnd(sql`${n} * 2 + k`, 11)} < 0.78 as completes,
          s.started + ${days(sql`7 + power(${rnd(sql`${n} * 2 + k`, 12)}, 1.5) * 140`)} as completed
        from bench_accounts a
        cross join generate_series(0, 1) k
        cross join lateral (select case when k = 0
          then a.cs + least(${days(sql`${rnd(n, 13)} * 5`)}, (${now} - a.cs) * 0.5)
          else a.cs + ${days(sql`180 + ${rnd(n, 14)} * 240`)} end as started) s
        where (k = 0 or ${rnd(n, 15)} < 0.15) and s.started <= a.until
      ) o`,
  );

  // Raw events, rolled up as the server does, in chunks; busier accounts get more of them.
  const chunk = database.kind === "postgres" ? 1_000_000 : 200_000;
  const names = [...OTHER_EVENTS];
  const t0 = performance.now();
  for (let from = 1; from <= E; from += chunk) {
    const to = Math.min(E, from + chunk - 1);
    await db.transaction((tx) =>
      tx.execute(
        rollUp(
          workspace.id,
          TIME_ZONE,
          sql`insert into events as e (workspace_id, message_id, type, event, user_id, group_id, account_id,
              timestamp, received_at, message)
            select ${ws}, 'gen-' || g, 'track', ev, u, a.group_id, a.id, at, at + interval '2 seconds',
              jsonb_build_object('type', 'track', 'event', ev, 'userId', u, 'messageId', 'gen-' || g,
                'timestamp', at, 'context', jsonb_build_object('groupId', a.group_id),
                'properties', jsonb_build_object('value', g % 1000, 'source', 'web'))
            from generate_series(${from}::bigint, ${to}::bigint) g
            cross join lateral (select 1 + floor(power(${rnd(g, 21)}, 1.6) * ${N})::int as n) pick
            join bench_accounts a on a.n = pick.n
            cross join lateral (select a.cs + (a.until - a.cs) * power(${rnd(g, 22)}, 1.3) as at,
              a.group_id || '-u' || floor(${rnd(g, 23)} * 20)::int as u,
              case when ${rnd(g, 24)} < 0.012
                then (${`{${ACTIVATION_EVENTS.join(",")}}`}::text[])[1 + floor(${rnd(g, 25)} * 2)::int]
                else (${`{${names.join(",")}}`}::text[])[1 + floor(power(${rnd(g, 26)}, 2) * ${names.length})::int] end as ev) x
            returning e.account_id, e.group_id, e.type, e.event, e.timestamp as ts,
              e.user_id as user_key, null::text as name`,
        ),
      ),
    );
    const rate = (to / ((performance.now() - t0) / 1000)).toFixed(0);
    if (to === E || (to / chunk) % 5 === 0)
      log(`${to.toLocaleString("en-US")} events with rollups (${rate} events/s)`);
  }
  await step(
    "activation from the rollups",
    sql`update accounts a set activated_at = s.at from (
        select account_id, min(first_seen_at) as at from account_event_stats
        where workspace_id = ${ws} and event = any(${`{${ACTIVATION_EVENTS.join(",")}}`}::text[])
        group by account_id) s
      where a.id = s.account_id and a.workspace_id = ${ws}`,
  );

  // Surveys: NPS after ~30 days and CSAT at completion for most onboardings, a few later NPS answers.
  await step(
    "NPS and CSAT answers",
    sql`insert into survey_responses (workspace_id, kind, score, account_id, contact_email, source, answered_at)
      select ${ws}, kind, score, account_id, 'c' || r || '@' || account_id || '.example', 'import', at
      from (
        select row_number() over () as r, o.account_id, k.kind,
          case when k.kind = 'nps' then greatest(0, 10 - floor(power(${rnd(sql`h`, 31)}, 1.8) * 11)::int)
               else 1 + least(4, floor(${rnd(sql`h`, 33)} * 3 + ${rnd(sql`h`, 34)} * 3)::int) end as score,
          case when k.kind = 'nps' then o.started_at + ${days(sql`25 + ${rnd(sql`h`, 35)} * 40`)}
               else coalesce(o.completed_at, o.started_at + ${days(sql`60 + ${rnd(sql`h`, 36)} * 60`)})
                 + ${days(sql`${rnd(sql`h`, 37)} * 3`)} end as at
        from onboardings o
        cross join (values ('nps'), ('csat')) k(kind)
        cross join lateral (select hashtext(o.id::text || k.kind)::bigint as h) hh
        where o.workspace_id = ${ws} and ${rnd(sql`h`, 38)} < (case when k.kind = 'nps' then 0.55 else 0.45 end)
      ) s
      where at <= ${now}`,
  );

  // Inquiries: about two per account, answered after minutes to days; 4% never answered.
  await step(
    "inquiries",
    sql`insert into inquiries (workspace_id, account_id, dedupe_key, external_id, channel, subject, opened_at, first_response_at, resolved_at)
      select ${ws}, a.id, 'ext:inq-' || g, 'inq-' || g, (array['email', 'chat', 'phone'])[1 + (g % 3)::int],
        'Question ' || g, opened,
        case when ${rnd(g, 42)} >= 0.04 and answered <= ${now} then answered end,
        case when ${rnd(g, 42)} >= 0.04 and answered + interval '1 day' <= ${now} then answered + interval '1 day' end
      from generate_series(1, ${2 * N}) g
      join bench_accounts a on a.n = 1 + floor(power(${rnd(g, 41)}, 1.4) * ${N})::int
      cross join lateral (select a.cs + (a.until - a.cs) * ${rnd(g, 43)} as opened) op
      cross join lateral (select opened + power(${rnd(g, 44)}, 3) * interval '72 hours' + interval '5 minutes' as answered) an`,
  );

  // A welcome seminar every Tuesday 10:00 (Tokyo); low- and tech-touch onboardings invite one or
  // two contacts to the next session; about 55% of the accounts attend.
  await db.execute(sql`insert into seminars (workspace_id, kind, title)
    values (${ws}, 'welcome', '{"ja": "ウェルカムセミナー", "en": "Welcome seminar"}'::jsonb),
           (${ws}, 'training', '{"ja": "活用トレーニング", "en": "Training"}'::jsonb)`);
  await step(
    "seminar sessions and invitations",
    sql`with s as (select id, kind from seminars where workspace_id = ${ws}),
      sessions as (
        insert into seminar_sessions (workspace_id, seminar_id, starts_at)
        select ${ws}, s.id, d
        from s cross join generate_series(date_trunc('week', ${now} at time zone ${TIME_ZONE} - interval '740 days')
          + interval '1 day 10 hours', ${now} at time zone ${TIME_ZONE} + interval '60 days', interval '7 days') t
        cross join lateral (select t at time zone ${TIME_ZONE} as d) dd
        returning id, seminar_id, starts_at)
      insert into seminar_invitations (workspace_id, seminar_id, session_id, account_id, contact_email,
        invited_at, status, attended, source)
      select ${ws}, ss.seminar_id, ss.id, o.account_id, 'c' || c || '@' || o.id || '.example',
        o.started_at + interval '1 hour', 'invited',
        case when ss.starts_at <= ${now} then ${rnd(sql`hashtext(o.id::text)`, 51)} < (case when c = 1 then 0.5 else 0.15 end) end,
        'auto'
      from onboardings o
      join s on true
      cross join generate_series(1, 2) c
      cross join lateral (select x.id, x.seminar_id, x.starts_at from sessions x
        where x.seminar_id = s.id and x.starts_at > o.started_at + interval '1 day'
        order by x.starts_at limit 1) ss
      where o.workspace_id = ${ws} and o.touch_model in ('low', 'tech') and o.started_at <= ${now}
        and (c = 1 or ${rnd(sql`hashtext(o.id::text)`, 52)} < 0.4)
        and (s.kind = 'welcome' or ${rnd(sql`hashtext(o.id::text)`, 53)} < 0.2)`,
  );
  await db.execute(sql`drop table bench_accounts`);
  // What autovacuum would have done long before anyone reads a real workspace: statistics, hint
  // bits and the visibility map (else the first reads of every fresh row write too).
  const t = performance.now();
  await db.execute(sql`vacuum (analyze)`);
  log(`vacuum and analyze (${((performance.now() - t) / 1000).toFixed(1)} s)`);

  const [counts] = rowsOf<Record<string, number>>(
    await db.execute(sql`select
      (select count(*) from accounts where workspace_id = ${ws})::int as accounts,
      (select count(*) from onboardings where workspace_id = ${ws})::int as onboardings,
      (select count(*) from onboardings where workspace_id = ${ws} and completed_at is not null)::int as completed,
      (select count(*) from accounts where workspace_id = ${ws} and churned_at is not null)::int as churned,
      (select count(*) from accounts where workspace_id = ${ws} and activated_at is not null)::int as activated,
      (select count(*) from events where workspace_id = ${ws})::int as events,
      (select count(*) from account_event_stats where workspace_id = ${ws})::int as event_stats,
      (select count(*) from account_usage_days where workspace_id = ${ws})::int as usage_days,
      (select count(*) from survey_responses where workspace_id = ${ws})::int as survey_responses,
      (select count(*) from inquiries where workspace_id = ${ws})::int as inquiries,
      (select count(*) from seminar_invitations where workspace_id = ${ws})::int as seminar_invitations`),
  );
  return { workspace, admin, counts: counts! };
}
