import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, waitReady } from "../../test/support/server-process.ts";
import { createTestDatabase, databaseKinds } from "../../test/support/test-database.ts";
import type { DatabaseTarget } from "../platform/config.ts";
import { openDatabase, rowsOf } from "../platform/db/client.ts";
import { getWriteKey, resolveWorkspace } from "../workspaces/workspaces.ts";

const bin = path.resolve(import.meta.dirname, "../../bin/embark.mjs");
const run = promisify(execFile);

const SENDERS = 6;
const PER_BATCH = 50;

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once("exit", () => r()));

/** One request's worth of messages, each with its own messageId. */
const batchOf = (sender: number, seq: number) =>
  Array.from({ length: PER_BATCH }, (_, i) => ({
    type: "track",
    event: `Durable ${i % 5}`,
    userId: `user-${sender}-${i % 7}`,
    messageId: `kill-${sender}-${seq}-${i}`,
    context: { groupId: `grp-${sender}` },
    properties: { seq, i },
    timestamp: new Date().toISOString(),
  }));

for (const kind of databaseKinds())
  describe(`usage events survive kill -9 of the server [${kind}]`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), "embark-kill-"));
    const children: ChildProcess[] = [];
    let env: NodeJS.ProcessEnv;
    let dropDatabase = async () => {};
    let databaseUrl = "";

    beforeAll(async () => {
      if (kind === "postgres") {
        const { target, drop } = await createTestDatabase("postgres");
        databaseUrl = (target as { url: string }).url;
        dropDatabase = drop;
      }
      env = {
        ...process.env,
        EMBARK_DATA_DIR: dir,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: "warn",
      };
    });
    afterAll(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
      await Promise.all(children.map(exited));
      rmSync(dir, { recursive: true, force: true });
      await dropDatabase();
    });

    const cli = async (...args: string[]) =>
      (await run(process.execPath, [bin, ...args], { env })).stdout.trim();

    const start = async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [bin, "start", "--no-demo", "--port", String(port)], {
        env,
        stdio: "ignore",
      });
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      await waitReady(url, child);
      return { child, url };
    };

    const target = (): DatabaseTarget =>
      kind === "postgres" ? { kind, url: databaseUrl } : { kind: "pglite", dataDir: dir };

    /** What `embark write-key` prints, done in this process: migrate, make the default workspace. */
    const prepareWriteKey = async () => {
      const database = await openDatabase(target());
      try {
        await database.migrate();
        return await getWriteKey(database.db, (await resolveWorkspace(database.db, undefined)).id);
      } finally {
        await database.close();
      }
    };

    /** The messageIds stored, and how often each, read straight from the database. */
    const storedIds = async (): Promise<Map<string, number>> => {
      const query = "select message_id, count(*)::int as n from events group by message_id";
      const database = await openDatabase(target());
      try {
        const rows = rowsOf<{ message_id: string; n: number }>(await database.db.execute(query));
        return new Map(rows.map((r) => [r.message_id, r.n]));
      } finally {
        await database.close();
      }
    };

    it("stores every acknowledged messageId exactly once after SIGKILL mid-stream and a restart", {
      timeout: 90_000,
    }, async () => {
      const writeKey = await prepareWriteKey();
      expect(writeKey).toMatch(/^wk_/);
      const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
      const post = (url: string, batch: unknown[]) =>
        fetch(`${url}/v1/batch`, {
          method: "POST",
          headers: { authorization, "content-type": "application/json" },
          body: JSON.stringify({ batch, sentAt: new Date().toISOString() }),
        });

      const first = await start();
      const acknowledged = new Set<string>();
      const unanswered: { sender: number; seq: number }[] = [];
      const otherAnswers: number[] = [];
      let stop = false;
      const sender = async (s: number) => {
        for (let seq = 0; !stop; seq++) {
          const batch = batchOf(s, seq);
          try {
            const res = await post(first.url, batch);
            await res.text();
            if (res.status === 200) for (const m of batch) acknowledged.add(m.messageId);
            else otherAnswers.push(res.status);
          } catch {
            // No answer: the server died with this request in flight (or before it arrived).
            unanswered.push({ sender: s, seq });
            return;
          }
        }
      };
      const senders = Array.from({ length: SENDERS }, (_, s) => sender(s));
      // Kill once a good number of batches went through, while all senders are mid-request.
      const t0 = Date.now();
      while (acknowledged.size < 40 * PER_BATCH && Date.now() - t0 < 20_000)
        await new Promise((r) => setTimeout(r, 20));
      first.child.kill("SIGKILL");
      await exited(first.child);
      stop = true;
      await Promise.all(senders);
      expect(otherAnswers).toEqual([]);
      expect(acknowledged.size).toBeGreaterThanOrEqual(10 * PER_BATCH);
      expect(unanswered.length).toBeGreaterThan(0);

      const again = await start();
      // Acknowledged before the kill: all there, each once.
      const stats = async () => {
        again.child.kill("SIGTERM");
        await exited(again.child);
        return JSON.parse(await cli("stats", "--json")) as { events: number };
      };
      // The senders retry what got no answer, and (as a client may) some that did: still once each.
      const retried = [
        ...unanswered,
        { sender: 0, seq: 0 },
        { sender: 1, seq: 1 },
        { sender: SENDERS - 1, seq: 2 },
      ];
      for (const r of retried) {
        const res = await post(again.url, batchOf(r.sender, r.seq));
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ success: true });
      }
      const counted = await stats();
      const ids = await storedIds();

      const missing = [...acknowledged].filter((id) => !ids.has(id));
      expect(missing, `${missing.length} acknowledged events lost`).toEqual([]);
      const doubled = [...ids].filter(([, n]) => n !== 1);
      expect(doubled).toEqual([]);
      const expected = new Set(acknowledged);
      for (const r of retried) for (const m of batchOf(r.sender, r.seq)) expected.add(m.messageId);
      // Whatever was stored is something a sender sent; after the retries it is exactly what was sent.
      expect([...ids.keys()].filter((id) => !expected.has(id))).toEqual([]);
      expect(ids.size).toBe(expected.size);
      expect(counted.events).toBe(expected.size);
    });
  });
