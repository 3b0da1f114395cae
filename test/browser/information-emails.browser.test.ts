import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertOnboarding } from "../../src/follow-up/follow-up-fixtures.ts";
import { runInformationEmails } from "../../src/information-emails/run-information-emails.ts";
import { inWorkspace } from "../../src/platform/db/client.ts";
import { contacts, onboardings } from "../../src/platform/db/schema.ts";
import { getWorkspaceById } from "../../src/workspaces/workspaces.ts";
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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describeInBrowser("information e-mails: the sequences, the editor with its preview, delivery", () => {
  let app: TestApp;
  let browser: Browser;
  let manager: { email: string; password: string };
  let workspaceId: string;
  const accountIds: Record<string, string> = {};

  async function addContact(accountId: string, email: string, name: string, locale: string | null) {
    await app.services.database.db
      .insert(contacts)
      .values({ workspaceId, accountId, email, name, locale, role: "admin" });
  }

  beforeAll(async () => {
    buildWebApp();
    app = await startTestApp("pglite");
    const m = await app.workspaceWith("info-mail", "manager");
    manager = m;
    workspaceId = m.workspace.id;
    const { db } = app.services.database;
    const gamma = await insertOnboarding(db, workspaceId, {
      name: "株式会社ガンマ",
      touchModel: "tech",
      startedDaysAgo: 3,
      targetInDays: 30,
    });
    accountIds.gamma = gamma.accountId;
    await addContact(gamma.accountId, "yamada@gamma.example", "山田 太郎", "ja");
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const newPage = (locale: string) => openPage(browser, locale);
  const shot = (page: Page, name: string) => screenshot(page, name);

  it("creates the standard sequence in one click, previews a step and turns it on (Japanese)", async () => {
    const page = await newPage("ja-JP");
    await signInAs(page, app.url, manager);
    await page.getByTestId("nav-information-emails").first().click();
    await page.getByTestId("information-empty").waitFor();
    await shot(page, "information-emails-ja-empty");

    await page.getByTestId("information-create-standard").click();
    await page.waitForURL(/\/information-emails\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId("information-step").count()).toBe(5);
    expect(await page.getByTestId("information-title").textContent()).toBe(
      "テックタッチ標準オンボーディングメール",
    );
    expect(await page.getByTestId("information-status").textContent()).toBe("停止中");
    // The preview shows the first step for the first tech-touch account, as its contact reads it.
    await expect
      .poll(() => page.getByTestId("information-preview-subject").textContent())
      .toBe("株式会社ガンマ様、ご利用開始ありがとうございます — 最初の3ステップ");
    const text = await page.getByTestId("information-preview-text").textContent();
    expect(text).toContain("山田 太郎 様");
    expect(text).not.toContain("{{");
    expect(await page.getByTestId("information-placeholders").textContent()).toContain("{{portal_link}}");

    // Editing the text updates the preview; the third step is previewed from its card.
    await page.getByTestId("information-step").nth(2).getByTestId("information-step-preview").click();
    await expect
      .poll(() => page.getByTestId("information-preview-subject").textContent())
      .toContain("導入事例");
    await shot(page, "information-emails-ja-editor");

    await page.getByTestId("information-switch").click({ force: true });
    await expect.poll(() => page.getByTestId("information-status").textContent()).toBe("有効");
    await page.getByTestId("information-enrolments").waitFor();
    await shot(page, "information-emails-ja-active");

    await page.getByTestId("nav-information-emails").first().click();
    await page.getByTestId("information-sequences").waitFor();
    const row = page.getByTestId("information-sequence-row");
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().textContent()).toContain("テックタッチ");
    expect(await row.first().textContent()).toContain("有効");
    await shot(page, "information-emails-ja-list");
    await page.context().close();
  });

  it("shows the English preview, each account's progress and the account's card (English)", async () => {
    // An onboarding that starts after the sequence was turned on; the job sends days 0 and 3.
    const { db } = app.services.database;
    const epsilon = await insertOnboarding(db, workspaceId, {
      name: "Epsilon Ltd",
      touchModel: "tech",
      startedDaysAgo: 0,
      targetInDays: 30,
    });
    accountIds.epsilon = epsilon.accountId;
    await addContact(epsilon.accountId, "jane@epsilon.example", "Jane Smith", "en");
    const tomorrow = new Date(Date.now() + DAY);
    const start = new Date(
      Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 9),
    );
    const { eq } = await import("drizzle-orm");
    await db.update(onboardings).set({ startedAt: start }).where(eq(onboardings.id, epsilon.onboardingId));
    const workspace = (await getWorkspaceById(db, workspaceId))!;
    for (const now of [
      new Date(start.getTime() + 1.5 * HOUR),
      new Date(start.getTime() + 3 * DAY + 1.5 * HOUR),
    ])
      await inWorkspace(db, workspaceId, (tx) =>
        runInformationEmails(tx, workspace, { now, secret: "s", publicUrl: app.url }),
      );

    const page = await newPage("en-US");
    await signInAs(page, app.url, manager, "/information-emails");
    await page.getByTestId("information-sequences").waitFor();
    expect(await page.getByTestId("information-sequence-row").first().textContent()).toContain("On");
    await shot(page, "information-emails-en-list");
    await page.getByTestId("information-sequence-link").first().click();
    await expect.poll(() => page.getByTestId("information-step").count()).toBe(5);
    await page.getByTestId("information-preview-lang").getByText("English").click();
    await expect
      .poll(() => page.getByTestId("information-preview-subject").textContent())
      .toBe("Welcome aboard, Epsilon Ltd — your first three steps");
    expect(await page.getByTestId("information-preview-text").textContent()).toContain("Hello Jane Smith,");

    // Preview for another account: pick it in the account field.
    await page.getByTestId("information-preview-account").click();
    await page.getByRole("option", { name: "株式会社ガンマ" }).click();
    await expect
      .poll(() => page.getByTestId("information-preview-text").textContent())
      .toContain("Hello 山田 太郎,");

    const rows = page.getByTestId("information-enrolment-row");
    await expect.poll(() => rows.count()).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain("Epsilon Ltd");
    expect(row).toContain("2 / 5");
    expect(row).toContain("Receiving");
    await shot(page, "information-emails-en-editor");

    // A new sequence from scratch: audience, one step, saved.
    await page.goto(`${app.url}/information-emails`);
    await page.getByTestId("information-new").click();
    await page.getByTestId("information-name").fill("Low-touch tips");
    await page.getByTestId("information-add-step").click();
    const step = page.getByTestId("information-step").first();
    await step.getByLabel("Subject (Japanese)").fill("{{account_name}}様へのヒント");
    await step.getByLabel("Subject (English)").fill("A tip for {{account_name}}");
    await step.getByLabel("Body (English)").fill("Hello {{contact_name}},\n\nTry the dashboard.");
    await step.getByLabel("Body (Japanese)").fill("{{contact_name}} 様\n\nダッシュボードをお試しください。");
    await page.getByTestId("information-save").click();
    await page.waitForURL(/\/information-emails\/[0-9a-f-]{36}$/);
    await page.getByTestId("information-switch-card").waitFor();
    expect(await page.getByTestId("information-status").textContent()).toBe("Paused");
    await expect
      .poll(() => page.getByTestId("information-preview-subject").textContent())
      .toMatch(/^A tip for /);

    await page.goto(`${app.url}/accounts/${accountIds.epsilon}?tab=onboarding`);
    const card = page.getByTestId("account-information-emails");
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain("2 / 5");
    expect(await card.textContent()).toContain("Receiving");
    await card.scrollIntoViewIfNeeded();
    await shot(page, "information-emails-en-account");
    await page.context().close();
  });
});
