import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "../../test/support/test-database.ts";
import { createDemoWorkspace } from "../demo/create-demo.ts";
import { type Database, inWorkspace, openDatabase } from "../platform/db/client.ts";
import { surveyResponses, surveys, timelineEntries } from "../platform/db/schema.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { listResponses } from "./survey-results.ts";
import { responseListQuery } from "./survey-schemas.ts";

let database: Database;
let drop: () => Promise<void>;
let workspace: Workspace;
const now = new Date("2026-11-20T03:00:00Z");

beforeAll(async () => {
  const test = await createTestDatabase("pglite");
  drop = test.drop;
  database = await openDatabase(test.target);
  await database.migrate();
  const demo = await createDemoWorkspace(database.db, { accounts: 120, now });
  workspace = demo!.workspace;
}, 240_000);
afterAll(async () => {
  await database?.close();
  await drop?.();
});

it("the demo has an NPS and a CSAT survey with responses over recent months, Japanese comments and timeline entries", async () => {
  const db = database.db;
  const defined = await db.select().from(surveys).where(eq(surveys.workspaceId, workspace.id));
  expect(defined.map((s) => s.kind).sort()).toEqual(["csat", "nps"]);
  const rows = await db.select().from(surveyResponses).where(eq(surveyResponses.workspaceId, workspace.id));
  const nps = rows.filter((r) => r.kind === "nps");
  const csat = rows.filter((r) => r.kind === "csat");
  expect(nps.length).toBeGreaterThan(10);
  expect(csat.length).toBeGreaterThan(3);
  expect(nps.some((r) => r.score! <= 6)).toBe(true);
  expect(nps.some((r) => r.score! >= 9)).toBe(true);
  expect(rows.every((r) => r.answeredAt.getTime() <= now.getTime())).toBe(true);
  const months = new Set(rows.map((r) => r.answeredAt.toISOString().slice(0, 7)));
  expect(months.size).toBeGreaterThan(3);
  expect(rows.some((r) => r.comment && /[ぁ-んァ-ン一-龯]/.test(r.comment))).toBe(true);
  const entries = await db.select().from(timelineEntries).where(eq(timelineEntries.kind, "survey_response"));
  expect(entries).toHaveLength(rows.length);
  const detractors = await inWorkspace(db, workspace.id, (tx) =>
    listResponses(tx, workspace, responseListQuery.parse({ band: "detractor" })),
  );
  expect(detractors.total).toBeGreaterThan(0);
  expect(detractors.items.every((i) => i.band === "detractor")).toBe(true);
});
