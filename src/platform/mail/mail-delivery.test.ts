import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { describeEachDatabase } from "../../../test/support/test-database.ts";
import { createAccount } from "../../accounts/accounts.ts";
import { addContact } from "../../accounts/contacts.ts";
import type { Workspace } from "../../workspaces/workspaces.ts";
import { inWorkspace } from "../db/client.ts";
import { contacts, mailOutbox, workspaces } from "../db/schema.ts";
import {
  createSmtpTransport,
  deliverDueMail,
  MAX_ATTEMPTS,
  retryDelayMs,
  unsubscribeUrl,
} from "./mail-delivery.ts";
import { mailTotal } from "./mail-metrics.ts";
import { queueChatNotification, queueMail, queueStaffNotification, recipientLocale } from "./outbox.ts";
import { startSmtpServer, type TestSmtpServer } from "./test-smtp-server.ts";

type Row = typeof mailOutbox.$inferSelect;
const MIN = 60_000;

describe("retry back-off", () => {
  it("waits 1 min, then doubles, capped at an hour", () => {
    expect([1, 2, 3, 4, 7, 8].map(retryDelayMs)).toEqual([
      MIN,
      2 * MIN,
      4 * MIN,
      8 * MIN,
      60 * MIN,
      60 * MIN,
    ]);
  });
});

describeEachDatabase("mail delivery over SMTP and chat webhooks", (kind) => {
  let app: TestApp;
  let workspace: Workspace;
  let accountId: string;
  let jaContact: { id: string; email: string };
  let enContact: { id: string; email: string };
  let smtp: TestSmtpServer;
  let transport: Transporter;

  const db = () => app.services.database.db;
  const inWs = <T>(fn: Parameters<typeof inWorkspace<T>>[2]) => inWorkspace(db(), workspace.id, fn);
  const message = async (id: string) =>
    (await db().select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0] as Row;
  const queue = (mail: Partial<Parameters<typeof queueMail>[2]> = {}) =>
    inWs((tx) =>
      queueMail(tx, workspace.id, {
        to: "someone@customer.example",
        locale: "ja",
        purpose: "transactional",
        category: "test",
        subject: "件名",
        text: "本文",
        ...mail,
      }),
    ).then((r) => r.id!);
  const deliver = (now = new Date(), t: Transporter | null = transport) =>
    deliverDueMail(app.services, { transport: t, now });

  beforeAll(async () => {
    app = await startTestApp(kind);
    ({ workspace } = await app.workspaceWith("mail-delivery"));
    smtp = await startSmtpServer();
    transport = createSmtpTransport(smtp.url)!;
    await inWs(async (tx) => {
      const account = await createAccount(tx, workspace, {
        externalId: "MAIL-1",
        name: "メール株式会社",
      } as never);
      accountId = account.id;
      const ja = await addContact(tx, workspace.id, accountId, {
        email: "yamada@customer.example",
        name: "山田",
      });
      const en = await addContact(tx, workspace.id, accountId, {
        email: "smith@customer.example",
        name: "Smith",
      });
      await tx.update(contacts).set({ locale: "en" }).where(eq(contacts.id, en.id));
      jaContact = { id: ja.id, email: ja.email };
      enContact = { id: en.id, email: en.email };
    });
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    await app?.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
    smtp.rejectWith(null);
  });

  it("picks the contact's language, else the workspace's mail language", async () => {
    await inWs(async (tx) => {
      expect(await recipientLocale(tx, workspace.id, enContact.id)).toBe("en");
      expect(await recipientLocale(tx, workspace.id, jaContact.id)).toBe("ja");
      expect(await recipientLocale(tx, workspace, null)).toBe("ja");
    });
  });

  it("delivers marketing mail in Japanese and English with the footer, the unsubscribe link and its headers", async () => {
    const ja = await queue({
      to: jaContact.email,
      contactId: jaContact.id,
      accountId,
      purpose: "marketing",
      category: "information",
      subject: "活用のヒント <第1回>",
      text: "山田様\n\nダッシュボードの使い方をご紹介します。\n詳しくは https://help.example/tips をご覧ください。",
    });
    const en = await queue({
      to: enContact.email,
      contactId: enContact.id,
      locale: "en",
      purpose: "marketing",
      category: "information",
      subject: "Tips & tricks",
      text: "Dear Smith,\n\nHere is how to use the dashboard.",
    });
    const result = await deliver();
    expect(result).toMatchObject({ sent: 2, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(2);
    const jaMail = smtp.received.find((m) => m.to[0] === jaContact.email)!;
    const enMail = smtp.received.find((m) => m.to[0] === enContact.email)!;
    expect(jaMail.subject).toBe("活用のヒント <第1回>");
    expect(jaMail.text).toContain("ダッシュボードの使い方をご紹介します。");
    expect(jaMail.text).toContain("配信を停止できます");
    expect(jaMail.text).toContain(`このメールは ${workspace.name} から送信されています。`);
    const link = unsubscribeUrl(app.services, jaContact.id);
    expect(jaMail.text).toContain(link);
    expect(jaMail.headers["list-unsubscribe"]).toBe(`<${link}>`);
    expect(jaMail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(jaMail.headers["message-id"]).toBe(`<${ja}@localhost>`);
    expect(jaMail.html).toContain('lang="ja"');
    expect(jaMail.html).toContain("活用のヒント &lt;第1回&gt;");
    expect(jaMail.html).toContain('<a href="https://help.example/tips"');
    expect(jaMail.html).toContain(link);
    expect(enMail.subject).toBe("Tips & tricks");
    expect(enMail.text).toContain("Here is how to use the dashboard.");
    expect(enMail.text).toContain("To stop receiving messages like this one, unsubscribe here:");
    expect(enMail.html).toContain('lang="en"');
    expect(enMail.headers["list-unsubscribe"]).toBe(`<${unsubscribeUrl(app.services, enContact.id)}>`);
    for (const id of [ja, en])
      expect(await message(id)).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect((await message(ja)).sentAt).toBeInstanceOf(Date);
    const metric = await mailTotal.get();
    expect(
      metric.values.find((v) => v.labels.channel === "email" && v.labels.outcome === "sent")?.value,
    ).toBeGreaterThanOrEqual(2);
  });

  it("sends transactional mail without an unsubscribe link, and staff mail in the user's language", async () => {
    const [user] = await db()
      .select()
      .from((await import("../db/schema.ts")).users)
      .limit(1);
    const id = (
      await inWs((tx) =>
        queueStaffNotification(tx, workspace.id, user!.id, {
          ja: { subject: "批判者の回答", text: "対応してください。" },
          en: { subject: "A detractor answered", text: "Please follow up." },
        }),
      )
    ).id!;
    await deliver();
    expect(await message(id)).toMatchObject({ status: "sent", locale: "ja", to: user!.email });
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe("批判者の回答");
    expect(mail.text).not.toContain("unsubscribe");
    expect(mail.headers["list-unsubscribe"]).toBeUndefined();
  });

  it("queues a dedupe key once", async () => {
    const first = await inWs((tx) =>
      queueMail(tx, workspace.id, {
        to: "a@b.example",
        locale: "ja",
        purpose: "transactional",
        category: "x",
        subject: "s",
        text: "t",
        dedupeKey: "once",
      }),
    );
    const again = await inWs((tx) =>
      queueMail(tx, workspace.id, {
        to: "a@b.example",
        locale: "ja",
        purpose: "transactional",
        category: "x",
        subject: "s",
        text: "t",
        dedupeKey: "once",
      }),
    );
    expect(first.queued).toBe(true);
    expect(again).toEqual({ id: null, queued: false });
    await deliver();
  });

  it("a rolled-back transaction queues nothing", async () => {
    await expect(
      inWs(async (tx) => {
        await queueMail(tx, workspace.id, {
          to: "rollback@b.example",
          locale: "ja",
          purpose: "transactional",
          category: "x",
          subject: "s",
          text: "t",
        });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await db().select().from(mailOutbox).where(eq(mailOutbox.to, "rollback@b.example"))).toEqual([]);
  });

  it("keeps retrying while the server is down and sends once it is back", async () => {
    const down = await startSmtpServer({ listening: false });
    const downTransport = createSmtpTransport(down.url)!;
    try {
      const id = await queue({ to: "later@customer.example", subject: "再送テスト" });
      const t0 = new Date();
      expect(await deliver(t0, downTransport)).toMatchObject({ retried: 1, sent: 0 });
      let row = await message(id);
      expect(row).toMatchObject({ status: "queued", attempts: 1 });
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + MIN);
      // Not due yet: nothing is tried.
      expect(await deliver(new Date(t0.getTime() + 30_000), downTransport)).toMatchObject({
        retried: 0,
        sent: 0,
      });
      const t1 = new Date(t0.getTime() + MIN);
      expect(await deliver(t1, downTransport)).toMatchObject({ retried: 1 });
      row = await message(id);
      expect(row).toMatchObject({ status: "queued", attempts: 2 });
      expect(row.nextAttemptAt.getTime()).toBe(t1.getTime() + 2 * MIN);
      await down.listen();
      expect(await deliver(new Date(t1.getTime() + 2 * MIN), downTransport)).toMatchObject({ sent: 1 });
      expect(await message(id)).toMatchObject({ status: "sent", attempts: 3, lastError: null });
      expect(down.received.map((m) => m.subject)).toEqual(["再送テスト"]);
    } finally {
      downTransport.close();
      await down.close();
    }
  });

  it("fails at once with the server's reason on a 5xx rejection", async () => {
    smtp.rejectWith(550, "5.1.1 No such user here");
    const id = await queue({ to: "nobody@customer.example" });
    expect(await deliver()).toMatchObject({ failed: 1 });
    const row = await message(id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toContain("550");
    expect(row.lastError).toContain("No such user here");
    expect(smtp.received).toHaveLength(0);
  });

  it("retries a 4xx answer and sends when the server accepts", async () => {
    smtp.rejectWith(451, "4.7.1 Greylisted, try again later", 1);
    const id = await queue({ to: "grey@customer.example" });
    const t0 = new Date();
    expect(await deliver(t0)).toMatchObject({ retried: 1 });
    expect((await message(id)).lastError).toContain("451");
    expect(await deliver(new Date(t0.getTime() + MIN))).toMatchObject({ sent: 1 });
    expect(await message(id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("gives up after the last attempt", async () => {
    smtp.rejectWith(421, "4.3.2 Service not available");
    const id = await queue({ to: "busy@customer.example" });
    let now = Date.now();
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await deliver(new Date(now));
      now += retryDelayMs(i);
    }
    const row = await message(id);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(row.lastError).toMatch(/^gave up after 8 attempts: .*421/);
  });

  it("suppresses marketing mail to an unsubscribed contact, when queued and again when sent", async () => {
    const queuedBefore = await queue({
      to: jaContact.email,
      contactId: jaContact.id,
      purpose: "marketing",
      subject: "before",
    });
    await db().update(contacts).set({ unsubscribedAt: new Date() }).where(eq(contacts.id, jaContact.id));
    const queuedAfter = await inWs((tx) =>
      queueMail(tx, workspace.id, {
        to: jaContact.email,
        contactId: jaContact.id,
        locale: "ja",
        purpose: "marketing",
        category: "information",
        subject: "after",
        text: "t",
      }),
    );
    expect(queuedAfter.queued).toBe(false);
    // Without the contact's id, the address of a known contact is theirs.
    const byAddress = await inWs((tx) =>
      queueMail(tx, workspace.id, {
        to: jaContact.email,
        locale: "ja",
        purpose: "marketing",
        category: "information",
        subject: "by address",
        text: "t",
      }),
    );
    expect(byAddress.queued).toBe(false);
    expect(await message(byAddress.id!)).toMatchObject({ status: "suppressed", contactId: jaContact.id });
    expect(await message(queuedAfter.id!)).toMatchObject({ status: "suppressed" });
    const transactional = await queue({ to: jaContact.email, contactId: jaContact.id, subject: "receipt" });
    expect(await deliver()).toMatchObject({ sent: 1, suppressed: 1 });
    expect(await message(queuedBefore)).toMatchObject({ status: "suppressed", lastError: "unsubscribed" });
    expect(await message(transactional)).toMatchObject({ status: "sent" });
    expect(smtp.received.map((m) => m.subject)).toEqual(["receipt"]);
    await db().update(contacts).set({ unsubscribedAt: null }).where(eq(contacts.id, jaContact.id));
  });

  it("leaves e-mail queued without SMTP, and sends what is due no earlier than sendAfter", async () => {
    const id = await queue({ to: "nosmtp@customer.example" });
    expect(await deliver(new Date(), null)).toMatchObject({ sent: 0, retried: 0 });
    expect(await message(id)).toMatchObject({ status: "queued", attempts: 0 });
    await deliver();
    const later = await queue({ to: "later2@customer.example", sendAfter: new Date(Date.now() + 3_600_000) });
    await deliver();
    expect(await message(later)).toMatchObject({ status: "queued", attempts: 0 });
    await deliver(new Date(Date.now() + 3_600_001));
    expect(await message(later)).toMatchObject({ status: "sent" });
  });

  it("takes back a message whose sender crashed once its lease has run out", async () => {
    const id = await queue({ to: "crash@customer.example" });
    const now = new Date();
    // A sender claims it and dies: status "sending", leased for 5 minutes.
    await db()
      .update(mailOutbox)
      .set({ status: "sending", attempts: 1, lockedUntil: new Date(now.getTime() + 5 * MIN) })
      .where(eq(mailOutbox.id, id));
    expect(await deliver(new Date(now.getTime() + MIN))).toMatchObject({ sent: 0 });
    expect(await deliver(new Date(now.getTime() + 5 * MIN))).toMatchObject({ sent: 1 });
    expect(await message(id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  describe("chat webhook", () => {
    let hook: Server;
    let hookUrl: string;
    const posts: { body: unknown; contentType: string | undefined }[] = [];
    let answers: number[] = [];
    beforeAll(async () => {
      hook = createServer((req, res) => {
        let body = "";
        req.on("data", (c) => {
          body += c;
        });
        req.on("end", () => {
          posts.push({ body: JSON.parse(body), contentType: req.headers["content-type"] });
          const status = answers.shift() ?? 200;
          res.writeHead(status).end(status === 200 ? "ok" : "invalid_payload");
        });
      });
      await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
      hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/services/T000/B000/XXXX`;
    });
    afterAll(() => new Promise<void>((r) => hook.close(() => r())));
    const setHook = (url: string) =>
      db()
        .update(workspaces)
        .set({ settings: { "notifications.chatWebhookUrl": url } })
        .where(eq(workspaces.id, workspace.id));

    it("queues nothing without a webhook URL", async () => {
      await setHook("");
      expect(await inWs((tx) => queueChatNotification(tx, workspace.id, { text: "x" }))).toEqual({
        queued: false,
      });
    });

    it("posts Slack's format, retries a 5xx and fails on a 4xx", async () => {
      await setHook(hookUrl);
      answers = [503];
      expect(
        await inWs((tx) =>
          queueChatNotification(tx, workspace.id, { text: "批判者の回答がありました", dedupeKey: "chat-1" }),
        ),
      ).toEqual({ queued: true });
      expect(
        await inWs((tx) => queueChatNotification(tx, workspace.id, { text: "again", dedupeKey: "chat-1" })),
      ).toEqual({ queued: false });
      const [row] = await db().select().from(mailOutbox).where(eq(mailOutbox.dedupeKey, "chat-1"));
      expect(row).toMatchObject({ channel: "chat", to: new URL(hookUrl).host, status: "queued" });
      const t0 = new Date();
      // Without SMTP chat still goes out.
      expect(await deliver(t0, null)).toMatchObject({ retried: 1 });
      expect((await message(row!.id)).lastError).toContain("HTTP 503");
      expect(await deliver(new Date(t0.getTime() + MIN), null)).toMatchObject({ sent: 1 });
      expect(posts.map((p) => p.body)).toEqual([
        { text: "批判者の回答がありました" },
        { text: "批判者の回答がありました" },
      ]);
      expect(posts[0]!.contentType).toBe("application/json");
      answers = [400];
      await inWs((tx) => queueChatNotification(tx, workspace.id, { text: "bad", dedupeKey: "chat-2" }));
      expect(await deliver(new Date(), null)).toMatchObject({ failed: 1 });
      const [failed] = await db().select().from(mailOutbox).where(eq(mailOutbox.dedupeKey, "chat-2"));
      expect(failed).toMatchObject({ status: "failed" });
      expect(failed!.lastError).toContain("HTTP 400: invalid_payload");
    });

    it("retries when the webhook cannot be reached", async () => {
      await setHook("http://127.0.0.1:1/hook");
      await inWs((tx) => queueChatNotification(tx, workspace.id, { text: "x", dedupeKey: "chat-3" }));
      expect(await deliver(new Date(), null)).toMatchObject({ retried: 1 });
      await setHook("");
    });
  });
});
