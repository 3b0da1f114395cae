import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDemoWorkspace } from "../../src/demo/create-demo.ts";
import { createTarget } from "../../src/kpis/kpi-targets.ts";
import { inWorkspace } from "../../src/platform/db/client.ts";
import { findWorkspace, getWorkspaceById, updateSettings } from "../../src/workspaces/workspaces.ts";
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
  "KPI targets: the Targets screen, the tiles' status and the dashboard's alerts (ja, en)",
  () => {
    let app: TestApp;
    let browser: Browser;
    const pages: Page[] = [];

    beforeAll(async () => {
      buildWebApp();
      app = await startTestApp("pglite");
      const { db } = app.services.database;
      await createDemoWorkspace(db, { accounts: 120 });
      let workspace = (await findWorkspace(db, "demo"))!;
      // The definitions were last reviewed long ago: the reminder is due.
      await updateSettings(db, workspace, {
        ...workspace.settings,
        "kpi.definitionsReviewedOn": "2025-01-06",
      });
      workspace = (await getWorkspaceById(db, workspace.id))!;
      await inWorkspace(db, workspace.id, async (tx) => {
        // Out of reach: off track whenever there is data.
        await createTarget(
          tx,
          workspace,
          {
            kpiId: "onboarding_completion_rate",
            effectiveFrom: "2024-01-01",
            value: 0.99,
            warningBand: 0.02,
            note: "全社方針",
          },
          null,
        );
        await createTarget(
          tx,
          workspace,
          {
            kpiId: "activation_rate",
            effectiveFrom: "2024-01-01",
            value: 0.05,
            warningBand: 0.05,
            reviewOn: "2025-06-01",
          },
          null,
        );
        await createTarget(
          tx,
          workspace,
          { kpiId: "activation_rate", effectiveFrom: "2023-01-01", value: 0.3, warningBand: 0.05 },
          null,
        );
        await createTarget(
          tx,
          workspace,
          {
            kpiId: "onboarding_completion_rate",
            scope: { dimension: "touch_model", value: "tech" },
            effectiveFrom: "2024-01-01",
            value: 0.4,
            warningBand: 0.05,
          },
          null,
        );
      });
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

    it("colours the tiles by status, alerts on the dashboard and sets a target from the Targets screen (ja)", async () => {
      const page = await newPage("ja-JP");
      await signInAs(page, app.url, DEMO);
      await page.goto(`${app.url}/dashboard?period=lastQuarter`);
      const completion = page.locator('[data-testid="kpi-tile"][data-kpi="onboarding_completion_rate"]');
      await completion.getByTestId("kpi-status").waitFor();
      expect(await completion.getAttribute("data-status")).toBe("off_track");
      expect(await completion.getByTestId("kpi-status").textContent()).toBe("未達");
      expect(await completion.getByTestId("kpi-target").textContent()).toBe("目標 99%");
      const alert = page.getByTestId("kpi-alerts-off-track");
      await alert.getByText("オンボーディング完了率: ").waitFor();
      expect(await alert.textContent()).toContain("（目標 99%）");
      const reviews = page.getByTestId("kpi-alerts-reviews");
      await reviews
        .getByText("KPIの定義（目標日数・アクティベーション条件、見直し日 2025年7月6日）")
        .waitFor();
      expect(await reviews.textContent()).toContain("アクティベーション率の目標（見直し日 2025年6月1日）");
      await page.waitForTimeout(500);
      await screenshot(page, "kpi-dashboard-alerts-ja");

      // The breakdown link keeps the period and picks the KPI.
      await alert.getByText("内訳を見る").first().click();
      await page.waitForURL(/kpi=onboarding_completion_rate/);
      expect(page.url()).toContain("period=lastQuarter");

      await page.getByTestId("dashboard-set-targets").click();
      await page.waitForURL(/\/dashboard\/targets$/);
      await expect.poll(() => page.getByTestId("target-card").count()).toBe(10);
      const card = page.locator('[data-testid="target-card"][data-kpi="onboarding_completion_rate"]');
      expect(await card.getByTestId("target-current").textContent()).toBe("99%");
      expect(await card.getByTestId("target-scoped").textContent()).toContain("タッチモデル: テックタッチ");
      const activation = page.locator('[data-testid="target-card"][data-kpi="activation_rate"]');
      await activation.getByTestId("target-review-due").waitFor();
      await activation.getByTestId("target-history-toggle").click();
      await activation.getByTestId("target-history").getByText("30%").waitFor();
      await page.getByTestId("definition-review-due").waitFor();
      await page.locator('[data-testid="target-proposal"]:not([data-empty])').first().waitFor();
      await page.waitForTimeout(400);
      await screenshot(page, "kpi-targets-ja");

      // NPS has no target yet: set one from the proposal (or by hand when there is none).
      const nps = page.locator('[data-testid="target-card"][data-kpi="nps"]');
      const useProposal = nps.getByTestId("target-use-proposal");
      if (await useProposal.count()) await useProposal.click();
      else await nps.getByTestId("target-edit").click();
      const form = page.getByTestId("target-form");
      await form.waitFor();
      await form.getByTestId("target-form-value").fill("35");
      await form.getByTestId("target-form-band").fill("5");
      await screenshot(page, "kpi-target-form-ja");
      const saved = page.waitForResponse(
        (r) => r.url().endsWith("/api/v1/kpi-targets") && r.request().method() === "POST",
      );
      await form.getByTestId("target-form-save").click();
      expect((await saved).status()).toBe(201);
      await expect.poll(() => nps.getByTestId("target-current").textContent()).toBe("+35");

      // Mark the definitions reviewed: the reminder goes.
      await page.getByTestId("definition-review-mark").click();
      await page.getByTestId("definition-review-due").waitFor({ state: "detached" });
    }, 180_000);

    it("shows the same in English", async () => {
      const page = await newPage("en-US");
      await signInAs(page, app.url, DEMO);
      await page.goto(`${app.url}/dashboard?period=lastQuarter`);
      const completion = page.locator('[data-testid="kpi-tile"][data-kpi="onboarding_completion_rate"]');
      await completion.getByTestId("kpi-status").waitFor();
      expect(await completion.getByTestId("kpi-status").textContent()).toBe("Off track");
      expect(await completion.getByTestId("kpi-target").textContent()).toBe("Target 99%");
      await page.getByTestId("kpi-alerts-off-track").getByText("Onboarding completion rate: ").waitFor();
      await page
        .getByTestId("kpi-alerts-reviews")
        .getByText("Target for Activation rate (review on Jun 1, 2025)")
        .waitFor();
      await page.waitForTimeout(500);
      await screenshot(page, "kpi-dashboard-alerts-en");
      await page.goto(`${app.url}/dashboard/targets`);
      await expect.poll(() => page.getByTestId("target-card").count()).toBe(10);
      await page.getByText("Targets per segment or touch model").first().waitFor();
      await page.locator('[data-testid="target-proposal"]:not([data-empty])').first().waitFor();
      await page.waitForTimeout(400);
      await screenshot(page, "kpi-targets-en");
    }, 180_000);
  },
);
