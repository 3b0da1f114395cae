import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe } from "vitest";
import type { DatabaseTarget } from "../../src/platform/config.ts";

export type DatabaseKind = DatabaseTarget["kind"];

/**
 * The databases the integration suites run on: PGlite always, PostgreSQL when TEST_DATABASE_URL
 * is set. With EMBARK_REQUIRE_ALL_SUITES=1 (CI) a missing server fails instead of skipping.
 */
export function databaseKinds(): DatabaseKind[] {
  if (process.env.TEST_DATABASE_URL) return ["pglite", "postgres"];
  if (process.env.EMBARK_REQUIRE_ALL_SUITES === "1")
    throw new Error(
      "TEST_DATABASE_URL is not set but EMBARK_REQUIRE_ALL_SUITES=1 requires the PostgreSQL suites",
    );
  return ["pglite"];
}

/** `describe` once per database kind; says why the PostgreSQL run is skipped when it is. */
export function describeEachDatabase(title: string, body: (kind: DatabaseKind) => void) {
  for (const kind of databaseKinds()) describe(`${title} [${kind}]`, () => body(kind));
  if (!process.env.TEST_DATABASE_URL && process.env.EMBARK_REQUIRE_ALL_SUITES !== "1") {
    console.warn(`[skipped] ${title} on PostgreSQL: set TEST_DATABASE_URL to run it`);
    describe.skip(`${title} [postgres] — skipped: set TEST_DATABASE_URL to run it`, () => {});
  }
}

/** A fresh, empty database of the kind: an in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(
  kind: DatabaseKind,
): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  if (kind === "pglite") return { target: { kind: "pglite", dataDir: "memory://" }, drop: async () => {} };
  const base = process.env.TEST_DATABASE_URL!;
  const name = `embark_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    target: { kind: "postgres", url: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
