import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDemoWorkspace } from "../../src/demo/create-demo.ts";
import { addStaffUser } from "../../src/staff/staff-users.ts";
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

const CSM = { email: "csm-onboarding@embark.example", password: "csm-onboarding-pass", name: "鈴木 CSM" };
const MANAGER = {
  email: "manager-onboarding@embark.example",
  password: "manager-onboarding-pass",
  name: "田中 マネージャー",
};

describeInBrowser("onboarding: plans, timeline, agreement, portal links, templates, overview", () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    buildWebApp();
    app = await startTestApp("pglite");
    const demo = await createDemoWorkspace(app.services.database.db, { accounts: 60 });
    const workspaceId = demo!.workspace.id;
    await addStaffUser(app.services.database.db, workspaceId, { ...CSM, role: "csm" });
    await addStaffUser(app.services.database.db, workspaceId, { ...MANAGER, role: "manager" });
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

  async function signIn(page: Page, who: { email: string; password: string }) {
    await signInAs(page, app.url, who);
    await page.getByTestId("accounts-table").waitFor();
  }

  /** The plan's list / timeline switch (a segmented control: the label is what a person clicks). */
  async function switchView(page: Page, view: "list" | "timeline") {
    // Scrolled down the plan, the switch sits under the sticky header: scroll back up as a person would.
    await page.mouse.wheel(0, -20_000);
    await page
      .getByTestId("plan-view-switch")
      .locator("label")
      .filter({ has: page.getByTestId(`plan-view-${view}`) })
      .click();
  }

  async function openAccount(page: Page, nth: number): Promise<string> {
    await page.goto(`${app.url}/accounts`);
    const link = page.getByTestId("accounts-row").nth(nth).getByTestId("accounts-row-link");
    await link.waitFor();
    const href = (await link.getAttribute("href"))!;
    await link.click();
    await page.getByTestId("account-name").waitFor();
    return href.split("/").pop()!;
  }

  it("a CSM starts an onboarding, ticks a task, views the timeline, proposes criteria and creates a portal link (Japanese)", async () => {
    const page = await newPage("ja-JP");
    await signIn(page, CSM);
    const accountId = await openAccount(page, 0);
    await page.getByTestId("account-tab-onboarding").click();
    await page.getByTestId("onboarding-start").waitFor();
    await shot(page, "onboarding-start-ja");
    await page.getByTestId("onboarding-start-submit").click();
    await page.getByTestId("onboarding-plan").waitFor();
    // The plan has tasks in each of the three stages, under their Japanese names.
    for (const [stage, name] of [
      ["initial_response", "初期対応"],
      ["measure_design", "施策設計"],
      ["training", "トレーニング"],
    ]) {
      const section = page.locator(`[data-testid="task-stage"][data-stage="${stage}"]`);
      await expect.poll(() => section.textContent()).toContain(name);
      expect(await section.getByTestId("task-row").count()).toBeGreaterThan(0);
    }
    const progressBefore = await page.getByTestId("plan-progress").textContent();
    expect(progressBefore).toBe("0%");

    const first = page.getByTestId("task-row").first();
    const taskId = await first.getAttribute("data-task-id");
    await first.getByTestId("task-done").click();
    const ticked = page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);
    await expect.poll(() => ticked.getAttribute("data-status")).toBe("done");
    await expect.poll(() => ticked.getByTestId("task-done").isChecked()).toBe(true);
    await expect.poll(() => ticked.textContent()).toContain("完了");
    await expect.poll(() => page.getByTestId("plan-progress").textContent()).not.toBe(progressBefore);
    await shot(page, "onboarding-plan-ja");

    await switchView(page, "timeline");
    await page.getByTestId("plan-gantt").waitFor();
    expect(await page.getByTestId("gantt-bar").count()).toBeGreaterThan(3);
    await page.getByTestId("gantt-today").waitFor();
    await shot(page, "onboarding-timeline-ja");
    await switchView(page, "list");

    if ((await page.getByTestId("criterion").count()) === 0) {
      await page.getByTestId("criterion-add").click();
      await page.getByTestId("criterion-form-title").fill("主要メンバー3名が週次で利用している");
      await page.getByTestId("criterion-form-submit").click();
      await page.getByTestId("criterion").first().waitFor();
    }
    await page.getByTestId("agreement-propose").click();
    await expect.poll(() => page.getByTestId("agreement-state").getAttribute("data-state")).toBe("proposed");
    expect(await page.getByTestId("agreement-state").textContent()).toContain("提案");

    await page.getByTestId("portal-link-create").click();
    await page.getByTestId("portal-link-label").fill("導入プロジェクトチーム");
    await page.getByTestId("portal-link-submit").click();
    const url = await page.getByTestId("portal-link-url").inputValue();
    expect(url).toMatch(/\/portal\/[A-Za-z0-9_-]{40,}$/);
    await shot(page, "onboarding-portal-link-ja");
    await page.getByTestId("portal-link-done").click();
    await expect
      .poll(() => page.locator('[data-testid="portal-link"][data-status="active"]').count())
      .toBe(1);
    // The URL is shown once: after the dialog closes it is nowhere on the page.
    expect(await page.getByTestId("portal-link-url").count()).toBe(0);
    expect(await page.content()).not.toContain(url);

    await page.getByTestId("account-tab-timeline").click();
    await expect
      .poll(() => page.locator('[data-testid="timeline-entry"][data-kind="onboarding"]').count())
      .toBeGreaterThan(0);
    await shot(page, "onboarding-account-timeline-ja");

    // The plan on a phone-sized screen.
    const phone = await newPage("ja-JP", { width: 390, height: 844 });
    await signIn(phone, CSM);
    await phone.goto(`${app.url}/accounts/${accountId}?tab=onboarding`);
    await phone.getByTestId("onboarding-plan").waitFor();
    await shot(phone, "onboarding-plan-phone-ja");
    await switchView(phone, "timeline");
    await phone.getByTestId("plan-gantt").waitFor();
    await shot(phone, "onboarding-timeline-phone-ja");
    await phone.context().close();
    await page.context().close();
  }, 180_000);

  it("the plan of a newly started onboarding in English: three stages, list and timeline", async () => {
    const page = await newPage("en-US");
    await signIn(page, CSM);
    await openAccount(page, 1);
    await page.getByTestId("account-tab-onboarding").click();
    await page.getByTestId("onboarding-start").or(page.getByTestId("onboarding-plan")).first().waitFor();
    if (await page.getByTestId("onboarding-start-submit").isVisible())
      await page.getByTestId("onboarding-start-submit").click();
    await page.getByTestId("onboarding-plan").waitFor();
    for (const [stage, name] of [
      ["initial_response", "Initial response"],
      ["measure_design", "Measure design"],
      ["training", "Training"],
    ]) {
      const section = page.locator(`[data-testid="task-stage"][data-stage="${stage}"]`);
      await expect.poll(() => section.textContent()).toContain(name);
    }
    await shot(page, "onboarding-plan-en");
    await switchView(page, "timeline");
    await page.getByTestId("plan-gantt").waitFor();
    expect(await page.getByTestId("gantt-bar").count()).toBeGreaterThan(3);
    await shot(page, "onboarding-timeline-en");
    await page.context().close();
  }, 180_000);

  it("a manager edits a template and sees the API's validation error at the field (English)", async () => {
    const page = await newPage("en-US");
    await signIn(page, MANAGER);
    await page.goto(`${app.url}/onboarding/templates`);
    await page.getByTestId("template-link").first().waitFor();
    await shot(page, "onboarding-templates-en");
    await page.getByTestId("template-link").first().click();
    await page.getByTestId("template-form").waitFor();
    const task = page.getByTestId("template-task").nth(1);
    const other = await page
      .getByTestId("template-task")
      .first()
      .getByTestId("template-task-title-en")
      .inputValue();
    // A task that depends on itself through another: the first task waits for the second, which waits for the first.
    await task.getByTestId("template-task-depends").click();
    await page.getByRole("option", { name: other, exact: true }).click();
    await page.keyboard.press("Escape");
    const second = await task.getByTestId("template-task-title-en").inputValue();
    const firstTask = page.getByTestId("template-task").first();
    await firstTask.getByTestId("template-task-depends").click();
    await page.getByRole("option", { name: second, exact: true }).click();
    await page.keyboard.press("Escape");
    await page.getByTestId("template-save").click();
    // The cycle shows at the "After" field, naming the tasks by their titles.
    const fieldError = page.getByTestId("template-task").locator(".mantine-InputWrapper-error").first();
    await expect.poll(() => fieldError.textContent()).toContain("wait for each other");
    expect(await fieldError.textContent()).toContain(other);
    await shot(page, "onboarding-template-error-en");

    await page.reload();
    await page.getByTestId("template-form").waitFor();
    await page.getByTestId("template-target-days").fill("45");
    await page.getByTestId("template-save").click();
    await expect.poll(() => page.getByTestId("template-save").isDisabled()).toBe(true);
    await shot(page, "onboarding-template-en");
    await page.context().close();
  }, 180_000);

  it("filters the overview by status, CSM and touch model (English and Japanese)", async () => {
    for (const [locale, suffix] of [
      ["en-US", "en"],
      ["ja-JP", "ja"],
    ] as const) {
      const page = await newPage(locale);
      await signIn(page, CSM);
      await page.goto(`${app.url}/onboarding`);
      await page.getByTestId("onboarding-table").waitFor();
      await expect.poll(() => page.getByTestId("onboarding-row").count()).toBeGreaterThan(0);
      await shot(page, `onboarding-overview-${suffix}`);
      await page.getByTestId("onboarding-filter-status").click();
      await page.getByRole("option").last().click();
      await expect.poll(() => page.getByTestId("onboarding-row").count()).toBeGreaterThan(0);
      await page.getByTestId("onboarding-search").fill("zzzz-no-such-account");
      await page.getByTestId("onboarding-empty").waitFor();
      await page.getByTestId("onboarding-clear-filters").click();
      await expect.poll(() => page.getByTestId("onboarding-row").count()).toBeGreaterThan(0);
      await page.context().close();
    }
  }, 180_000);
});
