import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { describe } from "vitest";

const executablePath = process.env.EMBARK_CHROMIUM ?? "/usr/bin/chromium";

/** `describe` for a browser suite: skips (saying why) without Chromium, fails instead in CI. */
export function describeInBrowser(title: string, body: () => void) {
  if (existsSync(executablePath)) return describe(title, body);
  if (process.env.EMBARK_REQUIRE_ALL_SUITES === "1")
    throw new Error(
      `Chromium not found at ${executablePath}, but EMBARK_REQUIRE_ALL_SUITES=1 requires the browser suites`,
    );
  return describe.skip(
    `${title} — skipped: no Chromium at ${executablePath} (apt-get install chromium)`,
    body,
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The web app is served from dist/web: build it first when its sources are newer. */
export function buildWebApp() {
  execFileSync(
    process.execPath,
    [path.resolve(import.meta.dirname, "../../scripts/build-web-if-stale.mjs")],
    { stdio: "inherit" },
  );
}

export const screenshotDir = path.resolve(import.meta.dirname, "../../screenshots");

/** A page in a fresh browser context (its own cookies) with the given language and size. */
export async function newPage(browser: Browser, locale: string, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ locale, viewport });
  return context.newPage();
}

/** A full-page screenshot, to look at: `screenshots/NAME.png` unless another folder is given. */
export const screenshot = (page: Page, name: string, dir = screenshotDir) =>
  page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });

/** Opens `next`, lands on the sign-in page, signs in and waits until the app has taken over. */
export async function signInAs(
  page: Page,
  appUrl: string,
  who: { email: string; password: string },
  next = "/accounts",
) {
  await page.goto(`${appUrl}${next}`);
  await page.waitForURL(/\/sign-in/);
  await page.getByTestId("sign-in-email").fill(who.email);
  await page.getByTestId("sign-in-password").fill(who.password);
  await page.getByTestId("sign-in-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}
