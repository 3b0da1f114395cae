import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { describeEachDatabase } from "../../../test/support/test-database.ts";
import { addStaffUser } from "../../staff/staff-users.ts";
import { createApiToken } from "../auth/api-tokens.ts";
import { inWorkspace } from "../db/client.ts";
import { contacts, mailOutbox } from "../db/schema.ts";
import { outboxDetailSchema, outboxItemSchema, outboxPageSchema } from "./mail.routes.ts";
import { unsubscribeUrl } from "./mail-delivery.ts";
import { queueMail } from "./outbox.ts";

type Json = Record<string, any>;

describeEachDatabase("mail API: outbox, retry, test messages, unsubscribe", (kind) => {
  let app: TestApp;
  let admin: string;
  let csm: string;
  let other: string;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let accountId: string;
  let contactId: string;
  let otherContactId: string;
  const ids: string[] = [];

  const v1 = async (path: string, token: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await app.call(`/api/v1${path}`, { token, ...init });
    return { ...res, body: res.body as Json };
  };

  beforeAll(async () => {
    app = await startTestApp(kind);
    const a = await app.workspaceWith("mail-a");
    const b = await app.workspaceWith("mail-b");
    admin = a.token;
    other = b.token;
    workspaceId = a.workspace.id;
    otherWorkspaceId = b.workspace.id;
    const user = await addStaffUser(app.services.database.db, workspaceId, {
      email: "csm@mail-a.example",
      name: "CSM",
      role: "csm",
      password: "member-pass-1",
    });
    csm = (
      await createApiToken(app.services.database.db, {
        workspaceId,
        name: "csm",
        userId: user.userId,
        role: "csm",
      })
    ).token;
    accountId = (
      await v1("/accounts", admin, { method: "POST", body: { externalId: "A-1", name: "受信株式会社" } })
    ).body.id;
    contactId = (
      await v1(`/accounts/${accountId}/contacts`, admin, {
        method: "POST",
        body: { email: "yamada@recv.example", name: "山田" },
      })
    ).body.id;
    const otherAccount = (
      await v1("/accounts", other, { method: "POST", body: { externalId: "B-1", name: "Other" } })
    ).body.id;
    otherContactId = (
      await v1(`/accounts/${otherAccount}/contacts`, other, {
        method: "POST",
        body: { email: "secret@other.example" },
      })
    ).body.id;
    // One transaction each: messages queued in one transaction share their created_at.
    for (let i = 0; i < 5; i++)
      await inWorkspace(app.services.database.db, workspaceId, async (tx) => {
        ids.push(
          (
            await queueMail(tx, workspaceId, {
              to: i === 0 ? "yamada@recv.example" : `user${i}@recv.example`,
              contactId: i === 0 ? contactId : null,
              accountId: i < 2 ? accountId : null,
              locale: "ja",
              purpose: i === 0 ? "marketing" : "transactional",
              category: i % 2 ? "survey" : "information",
              subject: `件名 ${i}`,
              text: `本文 ${i}`,
            })
          ).id!,
        );
      });
    await inWorkspace(app.services.database.db, otherWorkspaceId, (tx) =>
      queueMail(tx, otherWorkspaceId, {
        to: "secret@other.example",
        locale: "en",
        purpose: "transactional",
        category: "survey",
        subject: "secret",
        text: "secret",
      }),
    );
    await app.services.database.db
      .update(mailOutbox)
      .set({ status: "failed", lastError: "550 no such user" })
      .where(eq(mailOutbox.id, ids[1]!));
  });
  afterAll(() => app?.close());

  it("lists the workspace's outbox newest first, page by page, with the SMTP status", async () => {
    const first = await v1("/mail/outbox?limit=3", csm);
    expect(first.status).toBe(200);
    const page = outboxPageSchema.parse(first.body);
    expect(page.smtp).toEqual({
      configured: false,
      host: null,
      secure: false,
      from: "Embark <no-reply@localhost>",
    });
    expect(page.chatWebhookConfigured).toBe(false);
    expect(page.counts).toMatchObject({ queued: 4, failed: 1, sent: 0 });
    expect(page.items.map((i) => i.subject)).toEqual(["件名 4", "件名 3", "件名 2"]);
    const second = outboxPageSchema.parse(
      (await v1(`/mail/outbox?limit=3&cursor=${page.nextCursor}`, csm)).body,
    );
    expect(second.items.map((i) => i.subject)).toEqual(["件名 1", "件名 0"]);
    expect(second.nextCursor).toBeNull();
    expect(second.items[1]).toMatchObject({
      accountName: "受信株式会社",
      purpose: "marketing",
      to: "yamada@recv.example",
    });
  });

  it("exposes delivery outcomes as embark_mail_total", async () => {
    const res = await fetch(`${app.url}/metrics`);
    expect(await res.text()).toContain("# TYPE embark_mail_total counter");
  });

  it("filters by status, category, channel, account and address", async () => {
    const subjects = async (q: string) =>
      ((await v1(`/mail/outbox?${q}`, csm)).body as Json).items.map((i: Json) => i.subject);
    expect(await subjects("status=failed")).toEqual(["件名 1"]);
    expect(await subjects("category=survey")).toEqual(["件名 3", "件名 1"]);
    expect(await subjects(`accountId=${accountId}`)).toEqual(["件名 1", "件名 0"]);
    expect(await subjects("q=YAMADA")).toEqual(["件名 0"]);
    expect(await subjects("q=%25")).toEqual([]);
    expect(await subjects("channel=chat")).toEqual([]);
    expect((await v1("/mail/outbox?status=lost", csm)).status).toBe(400);
  });

  it("shows one message as it would be sent, the footer and unsubscribe link included", async () => {
    const res = await v1(`/mail/outbox/${ids[0]}`, csm);
    expect(res.status).toBe(200);
    const detail = outboxDetailSchema.parse(res.body);
    const link = unsubscribeUrl(app.services, contactId);
    expect(detail.text).toContain("本文 0");
    expect(detail.text).toContain(link);
    expect(detail.html).toContain("本文 0");
    expect(detail.headers["List-Unsubscribe"]).toBe(`<${link}>`);
  });

  it("retries a failed message (managers and admins only; only failed ones)", async () => {
    expect((await v1(`/mail/outbox/${ids[1]}/retry`, csm, { method: "POST" })).status).toBe(403);
    const res = await v1(`/mail/outbox/${ids[1]}/retry`, admin, { method: "POST" });
    expect(res.status).toBe(200);
    expect(outboxItemSchema.parse(res.body)).toMatchObject({ status: "queued", attempts: 0 });
    expect((await v1(`/mail/outbox/${ids[1]}/retry`, admin, { method: "POST" })).status).toBe(409);
  });

  it("keeps other workspaces' messages out of reach", async () => {
    const theirs = ((await v1("/mail/outbox", other)).body as Json).items as Json[];
    expect(theirs.map((i) => i.to)).toEqual(["secret@other.example"]);
    expect(((await v1("/mail/outbox?q=secret", admin)).body as Json).items).toEqual([]);
    expect((await v1(`/mail/outbox/${theirs[0]!.id}`, admin)).status).toBe(404);
    expect((await v1(`/mail/outbox/${ids[0]}`, other)).status).toBe(404);
    expect((await v1(`/mail/outbox/${ids[2]}/retry`, other, { method: "POST" })).status).toBe(404);
    expect((await v1("/mail/outbox/not-an-id", admin)).status).toBe(404);
  });

  it("queues a test e-mail to the signed-in user, and a test chat notification once a webhook is set", async () => {
    const res = await v1("/mail/test-email", admin, { method: "POST" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ to: "admin@mail-a.example" });
    const [row] = await app.services.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.id, res.body.id));
    expect(row).toMatchObject({
      category: "test",
      locale: "ja",
      subject: "Embark テストメール",
      status: "queued",
    });
    expect((await v1("/mail/test-email", csm, { method: "POST" })).status).toBe(403);
    expect((await v1("/mail/test-chat", admin, { method: "POST" })).status).toBe(400);
    const bad = await v1("/settings", admin, {
      method: "PATCH",
      body: { "notifications.chatWebhookUrl": "ftp://x" },
    });
    expect(bad.status).toBe(400);
    const set = await v1("/settings", admin, {
      method: "PATCH",
      body: {
        "notifications.chatWebhookUrl": "https://hooks.slack.example/services/T/B/X",
        "mail.language": "en",
      },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      "notifications.chatWebhookUrl": "https://hooks.slack.example/services/T/B/X",
    });
    expect((await v1("/mail/test-chat", admin, { method: "POST" })).body).toEqual({ queued: true });
    const chat = ((await v1("/mail/outbox?channel=chat", admin)).body as Json).items[0];
    expect(chat).toMatchObject({ to: "hooks.slack.example", channel: "chat", status: "queued" });
    expect(chat.subject).toBe("");
  });

  it("unsubscribes from the page and by one-click, with a timeline entry; bad tokens reveal nothing", async () => {
    const token = unsubscribeUrl(app.services, contactId).split("/unsubscribe/")[1]!;
    const view = await app.call(`/api/unsubscribe/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toEqual({
      email: "yamada@recv.example",
      language: "en",
      sender: "Workspace mail-a",
      unsubscribed: false,
    });
    expect(view.headers.get("cache-control")).toBe("no-store");
    const done = await app.call(`/api/unsubscribe/${token}`, { method: "POST" });
    expect(done.body).toMatchObject({ unsubscribed: true });
    expect((await app.call(`/api/unsubscribe/${token}`, { method: "POST" })).status).toBe(200);
    const entries = ((await v1(`/accounts/${accountId}/timeline`, admin)).body as Json).items as Json[];
    const mailEntries = entries.filter((e) => e.kind === "mail");
    expect(mailEntries).toHaveLength(1);
    // The contact's own language wins over the workspace's; the contact shows as unsubscribed.
    const patched = await v1(`/contacts/${contactId}`, admin, { method: "PATCH", body: { language: "ja" } });
    expect(patched.body).toMatchObject({ language: "ja" });
    expect(patched.body.unsubscribedAt).toEqual(expect.any(String));
    expect(((await app.call(`/api/unsubscribe/${token}`)).body as Json).language).toBe("ja");
    expect(
      (await v1(`/contacts/${contactId}`, admin, { method: "PATCH", body: { language: "fr" } })).status,
    ).toBe(400);
    expect(mailEntries[0]).toMatchObject({
      data: { action: "unsubscribed", email: "yamada@recv.example", via: "page" },
    });

    // RFC 8058 one-click, as a mail program sends it (no cookies, form body).
    const theirToken = unsubscribeUrl(app.services, otherContactId).split("/unsubscribe/")[1]!;
    const oneClick = await fetch(`${app.url}/unsubscribe/${theirToken}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    const [theirs] = await app.services.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, otherContactId));
    expect(theirs!.unsubscribedAt).toBeInstanceOf(Date);

    const forged = `${token.slice(0, 32)}${"0".repeat(32)}`;
    for (const bad of [forged, "nothing", `${theirToken.slice(0, 63)}x`]) {
      const res = await app.call(`/api/unsubscribe/${bad}`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain("@");
      expect((await app.call(`/api/unsubscribe/${bad}`, { method: "POST" })).status).toBe(404);
    }
    // The page itself is the web app's (GET falls through to it).
    expect((await fetch(`${app.url}/unsubscribe/${token}`, { method: "GET" })).status).not.toBe(405);
  });
});
