import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { inWorkspace } from "../db/client.ts";
import { mailOutbox } from "../db/schema.ts";
import type { Services } from "../http/context.ts";
import { openServices } from "../services.ts";
import { createSmtpTransport, deliverDueMail } from "./mail-delivery.ts";
import { queueMail } from "./outbox.ts";
import { startSmtpServer, type TestSmtpServer } from "./test-smtp-server.ts";

const MESSAGES = 150;
const postgres = process.env.TEST_DATABASE_URL;
if (!postgres) console.warn("[skipped] two mail senders on one PostgreSQL: set TEST_DATABASE_URL to run it");

describe.skipIf(!postgres)("two app instances sending from one PostgreSQL outbox", () => {
  let app: TestApp;
  let second: Services;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    app = await startTestApp("postgres");
    second = await openServices(app.services.config);
    smtp = await startSmtpServer();
    const workspaces = [
      (await app.workspaceWith("senders-a")).workspace,
      (await app.workspaceWith("senders-b")).workspace,
    ];
    for (let i = 0; i < MESSAGES; i += 25) {
      const ws = workspaces[(i / 25) % 2]!;
      await inWorkspace(app.services.database.db, ws.id, async (tx) => {
        for (let j = i; j < i + 25; j++)
          await queueMail(tx, ws.id, {
            to: `customer${j}@example.com`,
            locale: j % 2 ? "en" : "ja",
            purpose: "transactional",
            category: "test",
            subject: `message ${j}`,
            text: `body ${j}`,
          });
      });
    }
  });
  afterAll(async () => {
    await second?.database.close();
    await smtp?.close();
    await app?.close();
  });

  it("delivers every message exactly once", async () => {
    const senders = [app.services, app.services, second, second].map((services) => {
      const transport = createSmtpTransport(smtp.url)!;
      return deliverDueMail(services, { transport, batchSize: 5 }).finally(() => transport.close());
    });
    const results = await Promise.all(senders);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(MESSAGES);
    // Every sender got a share (they ran at the same time, not one after the other).
    expect(results.filter((r) => r.sent > 0).length).toBeGreaterThan(1);
    const subjects = smtp.received.map((m) => m.subject).sort();
    expect(subjects).toHaveLength(MESSAGES);
    expect(new Set(subjects).size).toBe(MESSAGES);
    const rows = await app.services.database.db
      .select({ status: mailOutbox.status, attempts: mailOutbox.attempts })
      .from(mailOutbox);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });
});
