import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
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
