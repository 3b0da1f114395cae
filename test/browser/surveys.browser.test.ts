import { mkdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertOnboarding } from "../../src/follow-up/follow-up-fixtures.ts";
import { mailOutbox } from "../../src/platform/db/schema.ts";
import { addStaffUser } from "../../src/staff/staff-users.ts";
import { insertContact, setAccount, tokenIn } from "../../src/surveys/survey-fixtures.ts";
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

const MANAGER = {
  email: "manager-surveys@embark.example",
  password: "manager-surveys-pass",
  name: "高橋 マネージャー",
};
const PHONE = { width: 375, height: 812 };

describeInBrowser("surveys: define and send, the answer page on a phone, the responses screen", () => {
  let app: TestApp;
  let browser: Browser;
  let workspaceId: string;
  let adminToken: string;
  let alphaId: string;
  const pages: Page[] = [];

  const newPage = async (locale: string, viewport?: { width: number; height: number }) => {
    const page = await openPage(browser, locale, viewport);
    pages.push(page);
    return page;
  };

  async function mailTo(to: string) {
    const rows = await app.services.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to));
    const survey = rows.find((r) => r.category === "survey");
    if (!survey) throw new Error(`no survey mail to ${to}`);
    return survey;
  }

  beforeAll(async () => {
    buildWebApp();
    app = await startTestApp("pglite");
    const { workspace, token } = await app.workspaceWith("surveys", "admin");
    workspaceId = workspace.id;
    adminToken = token;
    const { db } = app.services.database;
    const manager = await addStaffUser(db, workspace.id, { ...MANAGER, role: "manager" });
    const alpha = await insertOnboarding(db, workspace.id, {
      name: "株式会社アルファ",
      touchModel: "tech",
      ownerId: manager.userId,
      startedDaysAgo: 20,
      targetInDays: 40,
    });
    const beta = await insertOnboarding(db, workspace.id, {
      name: "Beta Trading",
      touchModel: "low",
      ownerId: manager.userId,
      startedDaysAgo: 15,
      targetInDays: 40,
    });
    alphaId = alpha.accountId;
    await setAccount(db, alpha.accountId, { segment: "small" });
    await setAccount(db, beta.accountId, { segment: "small" });
    await insertContact(db, workspace.id, alpha.accountId, {
      email: "yamada@alpha.example",
      name: "山田 太郎",
      role: "decision_maker",
    });
    await insertContact(db, workspace.id, alpha.accountId, {
      email: "sato@alpha.example",
      name: "佐藤 次郎",
      role: "admin",
      unsubscribed: true,
    });
    await insertContact(db, workspace.id, beta.accountId, {
      email: "smith@beta.example",
      name: "John Smith",
      role: "champion",
      locale: "en",
    });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    for (const p of pages) await p.context().close();
    await browser?.close();
    await app?.close();
  });

  it("defines an NPS survey with a question and a trigger, and sends it to a segment", async () => {
    const page = await newPage("ja-JP");
    await signInAs(page, app.url, MANAGER, "/surveys");
    await page.getByTestId("surveys-empty").waitFor();
    await page.getByTestId("surveys-new").click();
    await page.getByTestId("survey-title-ja").waitFor();
    expect(await page.getByTestId("survey-title-ja").inputValue()).toContain("おすすめ");
    await page.getByTestId("survey-add-question").click();
    await page.getByTestId("survey-question-ja").fill("サポートの対応には満足していますか？");
    await page.getByTestId("survey-add-trigger").click();
    await screenshot(page, "surveys-editor-ja");
    await page.getByTestId("survey-save").click();
    await page.getByTestId("survey-title").waitFor();
    await expect.poll(() => page.getByTestId("survey-trigger").count()).toBe(1);

    await page.getByTestId("survey-tab-send").click();
    await page.getByTestId("survey-send-mode").getByText("セグメントに送る").click();
    await page.getByTestId("survey-send-segment").click();
    await page.getByRole("option", { name: "スモールビジネス" }).click();
    await page.getByTestId("survey-send-plan").waitFor();
    await expect.poll(() => page.getByTestId("survey-send-count").textContent()).toContain("2 名");
    expect(await page.getByTestId("survey-send-skipped").textContent()).toContain("配信停止済み");
    await screenshot(page, "surveys-send-ja");
    await page.getByTestId("survey-send-submit").click();
    await expect
      .poll(async () => (await page.getByTestId("survey-send-count").textContent()) ?? "", {
        timeout: 10_000,
      })
      .toContain("0 名");
    await page.getByTestId("survey-tab-sends").click();
    await expect.poll(() => page.locator("[data-testid=survey-sends] tbody tr").count()).toBe(2);
  });

  it("the answer page on a phone: a detractor answers in Japanese, then changes the answer", async () => {
    const mail = await mailTo("yamada@alpha.example");
    const page = await newPage("ja-JP", PHONE);
    await page.goto(`${app.url}/survey/${tokenIn(mail.text)}`);
    await page.getByTestId("survey-form").waitFor();
    expect(await page.getByTestId("survey-account-name").textContent()).toBe("株式会社アルファ");
    await screenshot(page, "surveys-answer-phone-ja");
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(375);
    await page.getByTestId("survey-submit").click();
    await page.getByText("スコアを選んでください。").waitFor();
    await page.getByTestId("survey-score-3").click();
    await page.getByTestId("survey-comment").fill("初期設定が難しく、社内に展開できていません。");
    await page.getByTestId("survey-submit").click();
    await page.getByTestId("survey-thanks").waitFor();
    await screenshot(page, "surveys-answer-thanks-phone-ja");
    await page.getByTestId("survey-change").click();
    await page.getByTestId("survey-score-4").click();
    await page.getByTestId("survey-submit").click();
    await page.getByTestId("survey-thanks").waitFor();
    expect(await page.getByTestId("survey-your-answer").textContent()).toContain("4");

    const invalid = await newPage("ja-JP", PHONE);
    await invalid.goto(`${app.url}/survey/${"x".repeat(43)}`);
    await invalid.getByTestId("survey-invalid").waitFor();
    await screenshot(invalid, "surveys-answer-invalid-phone-ja");
  });

  it("the portal shows the visitor's open survey with their answer, on a phone", async () => {
    const link = await app.call(`/api/v1/accounts/${alphaId}/portal-links`, {
      method: "POST",
      token: adminToken,
      body: {},
    });
    const url = (link.body as { url: string }).url;
    const page = await newPage("ja-JP", PHONE);
    await page.goto(url);
    await page.getByTestId("portal-identify-email").fill("yamada@alpha.example");
    await page.getByTestId("portal-identify-submit").click();
    await page.getByTestId("portal-surveys").waitFor();
    await page.getByTestId("portal-surveys").getByTestId("survey-thanks").waitFor();
    await page.getByTestId("portal-surveys").scrollIntoViewIfNeeded();
    await screenshot(page, "surveys-portal-phone-ja");
  });

  it("an English contact gets the page in English and answers a promoter", async () => {
    const mail = await mailTo("smith@beta.example");
    const page = await newPage("ja-JP", PHONE);
    await page.goto(`${app.url}/survey/${tokenIn(mail.text)}`);
    await page.getByTestId("survey-form").waitFor();
    await page.getByText("How likely are you to recommend").first().waitFor();
    await page.getByTestId("survey-score-10").click();
    await page.getByTestId("survey-comment").fill("The onboarding team was very responsive.");
    await screenshot(page, "surveys-answer-phone-en");
    await page.getByTestId("survey-submit").click();
    await page.getByTestId("survey-thanks").waitFor();
  });

  it("the responses screen in Japanese and English, filtered by band", async () => {
    for (const locale of ["ja-JP", "en-US"]) {
      const page = await newPage(locale);
      await signInAs(page, app.url, MANAGER, "/surveys/responses");
      await expect.poll(() => page.getByTestId("response-row").count()).toBe(2);
      expect(await page.getByTestId("responses-list").textContent()).toContain("初期設定が難しく");
      await screenshot(page, `surveys-responses-${locale.slice(0, 2)}`);
      await page.goto(`${app.url}/surveys/responses?band=promoter`);
      await expect.poll(() => page.getByTestId("response-row").count()).toBe(1);
      expect(await page.getByTestId("response-account").textContent()).toBe("Beta Trading");
    }
    const page = await newPage("en-US");
    await signInAs(page, app.url, MANAGER, "/surveys");
    await page.getByTestId("survey-card-title").click();
    await page.getByTestId("survey-distribution").waitFor();
    await screenshot(page, "surveys-results-en");
    expect(workspaceId).toBeTruthy();
  });
});
