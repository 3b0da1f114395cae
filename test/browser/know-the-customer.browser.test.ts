import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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
  signInAs,
} from "../support/browser.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describeInBrowser(
  "know the customer: hand-off, hearing, timeline, segments, touch models, import, team",
  () => {
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
      await signInAs(page, app.url, { email: "demo@embark.example", password: "embark-demo" });
      await page.getByTestId("accounts-table").waitFor();
    }

    /** Opens the nth account of the list (sorted by name) and returns its id. */
    async function openAccount(page: Page, nth: number): Promise<string> {
      await page.goto(`${app.url}/accounts`);
      const link = page.getByTestId("accounts-row").nth(nth).getByTestId("accounts-row-link");
      await link.waitFor();
      const href = (await link.getAttribute("href"))!;
      await link.click();
      await page.getByTestId("account-name").waitFor();
      return href.split("/").pop()!;
    }

    async function choose(page: Page, testId: string, option: string) {
      await page.getByTestId(testId).click();
      await page.getByRole("option", { name: option, exact: true }).click();
    }

    async function addContact(page: Page, name: string, email: string, role: string) {
      await page.getByTestId("contact-add").click();
      await page.getByTestId("contact-form-name").fill(name);
      await page.getByTestId("contact-form-email").fill(email);
      await choose(page, "contact-form-role", role);
      await page.getByTestId("contact-form-submit").click();
      await page.getByTestId("contact-form").waitFor({ state: "detached" });
    }

    it("fills and completes a hand-off, answers a hearing sheet and writes a note (Japanese)", async () => {
      const page = await newPage("ja-JP");
      await signIn(page);
      await openAccount(page, 0);
      await page.getByTestId("handoff-warning").waitFor();

      await addContact(page, "山田 太郎", "yamada@handoff-test.example", "決裁者");
      await addContact(page, "佐藤 花子", "sato@handoff-test.example", "導入推進者");

      await page.getByTestId("account-tab-handoff").click();
      await page.getByTestId("handoff-form").waitFor();
      expect(await page.getByTestId("handoff-missing").count()).toBeGreaterThan(0);
      await shot(page, "handoff-before-ja");
      await page.getByTestId("handoff-industry").fill("製造業");
      await page.getByTestId("handoff-department").fill("営業企画部");
      await page.getByTestId("handoff-employees").fill("250");
      await page.getByTestId("handoff-challenges").fill("案件管理がExcelで属人化しており、進捗が見えない");
      await page
        .getByTestId("handoff-adoptionPurpose")
        .fill("営業活動を可視化し、早めに手を打てるようにする");
      await page.getByTestId("handoff-expectedOutcomes").fill("半年で受注率を5ポイント改善する");
      await choose(page, "handoff-itLiteracy", "普通");
      await page.getByTestId("handoff-save").click();
      await expect.poll(() => page.getByTestId("handoff-missing").count()).toBe(0);
      await page.getByTestId("handoff-complete-button").click();
      await page.getByTestId("handoff-complete").waitFor();
      expect(await page.getByTestId("handoff-complete").textContent()).toContain("デモ管理者さんが");
      await expect.poll(() => page.getByTestId("handoff-warning").count()).toBe(0);
      await shot(page, "handoff-complete-ja");

      await page.getByTestId("account-tab-hearing").click();
      const sheet = page.getByTestId("hearing-sheet-form").first();
      await sheet.waitFor();
      await sheet.locator("textarea").first().fill("営業企画部・インサイドセールスチーム");
      await sheet.getByTestId("hearing-save").click();
      await expect.poll(() => sheet.getByTestId("hearing-answered-by").count()).toBeGreaterThan(0);
      expect(await sheet.getByTestId("hearing-answered-by").first().textContent()).toContain("デモ管理者");
      await shot(page, "hearing-sheet-ja");

      await page.getByTestId("account-tab-timeline").click();
      await page
        .getByTestId("timeline-form-body")
        .fill("キックオフの日程を調整中。決裁者は現場の定着を最も気にしている。");
      await page.getByTestId("timeline-form-submit").click();
      await expect
        .poll(() =>
          page.getByTestId("timeline-entry-body").filter({ hasText: "キックオフの日程を調整中" }).count(),
        )
        .toBe(1);
      expect(
        await page.locator('[data-testid="timeline-entry"][data-kind="handoff"]').count(),
      ).toBeGreaterThan(0);
      expect(
        await page.locator('[data-testid="timeline-entry"][data-kind="hearing"]').count(),
      ).toBeGreaterThan(0);
      await shot(page, "timeline-ja");
      await page.context().close();
    });

    it("overrides a touch model with a reason, previews a segment rule change and shows team warnings (English)", async () => {
      const page = await newPage("en-US");
      await signIn(page);
      await openAccount(page, 1);
      await page.getByTestId("account-tab-classification").click();
      await page.getByTestId("classification-question").waitFor();
      expect(await page.getByTestId("classification-question").textContent()).toMatch(
        /^Why is this account .+\?$/,
      );
      await choose(page, "override-model", "Community touch");
      await page.getByTestId("override-reason").fill("The customer joined our user community program");
      await page.getByTestId("override-submit").click();
      await expect
        .poll(() =>
          page
            .getByTestId("touch-model-history-reason")
            .filter({ hasText: "The customer joined our user community program" })
            .count(),
        )
        .toBe(1);
      await expect
        .poll(() => page.getByTestId("classification-touch-reason").textContent())
        .toContain("Set by hand by デモ管理者");
      expect(await page.getByTestId("touch-model-badge").first().textContent()).toContain("Community touch");
      await shot(page, "classification-en");

      await page.goto(`${app.url}/settings?tab=segments`);
      const rules = page.getByTestId("segment-rule");
      await rules.nth(3).waitFor();
      await rules.nth(3).getByTestId("condition-value").fill("20");
      await page.getByTestId("rules-preview").click();
      await page.getByTestId("segment-preview").waitFor();
      expect(await page.getByTestId("segment-move").count()).toBeGreaterThan(0);
      expect(await page.getByTestId("segment-preview-owner").count()).toBeGreaterThan(0);
      await shot(page, "segment-rules-preview-en");

      await page.getByTestId("settings-tab-touchModels").click();
      await page.getByTestId("switching-rule-text").first().waitFor();
      expect(await page.getByTestId("switching-rule-text").first().textContent()).toMatch(/switch .+ to /);
      await shot(page, "touch-model-policy-en");

      // A strict limit on the share of high-touch accounts per CSM makes the team page warn.
      await page.getByTestId("settings-tab-general").click();
      await page.getByTestId("settings-high-touch-limit").fill("15");
      await page.getByTestId("settings-save").click();
      await expect.poll(() => page.getByTestId("settings-save").isDisabled()).toBe(true);

      await page.getByTestId("nav-team").click();
      await page.getByTestId("team-chart").waitFor();
      const concentration = page.locator(
        '[data-testid="team-warning"][data-code="high_touch_concentration"]',
      );
      await expect.poll(() => concentration.count()).toBeGreaterThan(0);
      expect(await concentration.first().textContent()).toMatch(
        /owns \d+% of the high-touch accounts .*limit 15%/,
      );
      await shot(page, "team-en");
      await page.context().close();
    });

    it("imports a Salesforce CSV on a phone-sized screen (Japanese)", async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "embark-import-"));
      const file = path.join(dir, "salesforce-accounts.csv");
      writeFileSync(
        file,
        [
          "Account ID,Account Name,Industry,Employees,Annual Revenue,Account Owner,Region",
          "SF-9001,Kitakaze Foods K.K.,Food,320,1200000000,,Kanto",
          "SF-9002,Minato Logistics,Logistics,45,300000000,,Kansai",
          "SF-9003,,Retail,12,,,Kyushu",
        ].join("\n"),
      );
      const page = await newPage("ja-JP", { width: 390, height: 844 });
      await signIn(page);
      await shot(page, "accounts-phone-filters-ja");
      await page.getByTestId("accounts-import").click();
      await page.locator('input[type="file"]').setInputFiles(file);
      await page.getByTestId("import-mapping").waitFor();
      const nameRow = page.locator('[data-testid="import-mapping-row"][data-column="Account Name"]');
      expect(await nameRow.getByTestId("import-mapping-select").inputValue()).toBe("取引先企業名");
      const regionRow = page.locator('[data-testid="import-mapping-row"][data-column="Region"]');
      expect(await regionRow.getByTestId("import-mapping-select").inputValue()).toBe(
        "カスタム項目として保持",
      );
      await page.getByTestId("import-remember-as").fill("Salesforce 取引先");
      await shot(page, "import-mapping-phone-ja");
      await page.getByTestId("import-run").click();
      await page.getByTestId("import-result").waitFor();
      expect(await page.getByTestId("import-created").textContent()).toBe("2");
      expect(await page.getByTestId("import-rejected").textContent()).toBe("1");
      expect(await page.getByTestId("import-rejected-rows").locator("tbody tr").count()).toBe(1);
      await shot(page, "import-result-phone-ja");

      await page.getByTestId("import-to-accounts").click();
      await page.getByTestId("accounts-search").fill("Kitakaze");
      await expect.poll(() => page.getByTestId("accounts-row").count()).toBe(1);
      await page.getByTestId("accounts-row-link").first().click();
      await page.getByTestId("account-name").waitFor();
      await page.getByTestId("account-tab-classification").click();
      await page.getByTestId("classification-question").waitFor();
      await shot(page, "classification-phone-ja");
      await page.context().close();
    });
  },
);
