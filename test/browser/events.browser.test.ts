import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
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

type Json = Record<string, unknown>;
const shotsDir = process.env.EMBARK_SCREENSHOTS_DIR ?? screenshotDir;

/** An ISO instant `days` days ago at the given UTC hour. */
const daysAgo = (days: number, hour = 3) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - days);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

describeInBrowser("usage events: settings, the account's usage, the accounts list", () => {
  let app: TestApp;
  let browser: Browser;
  let token: string;
  let login: { email: string; password: string };
  let writeKey: string;
  const ids: Record<string, string> = {};

  const send = (kind: string, body: unknown, key = writeKey) =>
    fetch(`${app.url}/v1/${kind}`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
  const api = async (p: string, init: { method?: string; body?: unknown } = {}) =>
    (await app.call(`/api/v1${p}`, { ...init, token })).body as Json;

  beforeAll(async () => {
    buildWebApp();
    app = await startTestApp("pglite");
    const ws = await app.workspaceWith("events", "admin");
    token = ws.token;
    login = { email: ws.email, password: ws.password };
    await api("/settings", {
      method: "PATCH",
      body: { "activation.events": ["Report Created", "Dashboard Shared"], "activation.mode": "all" },
    });
    for (const [key, name] of [
      ["alpha", "株式会社アルファ"],
      ["beta", "ベータ商事"],
    ] as const) {
      ids[key] = (await api("/accounts", { method: "POST", body: { externalId: key, name } })).id as string;
    }
    writeKey = (await api("/write-key")).writeKey as string;

    // Alpha: three users on six different days; both activation events. Gamma: no account yet.
    const batch: Json[] = [{ type: "group", userId: "u-sato", groupId: "alpha", timestamp: daysAgo(20) }];
    const alphaDays = [1, 2, 4, 6, 9, 13];
    alphaDays.forEach((day, i) => {
      for (const user of i % 2 === 0 ? ["u-sato", "u-tanaka"] : ["u-sato", "u-suzuki"]) {
        batch.push({
          type: "track",
          userId: user,
          event: i === 0 ? "Dashboard Shared" : "Report Created",
          context: { groupId: "alpha" },
          timestamp: daysAgo(day),
        });
      }
      batch.push({
        type: "page",
        userId: "u-sato",
        name: "Home",
        context: { groupId: "alpha" },
        timestamp: daysAgo(day, 5),
      });
    });
    batch.push(
      {
        type: "group",
        userId: "u-ito",
        groupId: "gamma-inc",
        traits: { name: "ガンマ工業" },
        timestamp: daysAgo(3),
      },
      { type: "track", userId: "u-ito", event: "Report Created", timestamp: daysAgo(3, 4) },
      { type: "track", userId: "u-ito", event: "Invite Sent", timestamp: daysAgo(2, 4) },
      { type: "track", event: "Report Created", context: { groupId: "alpha" } },
    );
    const res = await send("batch", { batch });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: unknown[] } }).error.details).toHaveLength(1);

    // The usage frequency is worked out just behind the ingestion: wait until the account has one.
    const deadline = Date.now() + 20_000;
    while ((await api(`/accounts/${ids.alpha}/usage?days=90`)).usageFrequency === null) {
      if (Date.now() > deadline) throw new Error("the usage frequency was never worked out");
      await new Promise((r) => setTimeout(r, 200));
    }
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
  const signIn = (page: Page, next = "/accounts") => signInAs(page, app.url, login, next);

  it("settings tab: write key, install code, what arrived and what was refused, live (Japanese)", async () => {
    const page = await newPage("ja-JP");
    await signIn(page, "/settings?tab=events");
    await page.getByTestId("settings-events").waitFor();
    expect(await page.getByTestId("settings-tab-events").textContent()).toContain("利用イベント");

    const shown = page.getByTestId("write-key-value");
    expect(await shown.textContent()).not.toBe(writeKey);
    await page.getByTestId("write-key-reveal").click();
    expect(await shown.textContent()).toBe(writeKey);

    const node = (await page.getByTestId("install-code-node").textContent()) ?? "";
    expect(node).toContain(`host: "${app.url}"`);
    expect(node).toContain(`writeKey: "${writeKey}"`);
    expect(node).toContain("ユーザーを会社（Embark のアカウント）に結び付ける");
    await page.getByTestId("install-tab-browser").click();
    const browserCode = (await page.getByTestId("install-code-browser").textContent()) ?? "";
    expect(browserCode).toContain(`apiHost: "${new URL(app.url).host}/v1", protocol: "http"`);
    await page.getByTestId("install-tab-http").click();
    const curl = (await page.getByTestId("install-code-http").textContent()) ?? "";
    expect(curl).toContain(`curl -X POST '${app.url}/v1/track'`);
    expect(curl).toContain(`-u '${writeKey}:'`);

    // The curl line works as written.
    const sent = await send("track", {
      userId: "u-sato",
      event: "Export Downloaded",
      context: { groupId: "alpha" },
    });
    expect(sent.status).toBe(200);

    const received = page.getByTestId("events-received-row");
    await expect.poll(() => received.count()).toBeGreaterThan(10);
    const alphaLink = page.getByTestId("events-account-link").filter({ hasText: "株式会社アルファ" }).first();
    await alphaLink.waitFor();
    await expect
      .poll(() => received.filter({ hasText: "Export Downloaded" }).count(), { timeout: 12_000 })
      .toBe(1);
    expect(await received.filter({ hasText: "gamma-inc" }).first().textContent()).toContain("未登録");
    await page.getByTestId("install-tab-node").click();
    await shot(page, "events-settings-ja");

    // Arrives while the page is open: shown by the 5-second refresh, without a reload.
    await send("track", { userId: "u-tanaka", event: "Live Check", context: { groupId: "alpha" } });
    await expect.poll(() => received.filter({ hasText: "Live Check" }).count(), { timeout: 12_000 }).toBe(1);

    await page.getByTestId("events-recent-view").getByText("拒否").click();
    const rejected = page.getByTestId("events-rejected-row");
    await expect.poll(() => rejected.count()).toBe(1);
    expect(await rejected.first().textContent()).toContain("userId or anonymousId");
    await page
      .getByTestId("events-recent")
      .screenshot({ path: path.join(shotsDir, "events-rejected-ja.png") });

    await page.getByTestId("events-recent-view").getByText("受信").click();
    await alphaLink.click();
    await page.waitForURL(/\/accounts\/.+tab=usage/);
    await page.getByTestId("usage-section").waitFor();
    await page.context().close();
  });

  it("account usage tab: activation, frequency, chart, top events and users; the empty state (Japanese)", async () => {
    const page = await newPage("ja-JP");
    await signIn(page, `/accounts/${ids.alpha}?tab=usage`);
    await page.getByTestId("usage-section").waitFor();
    expect(await page.getByTestId("account-tab-usage").textContent()).toContain("利用状況");
    expect(await page.getByTestId("activation-badge").first().getAttribute("data-activated")).toBe("true");
    expect(await page.getByTestId("usage-activation-status").textContent()).toMatch(/に活性化$/);
    expect(await page.getByTestId("usage-frequency-badge").getAttribute("data-frequency")).toBe("weekly");
    expect(await page.getByTestId("usage-frequency-badge").textContent()).toBe("毎週");
    expect(await page.getByTestId("usage-active-last28").textContent()).toBe("3");
    await page.getByTestId("usage-chart").locator(".recharts-bar-rectangle").first().waitFor();
    expect(await page.getByTestId("usage-top-event-row").first().textContent()).toContain("Report Created");
    const users = page.getByTestId("usage-user-row");
    expect(await users.count()).toBe(3);
    expect(await users.first().textContent()).toContain("u-sato");
    await shot(page, "events-account-usage-ja");

    await page.goto(`${app.url}/accounts/${ids.beta}?tab=usage`);
    await page.getByTestId("usage-empty").waitFor();
    expect(await page.getByTestId("usage-empty").textContent()).toContain("「beta」");
    await shot(page, "events-account-empty-ja");
    await page.getByTestId("usage-empty-settings").click();
    await page.waitForURL(/\/settings\?tab=events/);
    await page.getByTestId("settings-events").waitFor();
    await page.context().close();

    const phone = await newPage("ja-JP", { width: 390, height: 844 });
    await signIn(phone, `/accounts/${ids.alpha}?tab=usage`);
    await phone.getByTestId("usage-chart").locator(".recharts-bar-rectangle").first().waitFor();
    await shot(phone, "events-account-usage-phone-ja");
    await phone.context().close();
  });

  it("creates the account for an unmatched group id from the prefilled form; its events attach (Japanese)", async () => {
    const page = await newPage("ja-JP");
    await signIn(page, "/settings?tab=events");
    const row = page.locator('[data-testid="events-unmatched-row"][data-group="gamma-inc"]');
    await row.waitFor();
    expect(await row.textContent()).toContain("ガンマ工業");
    await page
      .getByTestId("events-unmatched")
      .screenshot({ path: path.join(shotsDir, "events-unmatched-ja.png") });
    await row.getByTestId("events-unmatched-create").click();
    await page.getByTestId("account-form").waitFor();
    expect(await page.getByTestId("account-form-external-id").inputValue()).toBe("gamma-inc");
    expect(await page.getByTestId("account-form-group-id").inputValue()).toBe("gamma-inc");
    expect(await page.getByTestId("account-form-name").inputValue()).toBe("ガンマ工業");
    await shot(page, "events-unmatched-create-ja");
    await page.getByTestId("account-form-submit").click();
    await page.getByTestId("account-name").waitFor();
    expect(await page.getByTestId("account-name").textContent()).toBe("ガンマ工業");

    await page.getByTestId("account-tab-usage").click();
    await page.getByTestId("usage-section").waitFor({ timeout: 20_000 });
    const activation = page.getByTestId("usage-activation-event");
    await expect.poll(() => activation.count()).toBe(2);
    expect(await page.getByTestId("usage-activation-status").textContent()).toBe(
      "あと次のイベントが届けば活性化します。",
    );
    expect(await activation.filter({ hasText: "Dashboard Shared" }).getAttribute("data-seen")).toBe("false");
    expect(await activation.filter({ hasText: "Report Created" }).getAttribute("data-seen")).toBe("true");
    await shot(page, "events-account-missing-ja");
    ids.gamma = page.url().split("/accounts/")[1].split("?")[0];
    await page.context().close();
  });

  it("accounts list: activation and usage-frequency filters in the URL (Japanese and English)", async () => {
    const page = await newPage("ja-JP");
    await signIn(page, "/accounts");
    await page.getByTestId("accounts-table").waitFor();
    const rows = page.getByTestId("accounts-row");
    await expect.poll(() => rows.count()).toBe(3);

    await page.getByTestId("filter-activated").click();
    await page.getByRole("option", { name: "活性化済み" }).click();
    await page.waitForURL(/activated=true/);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("株式会社アルファ");
    expect(await rows.first().getByTestId("activation-badge").getAttribute("aria-label")).toMatch(
      /に活性化$/,
    );
    await shot(page, "events-accounts-activated-ja");

    await page.getByTestId("filter-activated").click();
    await page.getByRole("option", { name: "未活性化" }).click();
    await page.waitForURL(/activated=false/);
    await expect.poll(() => rows.count()).toBe(2);

    await page.goto(`${app.url}/accounts?usageFrequency=monthly`);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("ガンマ工業");
    expect(await page.getByTestId("filter-usage-frequency").inputValue()).toBe("毎月");
    await page.context().close();

    const en = await newPage("en-US");
    await signIn(en, "/accounts?activated=false&usageFrequency=monthly");
    await en.getByTestId("accounts-table").waitFor();
    await expect.poll(() => en.getByTestId("accounts-row").count()).toBe(1);
    expect(await en.getByTestId("filter-activated").inputValue()).toBe("Not activated");
    const usage = en.getByTestId("accounts-row-usage").first();
    expect(await usage.getByTestId("activation-badge").getAttribute("aria-label")).toBe("Not activated");
    expect(await usage.getByTestId("usage-frequency-badge").textContent()).toBe("Monthly");
    await shot(en, "events-accounts-filtered-en");
    await en.context().close();
  });

  it("English: the usage tab, the key rotated after confirming, the definition saved through settings", async () => {
    const page = await newPage("en-US", { width: 1280, height: 860 });
    await signIn(page, `/accounts/${ids.alpha}?tab=usage`);
    await page.getByTestId("usage-section").waitFor();
    expect(await page.getByTestId("usage-frequency-badge").textContent()).toBe("Weekly");
    expect(await page.getByTestId("usage-activation-status").textContent()).toMatch(/^Activated on /);
    await page.getByTestId("usage-chart").locator(".recharts-bar-rectangle").first().waitFor();
    await shot(page, "events-account-usage-en");

    await page.goto(`${app.url}/settings?tab=events`);
    await page.getByTestId("settings-events").waitFor();
    await page
      .getByTestId("events-recent-empty")
      .or(page.getByTestId("events-received-row").first())
      .waitFor();
    await shot(page, "events-settings-en");

    // Rotating asks first; the old key stops working at once.
    await page.getByTestId("write-key-rotate").click();
    await page.getByText("Rotate the write key?").waitFor();
    await page.getByRole("dialog").screenshot({ path: path.join(shotsDir, "events-rotate-en.png") });
    await page.getByTestId("confirm-submit").click();
    await page.getByText("The write key was rotated.", { exact: false }).first().waitFor();
    const newKey = (await api("/write-key")).writeKey as string;
    expect(newKey).not.toBe(writeKey);
    await page.getByTestId("write-key-reveal").click();
    expect(await page.getByTestId("write-key-value").textContent()).toBe(newKey);
    expect(await page.getByTestId("install-code-node").textContent()).toContain(newKey);
    expect((await send("track", { userId: "u-sato", event: "Old Key" })).status).toBe(401);
    expect((await send("track", { userId: "u-sato", event: "New Key" }, newKey)).status).toBe(200);
    writeKey = newKey;

    // Activation: pick a received event name from the suggestions; usage-frequency thresholds.
    await page.getByTestId("events-activation-events").click();
    const suggestion = page.getByRole("option", { name: /Invite Sent/ });
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain("1 account · 1 event");
    await suggestion.click();
    await page.keyboard.press("Escape");
    await page.getByTestId("events-activation-mode").getByText("Any of them").click();
    expect(await page.getByTestId("events-activation-explain").textContent()).toBe(
      "An account is activated when the first of these events arrives.",
    );
    await page.getByTestId("events-weeklyMinDays").fill("20");
    await page.getByTestId("events-definition-save").click();
    await page.getByText("Keep days for weekly < days for daily ≤ the window.").first().waitFor();
    await shot(page, "events-definition-error-en");
    await page.getByTestId("events-weeklyMinDays").fill("3");
    await page.getByTestId("events-dailyMinDays").fill("12");
    await page.getByTestId("events-group-traits-create").click();
    await page.getByTestId("events-definition-save").click();
    await page.getByText("The settings were saved.").first().waitFor();
    const saved = await api("/settings");
    expect(saved).toMatchObject({
      "activation.events": ["Report Created", "Dashboard Shared", "Invite Sent"],
      "activation.mode": "any",
      "usage.weeklyMinDays": 3,
      "usage.dailyMinDays": 12,
      "usage.windowDays": 28,
      "events.groupTraits": "create",
    });
    expect(await page.getByTestId("events-frequency-explain").textContent()).toContain(
      "Over the last 28 days: active on 12 days or more is daily, on 3 or more is weekly",
    );

    await page.context().close();
  });
});
