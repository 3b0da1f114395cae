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
  signInAs,
} from "../support/browser.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

const DEMO = { email: "demo@embark.example", password: "embark-demo" };

describeInBrowser(
  "monthly report: the dashboard's menu, the html report, the xlsx download, the e-mail settings",
  () => {
    let app: TestApp;
    let browser: Browser;
    const pages: Page[] = [];

    beforeAll(async () => {
      buildWebApp();
      app = await startTestApp("pglite");
      await createDemoWorkspace(app.services.database.db, { accounts: 120 });
      browser = await launchBrowser();
      mkdirSync(screenshotDir, { recursive: true });
    }, 240_000);
    afterAll(async () => {
      for (const page of pages) await page.context().close();
      await browser?.close();
      await app?.close();
    });

    const newPage = async (locale: string) => {
      const page = await openPage(browser, locale);
      pages.push(page);
      return page;
    };

    /** Opens the html report from the dashboard's menu and returns its tab. */
    async function openHtmlReport(page: Page) {
      await page.getByTestId("report-menu").click();
      await page.getByTestId("report-menu-dropdown").waitFor();
      const [tab] = await Promise.all([
        page.context().waitForEvent("page"),
        page.getByTestId("report-download").click(),
      ]);
      await tab.waitForURL(/^blob:/);
      await tab.locator("#kpis table").waitFor();
      return tab;
    }

    it("opens last month's report from the dashboard and downloads the workbook (ja)", async () => {
      const page = await newPage("ja-JP");
      await signInAs(page, app.url, DEMO, "/dashboard");
      await page.getByTestId("report-menu").click();
      await page.getByTestId("report-menu-dropdown").waitFor();
      expect(await page.getByTestId("report-month").inputValue()).toMatch(/^\d{4}年\d{1,2}月$/);
      await screenshot(page, "reports-menu-ja");
      await page.getByTestId("report-menu").click();

      const tab = await openHtmlReport(page);
      expect(await tab.locator("html").getAttribute("lang")).toBe("ja");
      expect(await tab.locator("h1").textContent()).toBe("月次KPIレポート");
      expect(await tab.locator("#kpis tbody tr").count()).toBe(10);
      // The demo's inquiries give the response time a value.
      expect(await tab.locator('tr[data-kpi="avg_first_response_hours"] strong').textContent()).toMatch(
        /^[\d.]+時間$/,
      );
      expect(await tab.locator("#voices blockquote").count()).toBeGreaterThan(0);
      await screenshot(tab, "report-html-ja");

      await page.getByTestId("report-menu").click();
      await page.getByTestId("report-format").getByText("Excel").click();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId("report-download").click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^embark-report-\d{4}-\d{2}\.xlsx$/);
    });

    it("sets the monthly e-mail's recipients and sends the report now; the html report in English", async () => {
      const page = await newPage("en-US");
      await signInAs(page, app.url, DEMO, "/settings?tab=mail");
      const card = page.getByTestId("report-mail");
      await card.getByText("No recipients yet, so no monthly report is sent.").waitFor();
      const input = page.getByTestId("report-recipients");
      await input.fill("cs-leads@demo.example");
      await input.press("Enter");
      await input.fill("not-an-address");
      await input.press("Enter");
      await card.getByText("Not an e-mail address: not-an-address").waitFor();
      await card.locator(".mantine-Pill-remove").nth(1).click();
      await page.getByTestId("report-recipients-save").click();
      await page.getByText("Monthly report recipients saved").waitFor();
      await page.getByTestId("report-send-now").click();
      await page.getByText(/^Queued 1 e-mail with the report for /).waitFor();
      await screenshot(page, "report-mail-settings-en");

      await page.goto(`${app.url}/dashboard`);
      const tab = await openHtmlReport(page);
      expect(await tab.locator("html").getAttribute("lang")).toBe("en");
      expect(await tab.locator("#notable h2").textContent()).toBe("Notable changes");
      await screenshot(tab, "report-html-en");
    });
  },
);
