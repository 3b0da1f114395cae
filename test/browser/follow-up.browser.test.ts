import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { dayFromToday, insertOnboarding } from "../../src/follow-up/follow-up-fixtures.ts";
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

const CSM = { email: "csm-follow-up@embark.example", password: "csm-follow-up-pass", name: "鈴木 CSM" };

describeInBrowser("follow-up: the needs-attention list, accept and dismiss", () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    buildWebApp();
    app = await startTestApp("pglite");
    const { workspace, token } = await app.workspaceWith("follow-up", "manager");
    const { db } = app.services.database;
    const csm = await addStaffUser(db, workspace.id, { ...CSM, role: "csm" });
    const ownerId = csm.userId;
    await insertOnboarding(db, workspace.id, {
      name: "株式会社アルファ",
      touchModel: "high",
      ownerId,
      contractValue: 12_000_000,
      startedDaysAgo: 20,
      targetInDays: 40,
      agreed: true,
      tasks: [
        { key: "account-setup", stage: "initial_response", starts: -20, due: -10 },
        { key: "kickoff", side: "cs", starts: -20, due: -18, status: "done" },
      ],
    });
    await insertOnboarding(db, workspace.id, {
      name: "ベータ商事",
      touchModel: "low",
      startedDaysAgo: 21,
      targetInDays: 40,
      tasks: [
        { key: "first", starts: -21, due: -19, status: "done" },
        { key: "later", stage: "measure_design", starts: 5, due: 15 },
      ],
    });
    await insertOnboarding(db, workspace.id, {
      name: "ガンマ工業",
      touchModel: "tech",
      ownerId,
      startedDaysAgo: 10,
      targetInDays: 30,
      agreed: true,
      tasks: [
        { key: "setup", starts: -10, due: -8, status: "done" },
        { key: "learn", stage: "training", starts: -8, due: -3 },
      ],
    });
    await insertOnboarding(db, workspace.id, {
      name: "デルタ物産",
      touchModel: "low",
      ownerId,
      startedDaysAgo: 12,
      targetInDays: 30,
      agreed: true,
      tasks: [{ key: "data-import", stage: "measure_design", starts: -12, due: -4 }],
    });
    const review = await app.call("/api/v1/follow-ups/review", { method: "POST", token });
    expect(review.body).toMatchObject({ opened: 5 });
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
    await signInAs(page, app.url, CSM);
    await page.getByTestId("accounts-table").waitFor();
  }

  const card = (page: Page, account: string, action: string) =>
    page.locator(`[data-testid="follow-up-card"][data-account="${account}"][data-action="${action}"]`);

  it("ranks follow-ups, accepts one with a due date and dismisses one with a reason (Japanese)", async () => {
    const page = await newPage("ja-JP");
    await signIn(page);
    await page.getByTestId("nav-follow-up").first().click();
    await page.getByTestId("follow-up-list").waitFor();
    const cards = page.getByTestId("follow-up-card");
    await expect.poll(() => cards.count()).toBe(5);
    expect(await cards.first().getAttribute("data-account")).toBe("株式会社アルファ");
    expect(await cards.first().getByTestId("follow-up-action").textContent()).toBe("設定代行を提案する");
    expect(await cards.first().getByTestId("follow-up-why").first().textContent()).toContain("10 日超過");
    expect(
      await card(page, "ベータ商事", "agree_criteria").getByTestId("follow-up-trigger").textContent(),
    ).toBe("完了基準未合意");
    await shot(page, "follow-up-ja-list");

    // Accept: a task with a due date joins the plan.
    await card(page, "株式会社アルファ", "setup_on_behalf").getByTestId("follow-up-accept").click();
    await page.getByTestId("follow-up-accept-form").waitFor();
    await page.getByTestId("follow-up-due-on").fill(dayFromToday(5).replaceAll("-", "/"));
    await page.getByRole("dialog").getByText("設定代行を提案する").click();
    await shot(page, "follow-up-ja-accept");
    await page.getByTestId("follow-up-accept-submit").click();
    await page.getByTestId("follow-up-accept-form").waitFor({ state: "detached" });
    await card(page, "株式会社アルファ", "setup_on_behalf").waitFor({ state: "detached" });

    // Dismiss: the reason is required.
    await card(page, "ベータ商事", "agree_criteria").getByTestId("follow-up-dismiss").click();
    await page.getByTestId("follow-up-dismiss-submit").click();
    await page.getByText("理由を入力してください。", { exact: true }).waitFor();
    await shot(page, "follow-up-ja-dismiss");
    await page.getByTestId("follow-up-reason").fill("来週の定例で合意をもらう予定");
    await page.getByTestId("follow-up-dismiss-submit").click();
    await page.getByTestId("follow-up-dismiss-form").waitFor({ state: "detached" });
    await card(page, "ベータ商事", "agree_criteria").waitFor({ state: "detached" });
    await expect.poll(() => cards.count()).toBe(3);

    // Decided ones are listed under their status.
    await page.getByTestId("follow-up-status-filter").getByText("見送り").click();
    await expect
      .poll(() => page.getByTestId("follow-up-decision").first().textContent())
      .toContain("来週の定例で合意をもらう予定");
    await page.getByTestId("follow-up-status-filter").getByText("採用済み").click();
    await expect
      .poll(() => page.getByTestId("follow-up-decision").first().textContent())
      .toContain("鈴木 CSM");
    await shot(page, "follow-up-ja-accepted");

    // The accepted follow-up is a CS task in the account's plan.
    await page.getByTestId("follow-up-account").first().click();
    await page.waitForURL(/tab=onboarding/);
    await page.getByText("設定代行").first().waitFor();
    await shot(page, "follow-up-ja-plan");
    await page.context().close();
  });

  it("filters by touch model and owner, accepts and dismisses, shows the empty state (English)", async () => {
    const page = await newPage("en-US", { width: 1280, height: 860 });
    await signIn(page);
    await page.goto(`${app.url}/follow-up`);
    await page.getByTestId("follow-up-list").waitFor();
    const cards = page.getByTestId("follow-up-card");
    await expect.poll(() => cards.count()).toBe(3);
    expect(await card(page, "ガンマ工業", "webinar").getByTestId("follow-up-action").textContent()).toBe(
      "Invite the customer to a webinar",
    );

    await page.getByTestId("follow-up-touch-filter").click();
    await page.getByRole("option", { name: "Tech touch", exact: false }).click();
    await expect.poll(() => cards.count()).toBe(1);
    await shot(page, "follow-up-en-filtered");
    await card(page, "ガンマ工業", "webinar").getByTestId("follow-up-accept").click();
    await page.getByTestId("follow-up-accept-submit").click();
    await page.getByTestId("follow-up-empty").waitFor();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await shot(page, "follow-up-en-empty");
    expect(await page.getByTestId("follow-up-empty").textContent()).toContain(
      "No follow-ups match these filters.",
    );

    await page.reload();
    await page.getByTestId("follow-up-list").waitFor();
    await expect.poll(() => cards.count()).toBe(2);
    await page.getByTestId("follow-up-owner-filter").click();
    await page.getByRole("option", { name: "My accounts" }).click();
    await expect.poll(() => cards.count()).toBe(2);
    await card(page, "デルタ物産", "setup_on_behalf").getByTestId("follow-up-dismiss").click();
    await page.getByTestId("follow-up-reason").fill("Set-up is being done by their IT partner this week");
    await page.getByTestId("follow-up-dismiss-submit").click();
    await page.getByTestId("follow-up-dismiss-form").waitFor({ state: "detached" });
    await card(page, "デルタ物産", "setup_on_behalf").waitFor({ state: "detached" });
    await expect.poll(() => cards.count()).toBe(1);
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await shot(page, "follow-up-en-list");
    await page.context().close();
  });
});
