import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { AppError } from "../http/errors.ts";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The embedded database may be opened by one process at a time: a second one would corrupt it.
 * Takes `DIR/embark.lock` (replacing one left by a process that no longer runs, e.g. after kill -9).
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "embark.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder))
        throw new AppError(
          "conflict",
          `The embedded database in ${dataDir} is in use by process ${holder} (a running embark server?). Stop it first, or use a PostgreSQL server (DATABASE_URL)`,
        );
      rmSync(file, { force: true });
    }
  }
  throw new AppError("conflict", `Cannot lock the embedded database in ${dataDir}`);
}
