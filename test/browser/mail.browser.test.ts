import { mkdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inWorkspace } from "../../src/platform/db/client.ts";
import { contacts, mailOutbox } from "../../src/platform/db/schema.ts";
import { unsubscribeUrl } from "../../src/platform/mail/mail-delivery.ts";
import { queueMail } from "../../src/platform/mail/outbox.ts";
import {
  buildWebApp,
  describeInBrowser,
  launchBrowser,
  newPage as openPage,
  screenshot,
  screenshotDir,
  signInAs,
} from "../support/browser.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

type Json = Record<string, any>;
const shotsDir = process.env.EMBARK_SCREENSHOTS_DIR ?? screenshotDir;
const phone = { width: 390, height: 844 };

describeInBrowser("mail: the outbox settings tab and the unsubscribe page", () => {
  let app: TestApp;
  let browser: Browser;
  let token: string;
  let login: { email: string; password: string };
  let workspaceId: string;
  const contact: Record<"ja" | "en", string> = { ja: "", en: "" };
  const ids: Record<string, string> = {};

  const api = async (p: string, init: { method?: string; body?: unknown } = {}) =>
    (await app.call(`/api/v1${p}`, { ...init, token })).body as Json;

  beforeAll(async () => {
    buildWebApp();
    app = await startTestApp("pglite");
    const ws = await app.workspaceWith("mail", "admin");
    token = ws.token;
    workspaceId = ws.workspace.id;
    login = { email: ws.email, password: ws.password };
    const accountId = (
      await api("/accounts", { method: "POST", body: { externalId: "M-1", name: "株式会社サンプル" } })
    ).id as string;
    contact.ja = (
      await api(`/accounts/${accountId}/contacts`, {
        method: "POST",
        body: { email: "yamada@sample.co.jp", name: "山田 花子" },
      })
    ).id as string;
    contact.en = (
      await api(`/accounts/${accountId}/contacts`, {
        method: "POST",
        body: { email: "j.smith@sample.example", name: "John Smith" },
      })
    ).id as string;
    const db = app.services.database.db;
    await db.update(contacts).set({ locale: "en" }).where(eq(contacts.id, contact.en));
    const queue = (key: string, mail: Partial<Parameters<typeof queueMail>[2]>) =>
      inWorkspace(db, workspaceId, async (tx) => {
        ids[key] = (
          await queueMail(tx, workspaceId, {
            to: "yamada@sample.co.jp",
            locale: "ja",
            purpose: "transactional",
            category: "survey",
            subject: "件名",
            text: "本文",
            ...mail,
          })
        ).id!;
      });
    await queue("survey", {
      contactId: contact.ja,
      accountId,
      subject: "【株式会社サンプル様】サービスのご満足度アンケートのお願い",
      text: "山田 花子 様\n\nいつもご利用いただきありがとうございます。\n1 分ほどで終わるアンケートにご協力ください。\n\nhttps://embark.example/survey/abc",
    });
    await queue("info", {
      to: "j.smith@sample.example",
      contactId: contact.en,
      accountId,
      locale: "en",
      purpose: "marketing",
      category: "information",
      subject: "Tip #1: share a dashboard with your team",
      text: "Dear John Smith,\n\nDid you know you can share a dashboard with one click?",
    });
    await queue("failed", {
      to: "old-address@sample.co.jp",
      accountId,
      category: "seminar_invitation",
      subject: "ウェルカムセミナーのご案内",
      text: "ウェルカムセミナーを開催します。",
    });
    await queue("sent", {
      to: "csm@mail.example",
      category: "notification",
      subject: "批判者の回答がありました",
      text: "対応してください。",
    });
    await db
      .update(mailOutbox)
      .set({
        status: "failed",
        attempts: 1,
        lastError: "550 5.1.1 <old-address@sample.co.jp>: Recipient address rejected: User unknown",
      })
      .where(eq(mailOutbox.id, ids.failed!));
    await db
      .update(mailOutbox)
      .set({ status: "sent", attempts: 1, sentAt: new Date() })
      .where(eq(mailOutbox.id, ids.sent!));
    browser = await launchBrowser();
    mkdirSync(shotsDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const newPage = (locale: string, viewport?: { width: number; height: number }) =>
    openPage(browser, locale, viewport);
  async function shot(page: Page, name: string) {
    await page.evaluate("window.scrollTo(0, 0)");
    await screenshot(page, name, shotsDir);
  }
  const signIn = (page: Page, next: string) => signInAs(page, app.url, login, next);

  it("settings → mail in Japanese: SMTP status, the outbox, a failed message and its retry, the chat webhook", async () => {
    const page = await newPage("ja-JP");
    await signIn(page, "/settings?tab=mail");
    await page.getByTestId("settings-mail").waitFor();
    expect(await page.getByTestId("settings-tab-mail").textContent()).toContain("メール");
    expect(await page.getByTestId("mail-smtp-status").textContent()).toBe("SMTP 未設定");
    expect(await page.getByTestId("mail-would-have-sent").textContent()).toContain(
      "SMTP 未設定: 以下は送信されるはずだったメールです。",
    );
    await expect.poll(() => page.getByTestId("mail-outbox-row").count()).toBe(4);
    await shot(page, "mail-settings-ja");

    // Filter to the failed one, open it, retry.
    await page.getByTestId("mail-outbox-status").click();
    await page.getByRole("option", { name: "失敗" }).click();
    await expect.poll(() => page.getByTestId("mail-outbox-row").count()).toBe(1);
    await page.getByTestId("mail-outbox-row").first().click();
    await page.getByTestId("mail-detail").waitFor();
    expect(await page.getByTestId("mail-detail-error").textContent()).toContain("User unknown");
    await shot(page, "mail-detail-failed-ja");
    await page.getByTestId("mail-retry").click();
    await expect
      .poll(async () => page.getByTestId("mail-detail").getByTestId("mail-status").textContent())
      .toBe("待機中");
    await page.keyboard.press("Escape");

    // The chat webhook: validated, saved, then a test notification lands in the outbox.
    const url = page.getByTestId("mail-chat-url");
    await url.fill("hooks.slack.com/services/x");
    expect(await page.getByText("http:// または https:// で始まる URL を入力してください。").count()).toBe(1);
    await url.fill("https://hooks.slack.com/services/T000/B000/XXXX");
    await page.getByTestId("mail-chat-save").click();
    await expect.poll(() => page.getByTestId("mail-chat-test").isEnabled()).toBe(true);
    await page.getByTestId("mail-chat-test").click();
    await page.getByTestId("mail-outbox-status").click();
    await page.getByRole("option", { name: "待機中" }).click();
    await page.getByTestId("mail-outbox-channel").click();
    await page.getByRole("option", { name: "チャット" }).click();
    await expect.poll(() => page.getByTestId("mail-outbox-row").count()).toBe(1);
    expect(await page.getByTestId("mail-outbox-row").first().textContent()).toContain("hooks.slack.com");
    await page.context().close();
  });

  it("settings → mail in English: the outbox and a marketing message with its unsubscribe link", async () => {
    const page = await newPage("en-US");
    await signIn(page, "/settings?tab=mail");
    await page.getByTestId("settings-mail").waitFor();
    expect(await page.getByTestId("settings-tab-mail").textContent()).toContain("Mail");
    expect(await page.getByTestId("mail-smtp-status").textContent()).toBe("SMTP not configured");
    expect(await page.getByTestId("mail-would-have-sent").textContent()).toContain(
      "SMTP not configured: these would have been sent.",
    );
    await page.getByTestId("mail-outbox-search").fill("smith");
    await expect.poll(() => page.getByTestId("mail-outbox-row").count()).toBe(1);
    await page.getByTestId("mail-outbox-search").fill("");
    await expect.poll(() => page.getByTestId("mail-outbox-row").count()).toBe(5);
    await shot(page, "mail-settings-en");
    await page.getByText("Tip #1: share a dashboard with your team").click();
    await page.getByTestId("mail-preview").waitFor();
    const preview = page.frameLocator('[data-testid="mail-preview"]');
    await expect.poll(() => preview.getByText("To stop receiving messages like this one").count()).toBe(1);
    await page.getByRole("tab", { name: "Text" }).click();
    expect(await page.getByTestId("mail-text").textContent()).toContain("/unsubscribe/");
    await page.getByRole("tab", { name: "Preview" }).click();
    await page.getByTestId("mail-preview").waitFor();
    await shot(page, "mail-detail-marketing-en");
    await page.context().close();
  });

  it("the unsubscribe page on a phone, in the contact's language; an invalid link says so", async () => {
    const link = unsubscribeUrl(app.services, contact.ja).replace(/^https?:\/\/[^/]+/, app.url);
    const page = await newPage("en-US", phone);
    await page.goto(link);
    await page.getByTestId("unsubscribe-confirm").waitFor();
    // The contact has no language of their own: the workspace's (Japanese) applies, not the browser's.
    expect(await page.getByTestId("unsubscribe-email").textContent()).toBe("yamada@sample.co.jp");
    expect(await page.getByTestId("unsubscribe-button").textContent()).toBe("配信を停止する");
    await shot(page, "mail-unsubscribe-ja-phone");
    await page.getByTestId("unsubscribe-button").click();
    await page.getByTestId("unsubscribe-done").waitFor();
    expect(await page.getByTestId("unsubscribe-done").textContent()).toContain("配信を停止しました");
    await shot(page, "mail-unsubscribe-done-ja-phone");
    const [row] = await app.services.database.db.select().from(contacts).where(eq(contacts.id, contact.ja));
    expect(row!.unsubscribedAt).toBeInstanceOf(Date);

    await page.goto(unsubscribeUrl(app.services, contact.en).replace(/^https?:\/\/[^/]+/, app.url));
    await page.getByTestId("unsubscribe-confirm").waitFor();
    expect(await page.getByTestId("unsubscribe-button").textContent()).toBe("Unsubscribe");
    await shot(page, "mail-unsubscribe-en-phone");

    await page.goto(`${app.url}/unsubscribe/${"0".repeat(64)}`);
    await page.getByTestId("unsubscribe-invalid").waitFor();
    expect(await page.getByTestId("unsubscribe-invalid").textContent()).toContain("This link does not work");
    expect(await page.locator("body").innerText()).not.toContain("@");
    await shot(page, "mail-unsubscribe-invalid-phone");
    await page.context().close();
  });
});
