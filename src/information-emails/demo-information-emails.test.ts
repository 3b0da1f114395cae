import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoWorkspace } from "../demo/create-demo.ts";
import { type Database, inWorkspace, openDatabase } from "../platform/db/client.ts";
import { informationEnrolments, informationSends } from "../platform/db/schema.ts";
import { listAccountEnrolments, listSequenceEnrolments } from "./enrolments.ts";
import { runInformationEmails } from "./run-information-emails.ts";
import { listSequences } from "./sequences.ts";

const now = new Date("2026-05-15T03:00:00Z");

describe("the demo's information e-mails", () => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    await database.migrate();
  });
  afterAll(() => database.close());

  it("has the standard sequence on, with the tech-touch onboardings enrolled and their due steps sent", async () => {
    const demo = (await createDemoWorkspace(database.db, { accounts: 160, now }))!;
    const ws = demo.workspace;
    await inWorkspace(database.db, ws.id, async (tx) => {
      const [sequence] = await listSequences(tx, ws.id);
      expect(sequence).toMatchObject({ active: true, touchModels: ["tech"], stepCount: 5 });
      expect(sequence!.enrolments).toBeGreaterThan(3);
      expect(sequence!.sentCount).toBeGreaterThan(sequence!.enrolments);
      const enrolments = await listSequenceEnrolments(tx, ws, sequence!.id, now);
      expect(enrolments.some((e) => e.stopReason === null && e.stepsSent > 0 && e.nextStep)).toBe(true);
      const one = enrolments[0]!;
      expect((await listAccountEnrolments(tx, ws, one.accountId)).map((e) => e.id)).toContain(one.id);

      // The job finds the history: nothing already recorded is sent again.
      const before = (await tx.select().from(informationSends).where(eq(informationSends.workspaceId, ws.id)))
        .length;
      const r = await runInformationEmails(tx, ws, { now, secret: "s", publicUrl: "http://localhost" });
      expect(r.enrolled).toBe(0);
      const after = (await tx.select().from(informationSends).where(eq(informationSends.workspaceId, ws.id)))
        .length;
      expect(after - before).toBe(r.queued);
      const running = await tx
        .select()
        .from(informationEnrolments)
        .where(eq(informationEnrolments.workspaceId, ws.id));
      expect(running.every((e) => e.startedAt.getTime() <= now.getTime())).toBe(true);
    });
  }, 120_000);
});
