import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type DatabaseKind } from "./test-database.ts";

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, "../../bin/embark.mjs");

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `embark …` in its own process, as a user runs it, against a fresh database of `kind`, in a
 * scratch directory that `file` writes into (set up and removed by the suite's hooks).
 */
export function embarkCommand(kind: DatabaseKind) {
  let dir = "";
  let env: NodeJS.ProcessEnv = {};
  let drop: () => Promise<void> = async () => {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "embark-cli-"));
    const db = await createTestDatabase(kind);
    drop = db.drop;
    const { DATABASE_URL: _unset, ...rest } = process.env;
    env =
      db.target.kind === "postgres"
        ? { ...rest, DATABASE_URL: db.target.url }
        : { ...rest, EMBARK_DATA_DIR: path.join(dir, "data") };
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    async embark(...args: string[]): Promise<CommandResult> {
      try {
        const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, cwd: dir });
        return { code: 0, stdout, stderr };
      } catch (err) {
        const e = err as CommandResult;
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    },
    /** Writes `text` to a file in the scratch directory and returns its path. */
    file(name: string, text: string) {
      const p = path.join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    path: (name: string) => path.join(dir, name),
  };
}
