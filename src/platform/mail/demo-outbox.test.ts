import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { describeEachDatabase } from "../../../test/support/test-database.ts";
import type { Tx } from "../db/client.ts";
import { contacts, mailOutbox } from "../db/schema.ts";
import { generateDemoOutbox } from "./demo-outbox.ts";

type Json = Record<string, any>;

describeEachDatabase("demo outbox history", (kind) => {
  let app: TestApp;
  let workspaceId: string;

  beforeAll(async () => {
    app = await startTestApp(kind);
    const ws = await app.workspaceWith("demo-mail");
    workspaceId = ws.workspace.id;
    const me = (await app.call("/api/v1/me", { token: ws.token })).body as Json;
    for (let i = 1; i <= 4; i++) {
      const account = (
        await app.call("/api/v1/accounts", {
          method: "POST",
          token: ws.token,
          body: { externalId: `D-${i}`, name: `Demo ${i}`, ownerId: me.user.id },
        })
      ).body as Json;
      for (const who of ["a", "b"])
        await app.call(`/api/v1/accounts/${account.id}/contacts`, {
          method: "POST",
          token: ws.token,
          body: { email: `${who}${i}@demo.example`, language: i === 2 ? "en" : null },
        });
    }
  });
  afterAll(() => app?.close());

  it("writes sent, failed and suppressed messages in each contact's language", async () => {
    const now = new Date();
    await generateDemoOutbox(app.services.database.db as unknown as Tx, workspaceId, now);
    const rows = await app.services.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.workspaceId, workspaceId));
    expect(rows.map((r) => r.status).sort()).toEqual([
      "failed",
      "sent",
      "sent",
      "sent",
      "sent",
      "suppressed",
    ]);
    expect(rows.every((r) => r.createdAt < now)).toBe(true);
    const english = rows.filter((r) => r.to.endsWith("2@demo.example"));
    expect(english.length).toBeGreaterThan(0);
    expect(english.every((r) => r.locale === "en" && /^[\x20-\x7e]+$/.test(r.subject))).toBe(true);
    const suppressed = rows.find((r) => r.status === "suppressed")!;
    const [contact] = await app.services.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, suppressed.contactId!));
    expect(contact!.unsubscribedAt).toBeInstanceOf(Date);
  });
});
