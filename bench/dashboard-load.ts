/**
 * How long the dashboard takes to show its KPIs in a real browser on the embedded database: the
 * server in this process on PGlite with a generated 10,000-account workspace (bench/kpis-data.ts:
 * two years of onboardings, churns, answers, inquiries, seminars and 1,000,000 usage events),
 * Chromium through playwright-core, a signed-in admin. Measured from the navigation to
 * /dashboard?period=thisQuarter until every KPI tile shows its value, then until every tile also has
 * its change from the previous period and its trend line:
 *
 * - cold: a new browser context each time (no cached scripts, no cached answers), signed in through
 *   the API so the app's files are fetched by the dashboard's own navigation;
 * - warm: the same page navigated to again (scripts cached; the answers are asked for again).
 *
 * Goal (issue 7): the dashboard loads fast at 10,000 accounts (its KPI requests ≤ 1 s).
 *
 *   npm run bench:dashboard -- [--accounts 10000] [--events 1000000] [--cold 3] [--warm 5] [--locale ja-JP]
 */
import os from "node:os";
import { parseArgs } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { loadConfig } from "../src/platform/config.ts";
import { startServer } from "../src/platform/server.ts";
import { openServices } from "../src/platform/services.ts";
import { buildWebApp, launchBrowser } from "../test/support/browser.ts";
import { freePort } from "../test/support/server-process.ts";
import { machine, percentile, withTempDataDir } from "./bench-support.ts";
import { generateKpiWorkspace } from "./kpis-data.ts";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "10000" },
    events: { type: "string", default: "1000000" },
    cold: { type: "string", default: "3" },
    warm: { type: "string", default: "5" },
    locale: { type: "string", default: "ja-JP" },
  },
});
for (const name of ["accounts", "events", "cold", "warm"] as const)
  if (!(Number.isInteger(Number(values[name])) && Number(values[name]) > 0))
    throw new Error(`--${name} must be a positive whole number`);

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const fmt = (n: number) => n.toLocaleString("en-US");

// Predicates evaluated in the page (strings: this file is type-checked without the DOM library); when
// met they return the page's clock, milliseconds since the navigation started.
/** Every tile has its value (the period's answer has been shown). */
const valuesShown = `(() => {
  const tiles = [...document.querySelectorAll('[data-testid="kpi-tile"]')];
  return tiles.length >= 10 && tiles.every((t) => t.querySelector('[data-testid="kpi-value"]')) && performance.now();
})()`;
/** …and its change and trend line (the trend's answer has been drawn); no placeholder is left. */
const everythingShown = `(() => {
  const tiles = [...document.querySelectorAll('[data-testid="kpi-tile"]')];
  return tiles.length >= 10 &&
    tiles.every((t) => t.querySelector('[data-testid="kpi-value"]') && t.querySelector('[data-testid="kpi-delta"]')
      && !t.querySelector(".mantine-Skeleton-root")) &&
    [...document.querySelectorAll('[data-testid="kpi-trend"]')].every((t) => t.querySelector("svg path")) &&
    performance.now();
})()`;

interface Load {
  values: number;
  complete: number;
  requests: string[];
  /** Requests the page sent more than once in this navigation (same path and query). */
  repeated: number;
}

async function measure(page: Page, url: string): Promise<Load> {
  await page.goto(`${url}/dashboard?period=thisQuarter`);
  const at = async (predicate: string) =>
    Math.round(
      (await (
        await page.waitForFunction(predicate, undefined, { polling: 50, timeout: 60_000 })
      ).jsonValue()) as number,
    );
  const shown = await at(valuesShown);
  const complete = await at(everythingShown);
  // The API requests of this navigation: when each started and ended, from the navigation's start.
  const requests = (await page.evaluate(`performance.getEntriesByType("resource")
    .filter((e) => e.name.includes("/api/"))
    .map((e) => [e.name, Math.round(e.startTime), Math.round(e.responseEnd)])`)) as [
    string,
    number,
    number,
  ][];
  const names = requests.map(([name]) => name);
  return {
    values: shown,
    complete,
    repeated: names.length - new Set(names).size,
    requests: requests.map(([name, start, end]) => {
      const u = new URL(name);
      u.searchParams.delete("from");
      u.searchParams.delete("to");
      return `${u.pathname.replace("/api/v1", "")}${u.search} ${start}–${end}`;
    }),
  };
}

async function signedInContext(browser: Browser, url: string, admin: { email: string; password: string }) {
  const context: BrowserContext = await browser.newContext({
    locale: values.locale,
    viewport: { width: 1440, height: 900 },
  });
  const res = await context.request.post(`${url}/api/auth/sign-in/email`, {
    data: { email: admin.email, password: admin.password },
    headers: { origin: url },
  });
  if (!res.ok()) throw new Error(`sign-in answered ${res.status()}: ${await res.text()}`);
  return context;
}

const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${fmt(percentile(s, 50))} ms, max ${fmt(s.at(-1)!)} ms`;
};

console.log(`dashboard load benchmark — ${machine()}; load average at start ${loadAverage()}`);
buildWebApp();
await withTempDataDir("embark-bench-dashboard-", async (dir) => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const services = await openServices({
    ...loadConfig({ port }, { LOG_LEVEL: "silent", EMBARK_PUBLIC_URL: url }),
    database: { kind: "pglite", dataDir: dir },
  });
  const server = await startServer(services, port);
  let browser: Browser | undefined;
  try {
    const t0 = performance.now();
    const { admin, counts } = await generateKpiWorkspace(services.database, {
      accounts: Number(values.accounts),
      events: Number(values.events),
      now: new Date(),
    });
    console.log(
      `PGlite: ${fmt(counts.accounts!)} accounts, ${fmt(counts.onboardings!)} onboardings, ${fmt(counts.events!)} raw events, ` +
        `${fmt(counts.survey_responses!)} survey answers, ${fmt(counts.inquiries!)} inquiries, ` +
        `${fmt(counts.seminar_invitations!)} seminar invitations (generated in ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
    browser = await launchBrowser();
    console.log(`Chromium ${browser.version()}, ${values.locale}, 1440×900; load average ${loadAverage()}`);

    const cold: Load[] = [];
    for (let i = 0; i < Number(values.cold); i++) {
      const context = await signedInContext(browser, url, admin);
      const page = await context.newPage();
      const load = await measure(page, url);
      cold.push(load);
      console.log(
        `  cold ${i + 1}: values ${fmt(load.values)} ms, with changes and trends ${fmt(load.complete)} ms${load.repeated ? `, ${load.repeated} requests sent twice` : ""}\n    requests (ms from navigation): ${load.requests.join(", ")}`,
      );
      await context.close();
    }
    const context = await signedInContext(browser, url, admin);
    const page = await context.newPage();
    await measure(page, url);
    const warm: Load[] = [];
    for (let i = 0; i < Number(values.warm); i++) {
      const load = await measure(page, url);
      warm.push(load);
      console.log(
        `  warm ${i + 1}: values ${fmt(load.values)} ms, with changes and trends ${fmt(load.complete)} ms${load.repeated ? `, ${load.repeated} requests sent twice` : ""}\n    requests (ms from navigation): ${load.requests.join(", ")}`,
      );
    }
    await context.close();

    console.log(`\n                          values shown                 with changes and trend lines`);
    console.log(
      `cold (new context)   ${summary(cold.map((l) => l.values)).padEnd(28)} ${summary(cold.map((l) => l.complete))}`,
    );
    console.log(
      `warm (same page)     ${summary(warm.map((l) => l.values)).padEnd(28)} ${summary(warm.map((l) => l.complete))}`,
    );
    const all = [...cold, ...warm];
    const slowestValues = Math.max(...all.map((l) => l.values));
    const slowestComplete = Math.max(...all.map((l) => l.complete));
    console.log(
      `\ngoal: the dashboard's KPIs within 1 s at ${fmt(counts.accounts!)} accounts — slowest ${fmt(slowestValues)} ms` +
        ` ${slowestValues <= 1000 ? "met" : "NOT met"} (with changes and trend lines: slowest ${fmt(slowestComplete)} ms` +
        ` ${slowestComplete <= 1000 ? "met" : "NOT met"})`,
    );
    console.log(`load average at the end: ${loadAverage()}`);
  } finally {
    await browser?.close();
    await server.stop();
  }
});
