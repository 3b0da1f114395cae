import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, waitReady } from "../../../test/support/server-process.ts";

const bin = path.resolve(import.meta.dirname, "../../../bin/embark.mjs");

describe("the embedded database", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "embark-durable-"));
  const env = { ...process.env, EMBARK_DATA_DIR: dir, DATABASE_URL: "", LOG_LEVEL: "warn" };
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

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

  it("keeps what it acknowledged through kill -9, and refuses a second process meanwhile", {
    timeout: 120_000,
  }, async () => {
    const token = execFileSync(process.execPath, [bin, "token", "create"], { env }).toString().trim();
    const first = await start();
    const second = spawn(process.execPath, [bin, "stats"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    second.stderr!.on("data", (d) => (stderr += d));
    const code = await new Promise((r) => second.on("exit", r));
    expect(code).toBe(1);
    expect(stderr).toMatch(/in use by process \d+/);

    const written: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${first.url}/api/v1/accounts`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ externalId: `K-${i}`, name: `Killed ${i}` }),
      });
      expect(res.status).toBe(201);
      written.push(`K-${i}`);
    }
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.on("exit", r));

    const again = await start();
    const res = await fetch(`${again.url}/api/v1/accounts?pageSize=100&sort=externalId`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { total: number; items: { externalId: string }[] };
    expect(body.total).toBe(20);
    expect(body.items.map((a) => a.externalId).sort()).toEqual(written.sort());
    again.child.kill("SIGTERM");
    await new Promise((r) => again.child.on("exit", r));
  });
});
