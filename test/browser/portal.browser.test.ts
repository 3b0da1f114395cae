import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiToken } from "../../src/platform/auth/api-tokens.ts";
import { addStaffUser } from "../../src/staff/staff-users.ts";
import { buildWebApp, describeInBrowser, launchBrowser, screenshotDir } from "../support/browser.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

type Json = Record<string, any>;
const phone = { width: 390, height: 844 };

describeInBrowser("customer portal on a phone, in Japanese and English", () => {
  let app: TestApp;
  let browser: Browser;
  let portalUrl: string;
  let planId: string;
  let csm: string;

  const v1 = (p: string, init: { method?: string; body?: unknown } = {}) =>
    app.call(`/api/v1${p}`, { token: csm, ...init });

  beforeAll(async () => {
    buildWebApp();
    app = await startTestApp("pglite");
    const { workspace } = await app.workspaceWith("portal-browser");
    const user = await addStaffUser(app.services.database.db, workspace.id, {
      email: "suzuki@cs.example",
      name: "鈴木 一郎",
      role: "csm",
      password: "member-pass-1",
    });
    csm = (
      await createApiToken(app.services.database.db, {
        workspaceId: workspace.id,
        name: "csm",
        userId: user.userId,
        role: "csm",
      })
    ).token;
    const account = (
      await v1("/accounts", {
        method: "POST",
        body: { externalId: "PB-1", name: "さくら物流株式会社", ownerId: user.userId },
      })
    ).body as Json;
    await v1(`/accounts/${account.id}/contacts`, {
      method: "POST",
      body: { email: "tanaka@sakura-logi.example", name: "田中 花子" },
    });
    const started = await v1(`/accounts/${account.id}/onboardings`, { method: "POST", body: {} });
    expect(started.status).toBe(201);
    planId = (started.body as Json).id;
    const kickoff = ((started.body as Json).meetings as Json[]).find((m) => m.type === "kickoff")!;
    await v1(`/onboardings/${planId}/meetings/${kickoff.id}`, {
      method: "PATCH",
      body: { location: "https://meet.example/sakura-kickoff" },
    });
    expect((await v1(`/onboardings/${planId}/propose`, { method: "POST", body: {} })).status).toBe(200);
    portalUrl = (
      (await v1(`/accounts/${account.id}/portal-links`, { method: "POST", body: {} })).body as Json
    ).url;
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function phonePage(locale: string) {
    const context = await browser.newContext({
      locale,
      viewport: phone,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    return context.newPage();
  }
  /** The whole page, and screen by screen as a phone shows it (easier to look at). */
  async function shot(page: Page, name: string) {
    await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
    const height = Number(await page.evaluate("document.documentElement.scrollHeight"));
    for (let i = 0, y = 0; y < height; i++, y += phone.height) {
      await page.evaluate(`window.scrollTo(0, ${y})`);
      await page.screenshot({ path: path.join(screenshotDir, `${name}-${i + 1}.png`) });
    }
    await page.evaluate("window.scrollTo(0, 0)");
  }
  const noSideways = async (page: Page) =>
    expect(Number(await page.evaluate("document.documentElement.scrollWidth"))).toBeLessThanOrEqual(
      phone.width,
    );

  it("identifies, ticks a task and agrees to the criteria (Japanese)", async () => {
    const page = await phonePage("ja-JP");
    await page.goto(portalUrl);
    await page.getByTestId("portal-identify").waitFor();
    expect(await page.getByTestId("portal-account-name").textContent()).toBe("さくら物流株式会社");
    expect(await page.getByText("ようこそ").count()).toBe(1);
    // No staff chrome: no navigation, no sign-in.
    expect(await page.locator("nav").count()).toBe(0);
    await noSideways(page);
    await shot(page, "portal-ja-identify");

    await page.getByTestId("portal-identify-submit").click();
    await page.getByText("メールアドレスを入力してください").waitFor();
    await page.getByTestId("portal-identify-email").fill("tanaka@sakura-logi.example");
    await page.getByTestId("portal-identify-submit").click();
    await page.getByTestId("portal-progress").waitFor();
    // The portal says back only what the visitor typed, never a name stored for that e-mail.
    expect(await page.getByTestId("portal-visitor").textContent()).toContain("tanaka@sakura-logi.example");
    expect(await page.getByTestId("portal-progress-percent").textContent()).toBe("0%");

    const first = page.getByTestId("portal-task").first();
    await first.check();
    await page.locator('[data-testid="portal-task"][data-done="true"]').first().waitFor();
    expect(await page.getByTestId("portal-progress-percent").textContent()).not.toBe("0%");

    await page.getByTestId("portal-agree").click();
    await page.getByTestId("portal-agreed").waitFor();
    expect(await page.getByTestId("portal-agreed").textContent()).toContain("田中 花子");
    expect(await page.getByTestId("portal-completion-blocked").textContent()).toContain("完了ミーティング");
    expect(await page.getByTestId("portal-contact").textContent()).toContain("鈴木 一郎");
    expect(await page.getByTestId("portal-stage").count()).toBeGreaterThan(0);
    const place = page
      .getByTestId("portal-meeting")
      .getByRole("link", { name: "https://meet.example/sakura-kickoff" });
    expect(await place.getAttribute("rel")).toContain("noreferrer");
    expect(await page.getByTestId("portal-link-expiry").textContent()).toContain("有効期限");
    await noSideways(page);
    await shot(page, "portal-ja-plan");

    // The switch changes the language in place; a reload keeps the visitor.
    await page.getByTestId("lang-switch").getByText("English").click();
    await page.getByText("Your checklist").waitFor();
    await page.reload();
    await page.getByTestId("portal-progress").waitFor();
    expect(await page.getByTestId("portal-visitor").textContent()).toContain("tanaka@sakura-logi.example");
    await page.context().close();

    const staff = (await v1(`/onboardings/${planId}`)).body as Json;
    expect(staff.agreedByLabel).toBe("田中 花子 (tanaka@sakura-logi.example)");
  });

  it("shows the plan in English and confirms completion after the completion meeting", async () => {
    const staff = (await v1(`/onboardings/${planId}`)).body as Json;
    const meeting = (staff.meetings as Json[]).find((m) => m.type === "completion");
    await v1(`/onboardings/${planId}/meetings/${meeting!.id}`, {
      method: "PATCH",
      body: { heldAt: new Date().toISOString() },
    });
    const page = await phonePage("en-US");
    await page.goto(portalUrl);
    await page.getByTestId("portal-identify").waitFor();
    expect(await page.getByText("Welcome").count()).toBe(1);
    await page.getByTestId("portal-identify-email").fill("ops@partner.example");
    await page.getByTestId("portal-identify-name").fill("Alex Partner");
    await page.getByTestId("portal-identify-submit").click();
    await page.getByTestId("portal-progress").waitFor();
    expect(await page.getByText("Your checklist").count()).toBe(1);
    await page.getByTestId("portal-confirm-completion").waitFor();
    await noSideways(page);
    await shot(page, "portal-en-plan");
    await page.getByTestId("portal-confirm-completion").click();
    await page.getByTestId("portal-completed").waitFor();
    expect(await page.getByTestId("portal-completed").textContent()).toContain("Alex Partner");
    await shot(page, "portal-en-completed");
    expect(((await v1(`/onboardings/${planId}`)).body as Json).completionSource).toBe("customer");
    await page.context().close();
  });

  it("says clearly when a link does not work, in both languages", async () => {
    for (const [locale, title] of [
      ["ja-JP", "このリンクは使えません"],
      ["en-US", "This link does not work"],
    ] as const) {
      const page = await phonePage(locale);
      await page.goto(`${app.url}/portal/${"x".repeat(43)}`);
      await page.getByTestId("portal-invalid").waitFor();
      expect(await page.getByText(title).count()).toBe(1);
      await noSideways(page);
      await shot(page, `portal-${locale.slice(0, 2)}-invalid`);
      await page.context().close();
    }
  });
});
