import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOnboardings } from "../onboarding/list-onboardings.ts";
import { onboardingListQuery } from "../onboarding/onboarding-schemas.ts";
import { type Database, inWorkspace, openDatabase } from "../platform/db/client.ts";
import { createDemoWorkspace } from "./create-demo.ts";

const now = new Date("2026-05-15T03:00:00Z");

describe("demo onboardings", () => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    await database.migrate();
  });
  afterAll(() => database.close());

  it("gives the demo accounts onboardings in every state", async () => {
    const started = Date.now();
    const demo = (await createDemoWorkspace(database.db, { now }))!;
    const elapsed = Date.now() - started;
    const { workspace } = demo;
    const all = await inWorkspace(database.db, workspace.id, (tx) =>
      listOnboardings(tx, workspace.id, onboardingListQuery.parse({ status: "all", pageSize: 200 })),
    );
    const { counts } = all;
    expect(counts.completed).toBeGreaterThan(50);
    expect(counts.on_track).toBeGreaterThan(5);
    expect(counts.at_risk).toBeGreaterThan(3);
    expect(counts.overdue).toBeGreaterThan(3);
    expect(counts.churned).toBeGreaterThan(3);
    const running = all.items.filter((i) => i.status !== "completed" && i.status !== "churned");
    expect(running.every((i) => i.statusReasons.length > 0 || i.status === "on_track")).toBe(true);
    const churned = await inWorkspace(database.db, workspace.id, (tx) =>
      listOnboardings(tx, workspace.id, onboardingListQuery.parse({ status: "churned" })),
    );
    const reasons = new Set(
      [...all.items, ...churned.items].flatMap((i) => i.statusReasons.map((r) => r.code)),
    );
    for (const code of ["completed", "churned", "stalled", "not_agreed", "tasks_overdue"])
      expect(reasons).toContain(code);
    expect(elapsed).toBeLessThan(30_000);
  });
});
