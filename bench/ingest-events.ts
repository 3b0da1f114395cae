/**
 * Usage-event ingestion, on the embedded database and (with DATABASE_URL or TEST_DATABASE_URL) on a
 * PostgreSQL server, against the real server (`embark start` in its own process):
 *
 * - sustained events/s through POST /v1/batch: 100 messages per request, several concurrent senders
 *   (autocannon), de-duplication and rollups on as always; 2% of requests re-send an earlier batch
 *   the way a client retries after a lost answer;
 * - acknowledgement latency (p50/p99) at half that rate from a paced, open-loop sender (latency is
 *   counted from when a request was due, so a stalled server cannot hide behind a waiting sender);
 * - the reference: the same rows COPY'd into the same `events` table (PostgreSQL: COPY FROM STDIN
 *   through pg-copy-streams; PGlite: COPY FROM '/dev/blob'), without rollups or de-duplication;
 * - reading one account's facts (GET /api/v1/accounts/{id}/usage) and a KPI-like query over the
 *   rollups (usage frequency and activation of every account), with the same question over raw
 *   events as a reference, at 1M and 10M raw events. The events past those sent over HTTP are made
 *   set-based (INSERT … SELECT generate_series, rolled up by the server's own rollup statement).
 *   PGlite stops at 1M unless --pglite-sizes says otherwise (10M takes it far too long).
 *
 * Messages are realistic: ~2000 accounts (the demo generator), ~20 users each, ~30 event names,
 * context.groupId naming the account.
 *
 *   npm run bench:events -- [--duration 20] [--paced 15] [--senders 8] [--accounts 2000]
 *                           [--sizes 1000000,10000000] [--pglite-sizes 1000000] [--only pglite|postgres]
 */

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import type { PGlite } from "@electric-sql/pglite";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { listDemoStaff } from "../src/demo/demo-data.ts";
import { generateAccounts } from "../src/demo/generate-workspace.ts";
import { rollUp } from "../src/events/event-rollups.ts";
import { createApiToken } from "../src/platform/auth/api-tokens.ts";
import type { DatabaseTarget } from "../src/platform/config.ts";
import { type Database, openDatabase, rowsOf } from "../src/platform/db/client.ts";
import { addStaffUser } from "../src/staff/staff-users.ts";
import { changeSettings } from "../src/workspaces/workspace-settings.ts";
import {
  createWorkspace,
  getWriteKey,
  updateSettings,
  type Workspace,
} from "../src/workspaces/workspaces.ts";
import { freePort, waitReady } from "../test/support/server-process.ts";
import {
  machine,
  percentile,
  postgresServer,
  timeRuns,
  withFreshDatabase,
  withTempDataDir,
} from "./bench-support.ts";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "20" },
    paced: { type: "string", default: "15" },
    senders: { type: "string", default: "8" },
    accounts: { type: "string", default: "2000" },
    sizes: { type: "string", default: "1000000,10000000" },
    "pglite-sizes": { type: "string", default: "1000000" },
    only: { type: "string" },
  },
});
const DURATION = Number(values.duration);
const PACED = Number(values.paced);
const SENDERS = Number(values.senders);
const ACCOUNTS = Number(values.accounts);
const PER_REQUEST = 100;
const USERS_PER_ACCOUNT = 20;
const sizesOf = (s: string) => s.split(",").filter(Boolean).map(Number);

const bin = path.resolve(import.meta.dirname, "../bin/embark.mjs");
const EVENT_NAMES = [
  "Report Created",
  "Report Viewed",
  "Report Shared",
  "Dashboard Viewed",
  "Dashboard Created",
  "Invite Sent",
  "User Invited",
  "User Joined",
  "Integration Connected",
  "Integration Synced",
  "Export Done",
  "Import Started",
  "Import Finished",
  "Search Performed",
  "Filter Applied",
  "Comment Added",
  "File Uploaded",
  "File Downloaded",
  "Task Created",
  "Task Completed",
  "Project Created",
  "Project Archived",
  "Settings Changed",
  "Billing Viewed",
  "Plan Upgraded",
  "API Key Created",
  "Webhook Added",
  "Alert Triggered",
  "Tutorial Completed",
  "Feedback Sent",
];
const ACTIVATION = ["Integration Connected", "Tutorial Completed"];

type Json = Record<string, unknown>;
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Realistic traffic: a skewed choice of accounts and event names, ~20 users per account. */
class Traffic {
  private seq = 0;
  private state = 0x2545f491;
  constructor(
    private readonly groups: readonly string[],
    private readonly prefix: string,
  ) {}
  private random() {
    // xorshift32: the same traffic on every run and both databases
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 2 ** 32;
  }
  /** Index in 0..n-1, lower indexes more often (roughly Zipf-like). */
  private skewed(n: number) {
    return Math.min(n - 1, Math.floor(n * this.random() ** 2));
  }
  message(now: number): Json {
    const group = this.groups[this.skewed(this.groups.length)]!;
    const user = `${group}-u${Math.floor(this.random() * USERS_PER_ACCOUNT)}`;
    const page = this.random() < 0.08;
    const event = EVENT_NAMES[this.skewed(EVENT_NAMES.length)]!;
    return {
      type: page ? "page" : "track",
      ...(page ? { name: "Reports", properties: { path: "/app/reports", title: "Reports" } } : { event }),
      userId: user,
      messageId: `${this.prefix}-${this.seq++}`,
      timestamp: new Date(now - Math.floor(this.random() * 30_000)).toISOString(),
      ...(page
        ? {}
        : {
            properties: {
              plan: "pro",
              value: Math.floor(this.random() * 1000),
              source: "web",
              item: `it-${this.seq % 97}`,
            },
          }),
      context: {
        groupId: group,
        library: { name: "@segment/analytics-node", version: "3.1.0" },
        ip: "203.0.113.7",
        userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
      },
    };
  }
  batch(now = Date.now()): Json[] {
    return Array.from({ length: PER_REQUEST }, () => this.message(now));
  }
  body(): string {
    const now = Date.now();
    return JSON.stringify({ batch: this.batch(now), sentAt: new Date(now).toISOString() });
  }
}

interface Setup {
  target: DatabaseTarget;
  env: NodeJS.ProcessEnv;
  workspace: Workspace;
  token: string;
  writeKey: string;
  groups: string[];
  accountOfGroup: Map<string, string>;
}

async function direct<T>(target: DatabaseTarget, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(target);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Runs `fn` against `embark start` in its own process; stops it (SIGTERM) afterwards. */
async function withServer<T>(setup: Setup, fn: (url: string) => Promise<T>): Promise<T> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [bin, "start", "--no-demo", "--port", String(port)], {
    env: setup.env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, 60_000);
    return await fn(url);
  } finally {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  }
}

async function countEvents(setup: Setup): Promise<number> {
  return direct(setup.target, async ({ db }) => {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from events where workspace_id = ${setup.workspace.id}`),
    );
    return row!.n;
  });
}

async function prepare(target: DatabaseTarget, env: NodeJS.ProcessEnv): Promise<Setup> {
  return direct(target, async (database) => {
    await database.migrate();
    const { db } = database;
    let workspace = await createWorkspace(db, { slug: `bench-${Date.now()}`, name: "bench" });
    const changed = changeSettings(workspace.settings, { "activation.events": ACTIVATION });
    if (!changed.success) throw new Error("activation settings refused");
    await updateSettings(db, workspace, changed.data);
    workspace = { ...workspace, settings: changed.data };
    const owners: string[] = [];
    for (const m of listDemoStaff(`${workspace.slug}.example`).filter((s) => s.role === "csm"))
      owners.push((await addStaffUser(db, workspace.id, m, { canSignIn: false })).userId);
    await generateAccounts(db, workspace.id, { accounts: ACCOUNTS, ownerIds: owners });
    const { token } = await createApiToken(db, { workspaceId: workspace.id, name: "bench", role: "admin" });
    const accounts = rowsOf<{ id: string; group_id: string }>(
      await db.execute(
        sql`select id, group_id from accounts where workspace_id = ${workspace.id} order by external_id`,
      ),
    );
    return {
      target,
      env,
      workspace,
      token,
      writeKey: await getWriteKey(db, workspace.id),
      groups: accounts.map((a) => a.group_id),
      accountOfGroup: new Map(accounts.map((a) => [a.group_id, a.id])),
    };
  });
}

/** Closed loop: SENDERS connections each sending the next request as soon as the last is answered. */
async function sustained(setup: Setup, url: string, traffic: Traffic, seconds: number) {
  const authorization = `Basic ${Buffer.from(`${setup.writeKey}:`).toString("base64")}`;
  let sent = 0;
  let resent = 0;
  let acknowledged = 0;
  // autocannon gives setupRequest a fresh context per request: the batch to re-send is the last one made.
  let last: string | undefined;
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url,
    connections: SENDERS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: "/v1/batch",
        headers: { authorization, "content-type": "application/json" },
        setupRequest: (req) => {
          sent++;
          if (last && sent % 50 === 0) {
            resent++;
            return { ...req, body: last };
          }
          last = traffic.body();
          return { ...req, body: last };
        },
        onResponse: (status) => {
          if (status === 200) acknowledged++;
        },
      },
    ],
  });
  const used = process.cpuUsage(cpu);
  return {
    /** Share of one CPU the load generator (this process) used. */
    generatorCpu: (used.user + used.system) / 1e6 / result.duration,
    eventsPerSecond: (acknowledged * PER_REQUEST) / result.duration,
    acknowledged,
    resent,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
  };
}

/** The server's own count of group commits, the messages they stored or skipped, and their time. */
async function commitFigures(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
  return {
    commits: value(/^embark_events_commit_seconds_count(?:\{[^}]*\})? (\S+)$/gm),
    seconds: value(/^embark_events_commit_seconds_sum(?:\{[^}]*\})? (\S+)$/gm),
    messages: value(/^embark_events_total\{outcome="(?:stored|duplicate)"\} (\S+)$/gm),
  };
}

/** Open loop at a fixed rate; a request's latency counts from when it was due. */
async function pacedLatency(
  setup: Setup,
  url: string,
  traffic: Traffic,
  requestsPerSecond: number,
  seconds: number,
) {
  const authorization = `Basic ${Buffer.from(`${setup.writeKey}:`).toString("base64")}`;
  const interval = 1000 / requestsPerSecond;
  const latencies: number[] = [];
  let failures = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now() + 50;
  for (let i = 0; i * interval < seconds * 1000; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const body = traffic.body();
    inFlight.push(
      fetch(`${url}/v1/batch`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body,
      }).then(
        async (res) => {
          await res.arrayBuffer();
          if (res.status === 200) latencies.push(performance.now() - due);
          else failures++;
        },
        () => {
          failures++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  return {
    requests: inFlight.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    failures,
  };
}

const COLUMNS =
  "workspace_id, message_id, type, event, user_id, anonymous_id, group_id, account_id, timestamp, received_at, message";
const csvField = (v: string | null) => (v === null ? "" : `"${v.replaceAll('"', '""')}"`);

/** The rows the server would store for `count` messages of the traffic, as CSV chunks. */
function copyRows(setup: Setup, traffic: Traffic, count: number): string[] {
  const chunks: string[] = [];
  let lines: string[] = [];
  for (let n = 0; n < count; n += PER_REQUEST) {
    const now = Date.now();
    const receivedAt = new Date(now).toISOString();
    for (const m of traffic.batch(now)) {
      const context = m.context as { groupId: string };
      // Stored as the server stores it: what the columns hold is not repeated in `message`.
      const { type: _t, messageId: _id, userId: _u, event: _e, timestamp: _ts, ...rest } = m;
      const message = { ...rest, originalTimestamp: m.timestamp };
      const row = [
        setup.workspace.id,
        m.messageId as string,
        m.type as string,
        (m.event as string | undefined) ?? null,
        m.userId as string,
        null,
        context.groupId,
        setup.accountOfGroup.get(context.groupId) ?? null,
        m.timestamp as string,
        receivedAt,
        JSON.stringify(message),
      ];
      lines.push(`${row.map((v) => csvField(v)).join(",")}\n`);
    }
    if (lines.length >= 20_000) {
      chunks.push(lines.join(""));
      lines = [];
    }
  }
  if (lines.length > 0) chunks.push(lines.join(""));
  return chunks;
}

/** COPY of the rows into `events`; returns rows per second. */
async function copyReference(setup: Setup, traffic: Traffic, count: number) {
  const chunks = copyRows(setup, traffic, count);
  const statement = `COPY events (${COLUMNS}) FROM STDIN WITH (FORMAT csv)`;
  if (setup.target.kind === "postgres") {
    const client = new pg.Client({ connectionString: setup.target.url });
    await client.connect();
    try {
      const t = performance.now();
      await pipeline(Readable.from(chunks), client.query(copyFrom(statement)));
      return {
        rowsPerSecond: count / ((performance.now() - t) / 1000),
        how: "COPY FROM STDIN (pg-copy-streams)",
      };
    } finally {
      await client.end();
    }
  }
  return direct(setup.target, async ({ db }) => {
    const client = (db as unknown as { $client: PGlite }).$client;
    const t = performance.now();
    await client.transaction(async (tx) => {
      for (const chunk of chunks)
        await tx.query(`COPY events (${COLUMNS}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
          blob: new Blob([chunk]),
        });
    });
    return {
      rowsPerSecond: count / ((performance.now() - t) / 1000),
      how: "COPY FROM '/dev/blob' (PGlite), one transaction",
    };
  });
}

/**
 * Adds raw events set-based until the workspace holds `total`, spread over the last 90 days, and
 * rolls them up with the server's own rollup statement (so what the product reads matches them).
 */
async function fillTo(setup: Setup, total: number) {
  const have = await countEvents(setup);
  if (have >= total) return 0;
  const ws = setup.workspace.id;
  const t = performance.now();
  await direct(setup.target, async ({ db }) => {
    const step = setup.target.kind === "postgres" ? 1_000_000 : 250_000;
    for (let from = have; from < total; from += step) {
      const to = Math.min(total, from + step) - 1;
      const names = JSON.stringify(EVENT_NAMES);
      await db.transaction(async (tx) => {
        await tx.execute(
          rollUp(
            ws,
            setup.workspace.settings.timezone,
            sql`insert into events as e (${sql.raw(COLUMNS)})
              select ${ws}::uuid, 'fill-' || g, 'track', ev.name, a.group_id || '-u' || (g / ${ACCOUNTS} % ${USERS_PER_ACCOUNT}),
                null, a.group_id, a.id, ts.at, ts.at + interval '2 seconds',
                jsonb_build_object('properties', jsonb_build_object('plan', 'pro', 'value', g % 1000, 'source', 'web', 'item', 'it-' || g % 97),
                  'context', jsonb_build_object('groupId', a.group_id,
                    'library', jsonb_build_object('name', '@segment/analytics-node', 'version', '3.1.0'),
                    'ip', '203.0.113.7', 'userAgent', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15'),
                  'originalTimestamp', ts.at)
              from generate_series(${from}::bigint, ${to}::bigint) g
              join (select row_number() over (order by external_id) - 1 as n, id, group_id from accounts
                    where workspace_id = ${ws}) a on a.n = g % ${ACCOUNTS}
              cross join lateral (select (${names}::jsonb ->> ((g * 7 + g / 13) % 30)::int) as name) ev
              cross join lateral (select now() - ((g * 7919) % (90 * 86400)) * interval '1 second' as at) ts
              returning e.account_id, e.group_id, e.type, e.event, e.timestamp as ts,
                coalesce(e.user_id, e.anonymous_id) as user_key, null::text as name`,
          ),
        );
      });
    }
    await db.execute(sql`analyze`);
  });
  return (total - have) / ((performance.now() - t) / 1000);
}

/** Usage frequency and activation of every account, the way KPIs read them: from the rollups. */
const kpiFromRollups = (ws: string, tz: string) => sql`with used as (
    select account_id, count(*) filter (where day > (now() at time zone ${tz})::date - 28) as days28
    from account_usage_days where workspace_id = ${ws} group by account_id),
  act as (
    select account_id, min(first_seen_at) as activated from account_event_stats
    where workspace_id = ${ws} and event = any(array(select jsonb_array_elements_text(${JSON.stringify(ACTIVATION)}::jsonb))) group by account_id)
  select case when u.account_id is null then 'never' when u.days28 >= 15 then 'daily'
    when u.days28 >= 4 then 'weekly' when u.days28 >= 1 then 'monthly' else 'inactive' end as frequency,
    count(*)::int as accounts, count(act.activated)::int as activated
  from accounts a left join used u on u.account_id = a.id left join act on act.account_id = a.id
  where a.workspace_id = ${ws} group by 1`;

/** The same answer computed from raw events: what the rollups save. */
const kpiFromRaw = (ws: string, tz: string) => sql`with used as (
    select account_id, count(distinct (timestamp at time zone ${tz})::date)
      filter (where timestamp > now() - interval '28 days') as days28
    from events where workspace_id = ${ws} and account_id is not null and type in ('track', 'page', 'screen')
    group by account_id),
  act as (
    select account_id, min(timestamp) as activated from events
    where workspace_id = ${ws} and account_id is not null and type = 'track' and event = any(array(select jsonb_array_elements_text(${JSON.stringify(ACTIVATION)}::jsonb)))
    group by account_id)
  select case when u.account_id is null then 'never' when u.days28 >= 15 then 'daily'
    when u.days28 >= 4 then 'weekly' when u.days28 >= 1 then 'monthly' else 'inactive' end as frequency,
    count(*)::int as accounts, count(act.activated)::int as activated
  from accounts a left join used u on u.account_id = a.id left join act on act.account_id = a.id
  where a.workspace_id = ${ws} group by 1`;

async function readsAt(setup: Setup, size: number) {
  const filledRate = await fillTo(setup, size);
  const ws = setup.workspace.id;
  const tz = setup.workspace.settings.timezone;
  const { busiest, kpi, raw } = await direct(setup.target, async ({ db }) => {
    const [top] = rowsOf<{ account_id: string }>(
      await db.execute(sql`select account_id from account_event_stats where workspace_id = ${ws}
        group by account_id order by sum(count) desc limit 1`),
    );
    const k = await timeRuns(() => db.execute(kpiFromRollups(ws, tz)), 20);
    const r = await timeRuns(() => db.execute(kpiFromRaw(ws, tz)), 3);
    return { busiest: top!.account_id, kpi: k, raw: r };
  });
  const usage = await withServer(setup, (url) =>
    timeRuns(async () => {
      const res = await fetch(`${url}/api/v1/accounts/${busiest}/usage?days=90`, {
        headers: { authorization: `Bearer ${setup.token}` },
      });
      if (res.status !== 200) throw new Error(`usage answered ${res.status}: ${await res.text()}`);
      await res.json();
    }, 30),
  );
  const total = await countEvents(setup);
  console.log(
    `  at ${fmt(total)} raw events${filledRate ? ` (set-based fill with rollups: ${fmt(filledRate)} events/s)` : ""}:` +
      ` usage read p50 ${usage.p50.toFixed(1)} ms p95 ${usage.p95.toFixed(1)} ms;` +
      ` KPI from rollups p50 ${kpi.p50.toFixed(1)} ms; same from raw events p50 ${raw.p50.toFixed(0)} ms`,
  );
  return { size: total, usage, kpi, raw };
}

interface Figures {
  label: string;
  version: string;
  ingest: Awaited<ReturnType<typeof sustained>>;
  stored: { expected: number; found: number };
  paced: Awaited<ReturnType<typeof pacedLatency>> & { rate: number };
  copy: { rowsPerSecond: number; how: string };
  reads: Awaited<ReturnType<typeof readsAt>>[];
  readsNote: string;
}

async function benchOn(
  target: DatabaseTarget,
  env: NodeJS.ProcessEnv,
  label: string,
  sizes: number[],
  note: string,
) {
  console.log(`\n${label}`);
  const setup = await prepare(target, env);
  const version = await direct(target, async ({ db }) => {
    const [row] = rowsOf<{ v: string }>(await db.execute(sql`select version() as v`));
    return row!.v.split(" on ")[0]!;
  });
  console.log(`  ${fmt(setup.groups.length)} accounts; ${version}`);
  const run = Date.now().toString(36);
  const { ingest, paced } = await withServer(setup, async (url) => {
    await sustained(setup, url, new Traffic(setup.groups, `warm-${run}`), 3);
    const before = await commitFigures(url);
    const ingest = await sustained(setup, url, new Traffic(setup.groups, `http-${run}`), DURATION);
    const after = await commitFigures(url);
    const commits = after.commits - before.commits;
    if (commits > 0)
      console.log(
        `  group commits during the run (server's /metrics): ${fmt(commits)}, ${fmt((after.messages - before.messages) / commits)} messages` +
          ` and ${((1000 * (after.seconds - before.seconds)) / commits).toFixed(0)} ms each on average`,
      );
    console.log(
      `  sustained: ${fmt(ingest.eventsPerSecond)} events/s over ${ingest.seconds} s, ${SENDERS} senders` +
        ` (${fmt(ingest.acknowledged)} requests acknowledged, ${ingest.resent} re-sent batches, ${ingest.non2xx} non-2xx, ${ingest.errors} errors;` +
        ` the load generator used ${(100 * ingest.generatorCpu).toFixed(0)} % of a CPU; load average ${loadAverage()})`,
    );
    const rate = Math.max(1, Math.round(ingest.eventsPerSecond / 2 / PER_REQUEST));
    const paced = await pacedLatency(setup, url, new Traffic(setup.groups, `paced-${run}`), rate, PACED);
    console.log(
      `  at half load (${rate} requests/s = ${fmt(rate * PER_REQUEST)} events/s, ${paced.requests} requests):` +
        ` ack p50 ${paced.p50.toFixed(1)} ms, p99 ${paced.p99.toFixed(1)} ms, max ${paced.max.toFixed(0)} ms, ${paced.failures} failed`,
    );
    return { ingest, paced: { ...paced, rate } };
  });
  // Every acknowledged message is stored once; re-sent batches add nothing.
  const found = await direct(target, async ({ db }) => {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from events
        where workspace_id = ${setup.workspace.id} and message_id like ${`http-${run}-%`}`),
    );
    return row!.n;
  });
  const expected = (ingest.acknowledged - ingest.resent) * PER_REQUEST;
  // Requests still in flight when the run ended are stored but not counted as acknowledged.
  console.log(
    `  stored from the sustained run: ${fmt(found)} (acknowledged without re-sends: ${fmt(expected)}; ` +
      `up to ${fmt(SENDERS * PER_REQUEST)} more were in flight when the run ended)`,
  );

  const copyCount = Math.min(300_000, Math.max(50_000, ingest.acknowledged * PER_REQUEST));
  const copy = await copyReference(setup, new Traffic(setup.groups, `copy-${run}`), copyCount);
  console.log(`  reference: ${fmt(copy.rowsPerSecond)} rows/s, ${fmt(copyCount)} rows by ${copy.how}`);
  // The copied rows have no rollups: take them out again so reads below see consistent data.
  await direct(target, ({ db }) =>
    db.execute(
      sql`delete from events where workspace_id = ${setup.workspace.id} and message_id like ${`copy-${run}-%`}`,
    ),
  );

  const reads = [];
  for (const size of sizes) reads.push(await readsAt(setup, size));
  return {
    label,
    version,
    ingest,
    stored: { expected, found },
    paced,
    copy,
    reads,
    readsNote: note,
  } satisfies Figures;
}

function printTable(all: Figures[]) {
  const rows: [string, (f: Figures) => string][] = [
    ["database", (f) => f.version],
    ["ingest via POST /v1/batch, events/s", (f) => fmt(f.ingest.eventsPerSecond)],
    [
      "  acknowledged events stored once",
      (f) =>
        f.stored.found >= f.stored.expected && f.stored.found <= f.stored.expected + SENDERS * PER_REQUEST
          ? "yes"
          : `NO (${fmt(f.stored.found)} for ${fmt(f.stored.expected)} acknowledged)`,
    ],
    ["raw COPY into events, rows/s", (f) => fmt(f.copy.rowsPerSecond)],
    ["ingest ÷ COPY", (f) => `${((100 * f.ingest.eventsPerSecond) / f.copy.rowsPerSecond).toFixed(0)} %`],
    ["half load, events/s (paced)", (f) => fmt(f.paced.rate * PER_REQUEST)],
    ["  ack latency p50", (f) => `${f.paced.p50.toFixed(1)} ms`],
    ["  ack latency p99", (f) => `${f.paced.p99.toFixed(1)} ms`],
  ];
  const sizes = [...new Set(all.flatMap((f) => f.reads.map((r) => r.size)))].sort((a, b) => a - b);
  const at = (f: Figures, size: number) => f.reads.find((r) => r.size === size);
  for (const size of sizes) {
    const label = size >= 1e6 ? `${(size / 1e6).toFixed(size % 1e6 ? 1 : 0)}M` : fmt(size);
    rows.push([
      `usage read @ ${label} events, p50`,
      (f) => (at(f, size) ? `${at(f, size)!.usage.p50.toFixed(1)} ms` : "not run"),
    ]);
    rows.push([
      `KPI from rollups @ ${label}, p50`,
      (f) => (at(f, size) ? `${at(f, size)!.kpi.p50.toFixed(1)} ms` : "not run"),
    ]);
    rows.push([
      `  same from raw events @ ${label}`,
      (f) => (at(f, size) ? `${fmt(at(f, size)!.raw.p50)} ms` : "not run"),
    ]);
  }
  const width = Math.max(...rows.map(([n]) => n.length));
  const col = Math.max(14, ...all.flatMap((f) => rows.map(([, v]) => v(f).length)));
  console.log(`\n${"".padEnd(width)}  ${all.map((f) => f.label.padStart(col)).join("  ")}`);
  for (const [name, value] of rows)
    console.log(`${name.padEnd(width)}  ${all.map((f) => value(f).padStart(col)).join("  ")}`);

  console.log("\ngoals:");
  for (const f of all) {
    if (f.label.startsWith("PGlite"))
      console.log(
        `  ${f.label}: ≥ 10,000 events/s — ${fmt(f.ingest.eventsPerSecond)} ${f.ingest.eventsPerSecond >= 10_000 ? "met" : "NOT met"}`,
      );
    else {
      const share = f.ingest.eventsPerSecond / f.copy.rowsPerSecond;
      console.log(
        `  ${f.label}: ≥ 40 % of COPY — ${(100 * share).toFixed(0)} % ${share >= 0.4 ? "met" : "NOT met"}`,
      );
      console.log(
        `  ${f.label}: p99 ≤ 100 ms at half load — ${f.paced.p99.toFixed(1)} ms ${f.paced.p99 <= 100 ? "met" : "NOT met"}`,
      );
    }
    if (f.readsNote) console.log(`  ${f.label}: ${f.readsNote}`);
  }
}

const pgliteVersion = JSON.parse(
  readFileSync(
    path.resolve(import.meta.dirname, "../node_modules/@electric-sql/pglite/package.json"),
    "utf8",
  ),
).version as string;
console.log(
  `usage-event ingestion benchmark — ${machine()}, PGlite ${pgliteVersion}; load generator, server and database share this machine ` +
    `(load average at start ${loadAverage()})`,
);
const figures: Figures[] = [];
const baseEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "info" };
if (values.only !== "postgres") {
  const sizes = sizesOf(values["pglite-sizes"]);
  figures.push(
    await withTempDataDir("embark-bench-events-", (dir) =>
      benchOn(
        { kind: "pglite", dataDir: dir },
        { ...baseEnv, DATABASE_URL: "", EMBARK_DATA_DIR: dir },
        "PGlite (embedded)",
        sizes,
        sizesOf(values.sizes).some((s) => !sizes.includes(s))
          ? `reads measured at ${sizes.map((s) => fmt(s)).join(", ")} events only (more takes the embedded database too long; --pglite-sizes to try)`
          : "",
      ),
    ),
  );
}
const server = postgresServer();
if (server && values.only !== "pglite") {
  figures.push(
    await withFreshDatabase(server, (url) =>
      benchOn(
        { kind: "postgres", url },
        { ...baseEnv, DATABASE_URL: url },
        "PostgreSQL",
        sizesOf(values.sizes),
        "",
      ),
    ),
  );
} else if (values.only !== "pglite")
  console.log("\nPostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL)");
printTable(figures);
console.log(`\nload average at the end: ${loadAverage()}`);
