import { loadConfig } from "../platform/config.ts";
import type { Database } from "../platform/db/client.ts";
import { openMigratedDatabase } from "../platform/db/client.ts";
import { AppError, toAppError } from "../platform/http/errors.ts";
import { resolveWorkspace, type Workspace } from "../workspaces/workspaces.ts";

export interface GlobalOptions {
  dataDir?: string;
  workspace?: string;
}

/** Prints one line naming the problem and exits non-zero: what every command does on bad input. */
export function fail(message: string): never {
  process.stderr.write(`embark: ${message}\n`);
  process.exit(1);
}

export function describeError(err: unknown): string {
  if (err instanceof AppError) {
    const detail = err.details.map((d) => (d.path ? `${d.path} ${d.message}` : d.message)).join("; ");
    return detail ? `${err.message}: ${detail}` : err.message;
  }
  const e = err as { code?: string; message?: string; cause?: unknown };
  if (e?.code === "ECONNREFUSED") return "cannot reach the PostgreSQL server named by DATABASE_URL";
  if (e?.cause) {
    // A failed query: say what the database said, not the statement and its parameters.
    const mapped = toAppError(err);
    return mapped.code === "internal" ? `database error: ${(e.cause as Error).message}` : mapped.message;
  }
  if (e?.code === "ENOENT") return e.message ?? "file not found";
  return e?.message ?? String(err);
}

/** Opens the database (migrating it), resolves the workspace, runs `fn`, closes the database. */
export async function withWorkspace<T>(
  options: GlobalOptions,
  fn: (database: Database, workspace: Workspace) => Promise<T>,
): Promise<T> {
  let database: Database | undefined;
  try {
    database = await openMigratedDatabase(loadConfig({ dataDir: options.dataDir }));
    const workspace = await resolveWorkspace(database.db, options.workspace);
    return await fn(database, workspace);
  } catch (err) {
    await database?.close().catch(() => {});
    return fail(describeError(err));
  } finally {
    await database?.close().catch(() => {});
  }
}
