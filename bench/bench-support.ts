import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/** The value at percentile `p` of ascending samples (NaN when there are none). */
export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Runs `fn` once to warm up, then `runs` times; p50 and p95 of those in milliseconds. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** "2× AMD EPYC …, 24 GiB, Node v20.20.2": what every benchmark prints first. */
export const machine = () =>
  `${os.cpus().length}× ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

/** A new empty data directory for the embedded database, removed afterwards. */
export async function withTempDataDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PostgreSQL server to measure (DATABASE_URL or TEST_DATABASE_URL), if one is named. */
export const postgresServer = () => process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

/** A new empty database on the server for one run, dropped afterwards; `fn` gets its URL. */
export async function withFreshDatabase<T>(server: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `embark_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}
