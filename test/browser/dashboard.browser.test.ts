import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDemoWorkspace } from "../../src/demo/create-demo.ts";
import { kpiDefinitions, kpiIds } from "../../src/kpis/kpi-definitions.ts";
import { makeKpiFormat } from "../../web/src/dashboard/kpi-format.ts";
import type { CohortTable, KpiDefinition, KpiResult } from "../../web/src/dashboard/kpi-types.ts";
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
const PHONE = { width: 375, height: 812 };

describeInBrowser("dashboard: the KPI tiles, period, funnel and breakdown (ja, en, phone, empty)", () => {
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

  const newPage = async (locale: string, viewport?: { width: number; height: number }) => {
    const page = await openPage(browser, locale, viewport);
    pages.push(page);
    return page;
  };

  /** The KPI response the page asks for (the period's, not a breakdown or the trend). */
  const kpiResponse = (page: Page) =>
    page.waitForResponse((r) => /\/api\/v1\/kpis\?/.test(r.url()) && !r.url().includes("by="));

  /** Waits for every tile's value and trend, then checks each value against the API's. */
  async function expectTilesMatch(page: Page, result: KpiResult, lang: "ja" | "en") {
    const format = makeKpiFormat(lang);
    await page.locator('[data-testid="kpi-tile"] [data-testid="kpi-value"]').nth(9).waitFor();
    await page.locator('[data-testid="kpi-tile"] [data-testid="kpi-delta"]').nth(9).waitFor();
    const withValue: string[] = [];
    for (const id of kpiIds) {
      const def = kpiDefinitions[id] as unknown as KpiDefinition;
      const v = result.kpis[id];
      const tile = page.locator(`[data-testid="kpi-tile"][data-kpi="${id}"]`);
      const shown = (await tile.getByTestId("kpi-value").textContent())?.trim();
      expect(shown, id).toBe(
        v.value === null ? (lang === "ja" ? "データがありません" : "No data") : format.value(def, v.value),
      );
      if (v.value !== null) withValue.push(id);
      const evidence = await tile.getByTestId("kpi-evidence").textContent();
      if (def.kind === "rate") expect(evidence, id).toContain(`${v.numerator} / ${v.denominator}`);
      else expect(evidence, id).toContain(`n = ${v.n}`);
      if (v.target === null)
        expect(await tile.getByTestId("kpi-target").textContent()).toMatch(
          lang === "ja" ? /^目標(未設定|なし)$/ : /^No target$/,
        );
      expect(shown).not.toMatch(/NaN|undefined/);
    }
    return withValue;
  }

  it("shows the quarter's KPIs exactly as the API returns them, switches the period and breaks down (ja)", async () => {
    const page = await newPage("ja-JP");
    await signInAs(page, app.url, DEMO);

    // How long the whole dashboard takes on the demo workspace, from navigation to every tile and trend.
    const started = Date.now();
    const response = kpiResponse(page);
    await page.goto(`${app.url}/dashboard?period=thisQuarter`);
    const quarter = (await (await response).json()) as KpiResult;
    await page.locator('[data-testid="kpi-tile"] [data-testid="kpi-value"]').nth(9).waitFor();
    const valuesAfter = Date.now() - started;
    await page.locator('[data-testid="kpi-tile"] [data-testid="kpi-delta"]').nth(9).waitFor();
    console.log(
      `dashboard (demo, 120 accounts): values in ${valuesAfter} ms, with trends in ${Date.now() - started} ms`,
    );

    const requests = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((e) => e.name.includes("/api/v1/kpis"))
        .map((e) => `${e.name.replace(/^.*\/api\/v1/, "")}: ${Math.round(e.duration)} ms`),
    );
    console.log(`dashboard requests: ${requests.join(", ")}`);
    expect(quarter.period.from).toMatch(/^\d{4}-(01|04|07|10)-01$/);
    const withValue = await expectTilesMatch(page, quarter, "ja");
    expect(withValue.length).toBeGreaterThanOrEqual(5);

    // The definition on hover, in Japanese.
    await page.locator('[data-kpi="onboarding_completion_rate"] [data-testid="kpi-name"]').hover();
    await page.getByRole("tooltip").getByText("期間内に開始したオンボーディングのうち").waitFor();
    await page.mouse.move(0, 0);

    // The funnel: the cohort's started, activated and completed counts.
    const funnel = page.getByTestId("dashboard-funnel");
    const counts = await funnel.getByTestId("funnel-count").allTextContents();
    expect(counts).toEqual([
      String(quarter.kpis.onboarding_completion_rate.denominator),
      String(quarter.kpis.activation_rate.numerator),
      String(quarter.kpis.onboarding_completion_rate.numerator),
    ]);

    // A breakdown by plan.
    const byPlan = page.waitForResponse(
      (r) => r.url().includes("/api/v1/kpis?") && r.url().includes("by=plan"),
    );
    await page.getByTestId("breakdown-dimension").click();
    await page.getByRole("option", { name: "プラン", exact: true }).click();
    const plan = (await (await byPlan).json()) as KpiResult;
    await page.waitForURL(/by=plan/);
    const groups = plan.breakdown!.groups.filter((g) => g.kpis.onboarding_completion_rate.denominator! > 0);
    await expect.poll(() => page.getByTestId("breakdown-row").count()).toBe(groups.length);
    expect(groups.length).toBeGreaterThan(0);
    await page
      .locator('[data-testid="dashboard-breakdown"] .recharts-bar-rectangle')
      .first()
      .waitFor({ state: "attached" });
    await page.waitForTimeout(800); // the bars' animation
    await screenshot(page, "dashboard-ja");

    // Last month: a new request, and the tiles follow it.
    const lastMonth = kpiResponse(page);
    await page.getByText("先月", { exact: true }).click();
    await page.waitForURL(/period=lastMonth/);
    const month = (await (await lastMonth).json()) as KpiResult;
    expect(month.period.to).not.toBe(quarter.period.to);
    await expectTilesMatch(page, month, "ja");

    // A custom range kept in the URL.
    const custom = kpiResponse(page);
    await page.goto(
      `${app.url}/dashboard?period=custom&from=${quarter.period.from}&to=${quarter.period.to}&by=plan`,
    );
    const range = (await (await custom).json()) as KpiResult;
    expect(range.period.from).toBe(quarter.period.from);
    await page.getByTestId("dashboard-custom-range").waitFor();
    await expectTilesMatch(page, range, "ja");
  }, 180_000);

  type AttentionList = { items: { accountName: string; status: string }[]; counts: Record<string, number> };

  /** The body of the next response whose URL matches, read as soon as it arrives (before Chromium drops it). */
  const jsonOf = <T>(page: Page, match: (url: string) => boolean): Promise<T> =>
    page.waitForResponse((r) => match(r.url())).then((r) => r.json() as Promise<T>);

  /** Each cohort cell shows the API's share (whole percent), "—" where nothing has matured. */
  async function expectCohortsMatch(page: Page, table: CohortTable, lang: "ja" | "en") {
    const pct = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
    const card = page.getByTestId("dashboard-cohorts");
    await card.getByTestId("cohort-row").first().waitFor();
    expect(await card.getByTestId("cohort-row").count()).toBe(table.cohorts.length);
    for (const c of table.cohorts) {
      const row = card.locator(`[data-testid="cohort-row"][data-month="${c.month}"]`);
      expect(await row.getByTestId("cohort-started").textContent()).toBe(String(c.started));
      const shares = await row.getByTestId("cohort-share").allTextContents();
      expect(shares, c.month).toEqual(c.windows.map((w) => (w.share === null ? "—" : pct.format(w.share))));
    }
  }

  it("filters every card by touch model and CSM (kept in the URL), with cohorts, attention and team load (ja)", async () => {
    const page = await newPage("ja-JP");
    await signInAs(page, app.url, DEMO);
    const cohorts = jsonOf<CohortTable>(page, (url) => url.includes("/api/v1/kpis/cohorts?"));
    const attention = jsonOf<AttentionList>(page, (url) => url.includes("/api/v1/onboardings?"));
    const team = jsonOf<{ csms: { name: string; accounts: number }[] }>(page, (url) =>
      url.includes("/api/v1/team/load"),
    );
    await page.goto(`${app.url}/dashboard?period=thisQuarter`);
    await expectCohortsMatch(page, await cohorts, "ja");
    // A cell explains itself on hover: how many of those that have had the days completed within them.
    await page.locator('[data-testid="cohort-cell"]:not([data-share=""])').first().hover();
    await page
      .getByRole("tooltip")
      .getByText(/件中、\d+件が\d+日以内に完了/)
      .waitFor();
    await page.mouse.move(0, 0);

    // Needs attention: the running onboardings, overdue and at risk only, with their counts.
    const list = await attention;
    const urgent = list.items.filter((o) => o.status === "overdue" || o.status === "at_risk");
    const card = page.getByTestId("dashboard-attention");
    await expect.poll(() => card.getByTestId("attention-item").count()).toBe(urgent.length);
    expect(await card.getByTestId("attention-overdue").textContent()).toBe(`遅延 ${list.counts.overdue}`);
    if (urgent.length > 0)
      expect(await card.getByTestId("attention-account").first().textContent()).toBe(urgent[0]!.accountName);
    expect(await card.getByTestId("attention-more").getAttribute("href")).toBe("/follow-up");

    // Team load: one bar per CSM, busiest first.
    const load = await team;
    const bars = page.getByTestId("dashboard-team").getByTestId("team-csm");
    await expect.poll(() => bars.count()).toBe(Math.min(8, load.csms.length));
    expect(load.csms.length).toBeGreaterThan(0);
    expect(await bars.first().getAttribute("data-accounts")).toBe(String(load.csms[0]!.accounts));

    // Low touch: the tiles, trend and cohorts follow the API's filtered values.
    const filtered = jsonOf<KpiResult>(
      page,
      (url) => /\/api\/v1\/kpis\?/.test(url) && url.includes("touchModel=low") && !url.includes("by="),
    );
    const filteredCohorts = jsonOf<CohortTable>(
      page,
      (url) => url.includes("/api/v1/kpis/cohorts?") && url.includes("touchModel=low"),
    );
    await page.getByTestId("dashboard-filter-touchModel").click();
    await page.getByRole("option", { name: "ロータッチ", exact: true }).click();
    await page.keyboard.press("Escape");
    await page.waitForURL(/touchModel=low/);
    const lowTouch = await filtered;
    expect(lowTouch.filters).toEqual({ touchModel: ["low"] });
    await expectTilesMatch(page, lowTouch, "ja");
    await expectCohortsMatch(page, await filteredCohorts, "ja");

    // The busiest CSM too (by e-mail in the URL); the attention list follows that CSM.
    const byOwner = jsonOf<KpiResult>(
      page,
      (url) => /\/api\/v1\/kpis\?/.test(url) && url.includes("owner=") && !url.includes("by="),
    );
    const ownersList = jsonOf<AttentionList>(
      page,
      (url) => url.includes("/api/v1/onboardings?") && url.includes("ownerId="),
    );
    await page.getByTestId("dashboard-filter-owner").click();
    await page.getByRole("option", { name: load.csms[0]!.name, exact: true }).click();
    await page.keyboard.press("Escape");
    await page.waitForURL(/owner=[^&]*%40|owner=[^&]*@/);
    const both = await byOwner;
    expect(Object.keys(both.filters ?? {}).sort()).toEqual(["owner", "touchModel"]);
    await expectTilesMatch(page, both, "ja");
    const mine = await ownersList;
    await expect.poll(() => bars.first().getAttribute("data-selected")).toBe("true");
    await expect
      .poll(() => card.getByTestId("attention-item").count())
      .toBe(mine.items.filter((o) => o.status === "overdue" || o.status === "at_risk").length);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(800); // the charts' animation
    await screenshot(page, "dashboard-filters-ja");

    // A breakdown group narrows the dashboard to it: the first segment shown.
    const groupRows = page.getByTestId("breakdown-row");
    if ((await groupRows.count()) > 0) {
      const bySegment = jsonOf<KpiResult>(
        page,
        (url) => /\/api\/v1\/kpis\?/.test(url) && url.includes("segment=") && !url.includes("by="),
      );
      await groupRows.first().getByTestId("breakdown-filter").click();
      await page.waitForURL(/segment=/);
      const three = await bySegment;
      expect(Object.keys(three.filters ?? {}).sort()).toEqual(["owner", "segment", "touchModel"]);
      await expectTilesMatch(page, three, "ja");
    }

    // The filters survive a reload, and clearing them shows every account again.
    await page.reload();
    await page.getByTestId("dashboard-filters-clear").click();
    await page.waitForURL(
      (url) => !["touchModel=", "owner=", "segment="].some((p) => url.search.includes(p)),
    );
  }, 180_000);

  it("speaks English: the tiles, the definition on hover, another breakdown", async () => {
    const page = await newPage("en-US");
    await signInAs(page, app.url, DEMO);
    const response = kpiResponse(page);
    await page.goto(`${app.url}/dashboard?period=lastQuarter`);
    const result = (await (await response).json()) as KpiResult;
    await expectTilesMatch(page, result, "en");
    await page.getByTestId("dashboard-page").getByText("Onboarding funnel").waitFor();
    await page.getByTestId("dashboard-page").getByText("Completion by cohort").waitFor();
    await page.getByTestId("dashboard-page").getByText("Team load").waitFor();
    await page.locator('[data-kpi="nps"] [data-testid="kpi-name"]').hover();
    await page.getByRole("tooltip").getByText("promoters (9–10)", { exact: false }).waitFor();
    await page.mouse.move(0, 0);
    await page.getByTestId("breakdown-dimension").click();
    await page.getByRole("option", { name: "Touch model", exact: true }).click();
    await page.waitForURL(/by=touch_model/);
    await page.getByTestId("breakdown-row").first().waitFor();
    await page.getByText("This quarter", { exact: true }).click();
    await page.waitForURL(/period=thisQuarter/);
    await page.locator('[data-testid="kpi-tile"] [data-testid="kpi-delta"]').nth(9).waitFor();
    await page
      .locator('[data-testid="dashboard-breakdown"] .recharts-bar-rectangle')
      .first()
      .waitFor({ state: "attached" });
    await page.waitForTimeout(800); // the bars' animation
    await screenshot(page, "dashboard-en");
  }, 120_000);

  it("fits a phone", async () => {
    const page = await newPage("ja-JP", PHONE);
    await signInAs(page, app.url, DEMO);
    const response = kpiResponse(page);
    await page.goto(`${app.url}/dashboard?period=thisQuarter`);
    await expectTilesMatch(page, (await (await response).json()) as KpiResult, "ja");
    await page.getByTestId("breakdown-row").first().waitFor();
    const overflow = (await page.evaluate(
      "document.documentElement.scrollWidth - window.innerWidth",
    )) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "dashboard-phone-ja");
  }, 120_000);

  it("shows a new workspace 'no data' on every tile, never NaN", async () => {
    const fresh = await app.workspaceWith("dashboard-empty", "admin");
    const page = await newPage("ja-JP");
    await signInAs(page, app.url, fresh, "/dashboard");
    await page.locator('[data-testid="kpi-tile"] [data-testid="kpi-delta"]').nth(9).waitFor();
    const values = await page.getByTestId("kpi-value").allTextContents();
    expect(values).toEqual(kpiIds.map(() => "データがありません"));
    await page.getByTestId("dashboard-funnel-empty").waitFor();
    await page.getByTestId("breakdown-empty").waitFor();
    await page.getByTestId("cohorts-empty").waitFor();
    await page.getByTestId("attention-empty").waitFor();
    await page.getByTestId("team-empty").waitFor();
    expect(await page.getByTestId("dashboard-page").textContent()).not.toMatch(/NaN|undefined/);
    await screenshot(page, "dashboard-empty-ja");
  }, 120_000);
});
