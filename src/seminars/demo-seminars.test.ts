import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoWorkspace } from "../demo/create-demo.ts";
import { type Database, inWorkspace, openDatabase } from "../platform/db/client.ts";
import { listSeminars, participation } from "./seminars.ts";

const now = new Date("2026-05-15T03:00:00Z");

describe("the demo's seminars", () => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    await database.migrate();
  });
  afterAll(() => database.close());

  it("hold a welcome seminar with past and upcoming sessions, invitations and attendance, and a training", async () => {
    const demo = (await createDemoWorkspace(database.db, { now }))!;
    const id = demo.workspace.id;
    const list = await inWorkspace(database.db, id, (tx) => listSeminars(tx, id, {}, now));
    const welcome = list.find((s) => s.kind === "welcome")!;
    expect(welcome.title.ja).toContain("ウェルカムセミナー");
    expect(welcome.sessions.some((s) => s.startsAt < now)).toBe(true);
    expect(welcome.nextSessions.length).toBeGreaterThan(0);
    expect(welcome.counts.invited).toBeGreaterThan(20);
    expect(welcome.counts.attended).toBeGreaterThan(0);
    expect(welcome.participation.value).toBeGreaterThan(0.3);
    expect(welcome.participation.value).toBeLessThan(1);
    expect(list.some((s) => s.kind === "training" && s.nextSessions.length > 0)).toBe(true);
    const kpi = await inWorkspace(database.db, id, (tx) => participation(tx, id, { kind: "welcome" }));
    expect(kpi.get("all")).toEqual(welcome.participation);
  }, 120_000);
});
