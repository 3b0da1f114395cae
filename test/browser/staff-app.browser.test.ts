import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDemoWorkspace } from "../../src/demo/create-demo.ts";
import {
  buildWebApp,
  describeInBrowser,
  launchBrowser,
  newPage as openPage,
  screenshot,
  screenshotDir,
} from "../support/browser.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describeInBrowser("the staff web app", () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    buildWebApp();
    app = await startTestApp("pglite");
    await createDemoWorkspace(app.services.database.db, { accounts: 120 });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const newPage = (locale: string, viewport?: { width: number; height: number }) =>
    openPage(browser, locale, viewport);
  const shot = (page: Page, name: string) => screenshot(page, name);

  async function signIn(page: Page) {
    await page.goto(`${app.url}/accounts`);
    await page.waitForURL(/\/sign-in/);
    await page.getByTestId("demo-hint").waitFor();
    await page.getByTestId("sign-in-email").fill("demo@embark.example");
    await page.getByTestId("sign-in-password").fill("embark-demo");
    await page.getByTestId("sign-in-submit").click();
    await page.getByTestId("accounts-table").waitFor();
  }

  it("refuses a wrong password, then signs in to the accounts list (Japanese browser)", async () => {
    const page = await newPage("ja-JP");
    await page.goto(`${app.url}/sign-in`);
    await page.getByTestId("demo-hint").waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    await shot(page, "sign-in-ja");
    await page.getByTestId("sign-in-email").fill("demo@embark.example");
    await page.getByTestId("sign-in-password").fill("wrong-password");
    await page.getByTestId("sign-in-submit").click();
    await expect
      .poll(() => page.getByText("メールアドレスまたはパスワードが正しくありません").count())
      .toBeGreaterThan(0);

    await signIn(page);
    await expect.poll(() => page.getByTestId("accounts-row").count()).toBeGreaterThan(10);
    expect(await page.getByText("アカウント").first().isVisible()).toBe(true);
    await shot(page, "accounts-ja");
    await page.context().close();
  });

  it("searches, opens an account page, and signs out (English browser)", async () => {
    const page = await newPage("en-US");
    await signIn(page);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const firstName = (await page
      .getByTestId("accounts-row")
      .first()
      .getByTestId("accounts-row-link")
      .textContent())!.trim();
    await page.getByTestId("accounts-search").fill(firstName);
    await expect.poll(() => page.getByTestId("accounts-row").count()).toBeGreaterThanOrEqual(1);
    await shot(page, "accounts-en");
    await page.getByTestId("accounts-row").first().getByTestId("accounts-row-link").click();
    await page.getByTestId("account-name").waitFor();
    expect((await page.getByTestId("account-name").textContent())!.trim()).toBe(firstName);
    await shot(page, "account-en");
    await page.getByTestId("account-edit").click();
    await page.getByTestId("account-form-backup-owner").click();
    const backup = page.getByRole("option").first();
    const backupName = (await backup.textContent())!.trim();
    await backup.click();
    await page.getByTestId("account-form-submit").click();
    await expect.poll(() => page.getByText(backupName).count()).toBeGreaterThan(0);
    await page.getByText("Backup CSM").first().waitFor();
    await shot(page, "account-backup-en");
    await page.getByTestId("user-menu").click();
    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${app.url}/accounts`);
    await page.waitForURL(/\/sign-in/);
    await page.context().close();
  });

  it("switches the language and remembers it", async () => {
    const page = await newPage("en-US");
    await signIn(page);
    await page.getByTestId("lang-switch").getByText("日本語").click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ja");
    await page.reload();
    await page.getByTestId("accounts-table").waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    await page.getByTestId("nav-settings").click();
    await page.getByText("タイムゾーン").first().waitFor();
    await shot(page, "settings-ja");
    await page.context().close();
  });

  it("works on a phone-sized screen", async () => {
    const page = await newPage("ja-JP", { width: 390, height: 844 });
    await signIn(page);
    await shot(page, "accounts-phone-ja");
    await page.getByTestId("accounts-row").first().getByTestId("accounts-row-link").click();
    await page.getByTestId("account-name").waitFor();
    await shot(page, "account-phone-ja");
    await page.context().close();
  });
});
