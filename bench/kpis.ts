/**
 * How fast the KPIs answer on a large workspace, against a reference computed by DuckDB in the same
 * run from the same facts:
 *
 * - PostgreSQL (TEST_DATABASE_URL or DATABASE_URL; a database of its own, dropped afterwards):
 *   100,000 accounts over two years (onboardings with completions, churns and re-onboardings,
 *   activation from 10,000,000 raw events and their rollups, NPS and CSAT answers, inquiries,
 *   welcome-seminar invitations), all made set-based in SQL (bench/kpis-data.ts);
 * - the embedded database (PGlite): 10,000 accounts and 1,000,000 events.
 *
 * On each, after a warm-up: the full KPI set for the last complete quarter (computeKpis) p50/p95,
 * each breakdown dimension, the dashboard's 12-month trend, and the dashboard's three requests over
 * HTTP (the quarter, its 12-period trend, a breakdown), one by one and all at once as the page sends
 * them. The reference loads the same tables into an in-memory DuckDB (COPY … TO csv, read_csv) and
 * computes the KPI set with SQL written from shared/KPIS.md; values that disagree are printed loudly.
 * Goals (issue 7): full set p95 ≤ 300 ms and any breakdown ≤ 500 ms on PostgreSQL at 100,000
 * accounts; the dashboard's requests ≤ 1 s on the embedded database at 10,000.
 *
 *   npm run bench:kpis -- [--accounts 100000] [--events 10000000] [--embedded-accounts 10000]
 *                         [--embedded-events 1000000] [--runs 20] [--only pglite|postgres]
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { computeKpis, type KpiResult } from "../src/kpis/compute-kpis.ts";
import { type BreakdownDimension, breakdownDimensions, resolveKpiPeriod } from "../src/kpis/kpi-period.ts";
import { computeKpiTrend } from "../src/kpis/kpi-trend.ts";
import { createApiToken } from "../src/platform/auth/api-tokens.ts";
import { type DatabaseTarget, loadConfig } from "../src/platform/config.ts";
import { rowsOf } from "../src/platform/db/client.ts";
import { startServer } from "../src/platform/server.ts";
import { openServices } from "../src/platform/services.ts";
import { dateInZone } from "../src/platform/time.ts";
import { freePort } from "../test/support/server-process.ts";
import { machine, postgresServer, timeRuns, withFreshDatabase, withTempDataDir } from "./bench-support.ts";
import { ACTIVATION_EVENTS, generateKpiWorkspace, TIME_ZONE } from "./kpis-data.ts";
import { loadReference, type ReferenceValues, referenceKpis } from "./kpis-reference.ts";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "100000" },
    events: { type: "string", default: "10000000" },
    "embedded-accounts": { type: "string", default: "10000" },
    "embedded-events": { type: "string", default: "1000000" },
    runs: { type: "string", default: "20" },
    only: { type: "string" },
  },
});
const RUNS = Number(values.runs);
for (const [name, v] of Object.entries(values))
  if (name !== "only" && !(Number.isInteger(Number(v)) && Number(v) > 0))
    throw new Error(`--${name} must be a positive whole number`);

type Timing = { p50: number; p95: number };
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const ms = (t: Timing) => `${t.p50.toFixed(0)} / ${t.p95.toFixed(0)} ms`;
const fmt = (n: number) => n.toLocaleString("en-US");

/** The last complete calendar quarter before `now` in the zone, and the month that ends it. */
function lastQuarter(now: Date) {
  const today = dateInZone(now, TIME_ZONE);
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const [fy, fq] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const month = (yy: number, m: number) =>
    `${yy + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-01`;
  return { from: month(fy, fq * 3), to: month(fy, fq * 3 + 3), lastMonth: month(fy, fq * 3 + 2) };
}

interface Figures {
  label: string;
  version: string;
  counts: Record<string, number>;
  full: Timing;
  breakdowns: Record<string, Timing>;
  trend: Timing;
  http: { period: Timing; trend: Timing; breakdown: Timing; together: Timing };
  reference: { load: number; full: Timing; breakdowns: Record<string, Timing> };
  mismatches: string[];
  checked: number;
  loadAverage: string;
}

/** Compares Embark's values with the reference's, within floating-point noise. */
function compare(label: string, result: KpiResult, ref: ReferenceValues, mismatches: string[]) {
  let checked = 0;
  const check = (
    where: string,
    kpis: KpiResult["kpis"],
    expected: Record<string, number | null> | undefined,
  ) => {
    for (const [name, want] of Object.entries(expected ?? {})) {
      const [id, field] = name.split(".") as [keyof KpiResult["kpis"], string | undefined];
      const v = kpis[id] as unknown as Record<string, number | null | undefined>;
      const got = v[field ?? "value"] ?? null;
      checked++;
      const same =
        got === null || want === null
          ? got === want
          : Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
      if (!same) mismatches.push(`${label} ${where} ${name}: Embark ${got}, DuckDB ${want}`);
    }
  };
  check("total", result.kpis, ref.get(""));
  if (result.breakdown) {
    const keys = new Set([...ref.keys()].filter((k) => k !== ""));
    if (keys.size !== result.breakdown.groups.length)
      mismatches.push(`${label}: ${result.breakdown.groups.length} groups, DuckDB ${keys.size}`);
    for (const g of result.breakdown.groups) check(`[${g.key}]`, g.kpis, ref.get(g.key));
  }
  return checked;
}

async function benchOn(target: DatabaseTarget, label: string, accounts: number, events: number) {
  console.log(`\n${label}: ${fmt(accounts)} accounts, ${fmt(events)} raw events`);
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const port = await freePort();
  const services = await openServices({
    ...loadConfig({ port }, { LOG_LEVEL: "silent", EMBARK_PUBLIC_URL: `http://127.0.0.1:${port}` }),
    database: target,
  });
  const server = await startServer(services, port);
  try {
    const { db } = services.database;
    const [v] = rowsOf<{ v: string }>(await db.execute(sql`select version() as v`));
    const version = v!.v.split(" on ")[0]!.replace(/ \(.*$/, "");
    const t0 = performance.now();
    const { workspace, counts } = await generateKpiWorkspace(services.database, {
      accounts,
      events,
      now,
      progress: (s) => console.log(`  ${s}`),
    });
    console.log(
      `  generated in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${Object.entries(counts)
        .map(([k, n]) => `${fmt(n)} ${k.replaceAll("_", " ")}`)
        .join(", ")}`,
    );
    const quarter = lastQuarter(now);
    const query = { from: quarter.from, to: quarter.to, asOf: now.toISOString() };
    console.log(
      `  period ${quarter.from} … ${quarter.to} (${TIME_ZONE}), as of ${query.asOf}; load average ${loadAverage()}`,
    );

    const full = await timeRuns(() => computeKpis(db, workspace, query, now), RUNS);
    console.log(`  full KPI set: p50 / p95 ${ms(full)}`);
    const breakdowns: Record<string, Timing> = {};
    for (const by of breakdownDimensions) {
      breakdowns[by] = await timeRuns(() => computeKpis(db, workspace, { ...query, by }, now), RUNS);
      console.log(`  by ${by}: ${ms(breakdowns[by]!)}`);
    }
    const trendRuns = Math.max(3, Math.round(RUNS / 2));
    const trend = await timeRuns(
      () =>
        computeKpiTrend(
          db,
          workspace,
          { from: quarter.lastMonth, to: quarter.to, asOf: query.asOf, count: 12 },
          now,
        ),
      trendRuns,
    );
    console.log(`  trend, 12 months: ${ms(trend)} (${trendRuns} runs)`);

    // The dashboard's requests for the quarter, through the real HTTP app.
    const { token } = await createApiToken(db, { workspaceId: workspace.id, name: "bench", role: "admin" });
    const base = `http://127.0.0.1:${server.port}/api/v1/kpis`;
    const period = `from=${quarter.from}&to=${quarter.to}`;
    const get = async (pathAndQuery: string) => {
      const res = await fetch(`${base}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${pathAndQuery} answered ${res.status}: ${await res.text()}`);
      return res.json();
    };
    const http = {
      period: await timeRuns(() => get(`?${period}`), RUNS),
      trend: await timeRuns(() => get(`/trend?${period}&count=12`), trendRuns),
      breakdown: await timeRuns(() => get(`?${period}&by=plan`), RUNS),
      together: await timeRuns(
        () => Promise.all([get(`?${period}`), get(`/trend?${period}&count=12`), get(`?${period}&by=plan`)]),
        trendRuns,
      ),
    };
    console.log(
      `  HTTP: the quarter ${ms(http.period)}, its 12-quarter trend ${ms(http.trend)}, by plan ${ms(http.breakdown)};` +
        ` all three at once ${ms(http.together)}`,
    );

    // The reference.
    const tLoad = performance.now();
    const ref = await loadReference(services.database, target, workspace.id, ACTIVATION_EVENTS);
    const load = (performance.now() - tLoad) / 1000;
    console.log(
      `  DuckDB: exported and loaded in ${load.toFixed(1)} s (${Object.entries(ref.rows)
        .map(([t, n]) => `${fmt(n)} ${t}`)
        .join(", ")})`,
    );
    const mismatches: string[] = [];
    let checked = 0;
    try {
      const { period: p } = resolveKpiPeriod(query, TIME_ZONE, now);
      const scope = (by?: BreakdownDimension) => ({
        from: p.fromInstant.getTime() * 1000,
        to: p.toInstant.getTime() * 1000,
        asOf: p.asOf.getTime() * 1000,
        timezone: TIME_ZONE,
        targetDays: workspace.settings["kpi.targetDays"],
        by,
      });
      const refFull = await timeRuns(() => referenceKpis(ref, scope()), RUNS);
      checked += compare(
        "full set",
        await computeKpis(db, workspace, query, now),
        await referenceKpis(ref, scope()),
        mismatches,
      );
      const refBreakdowns: Record<string, Timing> = {};
      for (const by of breakdownDimensions) {
        refBreakdowns[by] = await timeRuns(() => referenceKpis(ref, scope(by)), RUNS);
        checked += compare(
          `by ${by}`,
          await computeKpis(db, workspace, { ...query, by }, now),
          await referenceKpis(ref, scope(by)),
          mismatches,
        );
      }
      console.log(
        `  DuckDB full set ${ms(refFull)}; by ${breakdownDimensions.map((d) => `${d} ${refBreakdowns[d]!.p50.toFixed(0)}`).join(", ")} ms (p50)`,
      );
      if (mismatches.length > 0) {
        console.log(`\n  !!!!! ${mismatches.length} of ${checked} values DISAGREE with the reference:`);
        for (const m of mismatches.slice(0, 30)) console.log(`  !!!!! ${m}`);
      } else console.log(`  all ${checked} compared values agree with the reference`);
      return {
        label,
        version,
        counts,
        full,
        breakdowns,
        trend,
        http,
        reference: { load, full: refFull, breakdowns: refBreakdowns },
        mismatches,
        checked,
        loadAverage: loadAverage(),
      } satisfies Figures;
    } finally {
      ref.close();
    }
  } finally {
    await server.stop();
  }
}

function printTable(all: Figures[]) {
  const worst = (r: Record<string, Timing>) => Math.max(...Object.values(r).map((t) => t.p95));
  const rows: [string, (f: Figures) => string][] = [
    ["database", (f) => f.version],
    ["accounts / onboardings", (f) => `${fmt(f.counts.accounts!)} / ${fmt(f.counts.onboardings!)}`],
    ["raw events", (f) => fmt(f.counts.events!)],
    ["full KPI set, a quarter (p50 / p95)", (f) => ms(f.full)],
    ...breakdownDimensions.map(
      (d) => [`  by ${d}`, (f: Figures) => ms(f.breakdowns[d]!)] as [string, (f: Figures) => string],
    ),
    ["trend, 12 months", (f) => ms(f.trend)],
    ["HTTP: the quarter", (f) => ms(f.http.period)],
    ["HTTP: its 12-quarter trend", (f) => ms(f.http.trend)],
    ["HTTP: by plan", (f) => ms(f.http.breakdown)],
    ["HTTP: all three at once (the dashboard)", (f) => ms(f.http.together)],
    ["DuckDB: full KPI set", (f) => ms(f.reference.full)],
    ["DuckDB: slowest breakdown (p95)", (f) => `${worst(f.reference.breakdowns).toFixed(0)} ms`],
    ["Embark ÷ DuckDB, full set (p50)", (f) => `${(f.full.p50 / f.reference.full.p50).toFixed(1)}×`],
    ["values that agree with DuckDB", (f) => `${f.checked - f.mismatches.length} of ${f.checked}`],
    ["load average at the end", (f) => f.loadAverage],
  ];
  const width = Math.max(...rows.map(([n]) => n.length));
  const col = Math.max(16, ...all.flatMap((f) => rows.map(([, v]) => v(f).length)));
  console.log(`\n${"".padEnd(width)}  ${all.map((f) => f.label.padStart(col)).join("  ")}`);
  for (const [name, value] of rows)
    console.log(`${name.padEnd(width)}  ${all.map((f) => value(f).padStart(col)).join("  ")}`);

  console.log("\ngoals:");
  for (const f of all) {
    if (f.label.startsWith("PostgreSQL")) {
      const slowest = worst(f.breakdowns);
      console.log(
        `  ${f.label}: full set p95 ≤ 300 ms — ${f.full.p95.toFixed(0)} ms ${f.full.p95 <= 300 ? "met" : "NOT met"}`,
      );
      console.log(
        `  ${f.label}: every breakdown p95 ≤ 500 ms — slowest ${slowest.toFixed(0)} ms ${slowest <= 500 ? "met" : "NOT met"}`,
      );
    } else {
      const slowest = Math.max(
        f.http.period.p95,
        f.http.trend.p95,
        f.http.breakdown.p95,
        f.http.together.p95,
      );
      console.log(
        `  ${f.label}: the dashboard's KPI requests ≤ 1 s — slowest p95 ${slowest.toFixed(0)} ms ${slowest <= 1000 ? "met" : "NOT met"}`,
      );
    }
    if (f.mismatches.length > 0)
      console.log(`  ${f.label}: !!!!! ${f.mismatches.length} values disagree with DuckDB`);
  }
}

const version = (pkg: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../node_modules/${pkg}/package.json`), "utf8"))
    .version as string;
console.log(
  `KPI benchmark — ${machine()}, PGlite ${version("@electric-sql/pglite")}, DuckDB ${version("@duckdb/node-api")};` +
    ` ${RUNS} runs after a warm-up; load average at start ${loadAverage()}`,
);
const figures: Figures[] = [];
if (values.only !== "postgres")
  figures.push(
    await withTempDataDir("embark-bench-kpis-", (dir) =>
      benchOn(
        { kind: "pglite", dataDir: dir },
        "PGlite (embedded)",
        Number(values["embedded-accounts"]),
        Number(values["embedded-events"]),
      ),
    ),
  );
const server = postgresServer();
if (server && values.only !== "pglite")
  figures.push(
    await withFreshDatabase(server, (url) =>
      benchOn({ kind: "postgres", url }, "PostgreSQL", Number(values.accounts), Number(values.events)),
    ),
  );
else if (values.only !== "pglite")
  console.log("\nPostgreSQL: skipped (set TEST_DATABASE_URL or DATABASE_URL)");
printTable(figures);
