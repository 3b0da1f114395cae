import { mkdirSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertOnboarding } from "../../src/follow-up/follow-up-fixtures.ts";
import { contacts, mailOutbox } from "../../src/platform/db/schema.ts";
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

const MANAGER = {
  email: "manager-seminars@embark.example",
  password: "manager-seminars-pass",
  name: "高橋 マネージャー",
};
const PHONE = { width: 375, height: 812 };
const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

type Json = Record<string, any>;

describeInBrowser("seminars: the list and a seminar's page (ja, en), registration on a phone", () => {
  let app: TestApp;
  let browser: Browser;
  let token: string;
  let workspaceId: string;
  let seminarId: string;
  const pages: Page[] = [];

  const newPage = async (locale: string, viewport?: { width: number; height: number }) => {
    const page = await openPage(browser, locale, viewport);
    pages.push(page);
    return page;
  };
  const api = async (path: string, body?: unknown, method = body === undefined ? "GET" : "POST") =>
    (await app.call(`/api/v1${path}`, { method, body, token })).body as Json;
  async function linkFor(to: string) {
    const rows = await app.services.database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, to), eq(mailOutbox.category, "seminar_invitation")));
    const m = /\/seminar\/([A-Za-z0-9_-]{43})/.exec(rows[0]!.text);
    return `/seminar/${m![1]}`;
  }

  beforeAll(async () => {
    buildWebApp();
    app = await startTestApp("pglite");
    const admin = await app.workspaceWith("seminars", "admin");
    token = admin.token;
    workspaceId = admin.workspace.id;
    await app.call("/api/v1/settings", {
      method: "PATCH",
      token,
      body: { timezone: "Asia/Tokyo" },
    });
    const { db } = app.services.database;
    const manager = await addStaffUser(db, workspaceId, { ...MANAGER, role: "manager" });
    const alpha = await insertOnboarding(db, workspaceId, {
      name: "株式会社アルファ",
      touchModel: "low",
      ownerId: manager.userId,
      startedDaysAgo: 20,
      targetInDays: 40,
    });
    const beta = await insertOnboarding(db, workspaceId, {
      name: "ベータ商事株式会社",
      touchModel: "low",
      ownerId: manager.userId,
      startedDaysAgo: 10,
      targetInDays: 40,
    });
    const people = await db
      .insert(contacts)
      .values([
        {
          workspaceId,
          accountId: alpha.accountId,
          email: "yamada@alpha.example",
          name: "山田 太郎",
          locale: "ja",
        },
        { workspaceId, accountId: alpha.accountId, email: "sato@alpha.example", name: "佐藤 花子" },
        {
          workspaceId,
          accountId: beta.accountId,
          email: "smith@beta.example",
          name: "John Smith",
          locale: "en",
        },
      ])
      .returning();
    const seminar = await api("/seminars", {
      kind: "welcome",
      title: { ja: "ウェルカムセミナー：はじめての設定", en: "Welcome seminar: getting set up" },
      description: {
        ja: "初期設定の流れと、最初の1か月で押さえたい使い方を60分でご紹介します。",
        en: "The set-up steps and what to use in your first month, in 60 minutes.",
      },
      autoInviteTouchModels: ["low", "tech"],
    });
    seminarId = seminar.id;
    const past = await api(`/seminars/${seminarId}/sessions`, {
      startsAt: at(-24 * 7),
      durationMinutes: 60,
      onlineUrl: "https://zoom.example/j/100",
    });
    const next = await api(`/seminars/${seminarId}/sessions`, {
      startsAt: at(24 * 5),
      durationMinutes: 60,
      onlineUrl: "https://zoom.example/j/200",
      capacity: 30,
    });
    await api(`/seminars/${seminarId}/sessions`, { startsAt: at(24 * 19), durationMinutes: 90 });
    // History: the past session had two invitees, one attended.
    const { createInvitations } = await import("../../src/seminars/invitations.ts");
    const { inWorkspace } = await import("../../src/platform/db/client.ts");
    const { requireSession } = await import("../../src/seminars/seminars.ts");
    await inWorkspace(db, workspaceId, async (tx) => {
      const session = await requireSession(tx, workspaceId, past.id);
      await createInvitations(
        tx,
        admin.workspace,
        session,
        people.slice(0, 2).map((p) => ({
          accountId: p.accountId,
          contactId: p.id,
          email: p.email,
          name: p.name,
          locale: p.locale,
        })),
        { source: "auto", publicUrl: app.url, sendMail: false, now: new Date(Date.now() - 10 * 24 * HOUR) },
      );
    });
    const pastInvitations = (await api(`/seminar-sessions/${past.id}/invitations`)).items as Json[];
    await api(`/seminar-invitations/${pastInvitations[0].id}`, { attended: true }, "PATCH");
    await api(`/seminar-invitations/${pastInvitations[1].id}`, { attended: false }, "PATCH");
    await api(`/seminar-sessions/${next.id}/invitations`, { contactIds: people.map((p) => p.id) });
    await api("/seminars", {
      kind: "training",
      title: { ja: "活用トレーニング（応用編）", en: "Hands-on training (advanced)" },
    });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    for (const p of pages) await p.context().close();
    await browser?.close();
    await app?.close();
  });

  it("lists the seminars with next sessions and participation, and runs a seminar's page (ja)", async () => {
    const page = await newPage("ja-JP");
    await signInAs(page, app.url, MANAGER, "/seminars");
    await page.getByTestId("seminars-page").waitFor();
    await expect.poll(() => page.getByTestId("seminar-card").count()).toBe(2);
    const card = page.getByTestId("seminar-card").filter({ hasText: "ウェルカムセミナー：はじめての設定" });
    // Two accounts invited (the upcoming session counts too), one of them attended.
    expect(await card.getByTestId("seminar-participation").textContent()).toBe("50%");
    expect(await card.textContent()).toContain("オンボーディング開始時に自動で招待");
    await screenshot(page, "seminars-list-ja");

    await card.getByTestId("seminar-card-title").click();
    await page.getByTestId("seminar-page").waitFor();
    await expect.poll(() => page.getByTestId("session-row").count()).toBe(3);
    await expect.poll(() => page.getByTestId("invitation-row").count()).toBe(3);
    await screenshot(page, "seminar-page-ja");

    // The past session: attendance by hand.
    await page.getByTestId("session-row").first().click();
    await expect.poll(() => page.getByTestId("invitation-row").count()).toBe(2);
    const yamada = page.getByTestId("invitation-row").filter({ hasText: "山田 太郎" });
    await yamada.getByTestId("attendance-toggle").getByText("参加").click();
    await expect
      .poll(async () => (await page.getByTestId("seminar-page").textContent()) ?? "")
      .toContain("参加 2");

    // The next session: invite by touch model.
    await page.getByTestId("session-row").nth(2).click();
    await page.getByTestId("invite-open").click();
    await page.getByTestId("invite-mode").getByText("タッチモデル").click();
    await page.getByTestId("invite-touch-model").click();
    await page.getByRole("option", { name: "ロータッチ" }).click();
    await screenshot(page, "seminar-invite-ja");
    await page.getByTestId("invite-submit").click();
    await expect.poll(() => page.getByTestId("invitation-row").count()).toBe(3);
  });

  it("shows the list and a seminar's page in English", async () => {
    const page = await newPage("en-US");
    await signInAs(page, app.url, MANAGER, "/seminars");
    await page.getByTestId("seminars-page").waitFor();
    await expect.poll(() => page.getByTestId("seminar-card").count()).toBe(2);
    expect(await page.getByTestId("seminars-page").textContent()).toContain(
      "Welcome seminar: getting set up",
    );
    await screenshot(page, "seminars-list-en");
    await page.getByText("Welcome seminar: getting set up").click();
    await page.getByTestId("seminar-page").waitFor();
    await expect.poll(() => page.getByTestId("invitation-row").count()).toBe(3);
    expect(await page.getByTestId("seminar-page").textContent()).toContain("By hand");
    await screenshot(page, "seminar-page-en");

    // A new seminar from the list: the form, then its (empty) page.
    await page.getByRole("link", { name: "Seminars" }).first().click();
    await page.getByTestId("seminars-page").waitFor();
    await page.getByTestId("seminars-new").click();
    await page.getByTestId("seminar-form").waitFor();
    await page.getByTestId("seminar-form-kind").click();
    await page.getByRole("option", { name: "Training" }).click();
    await page.getByTestId("seminar-form-title-ja").fill("操作トレーニング（基本編）");
    await page.getByTestId("seminar-form-title-en").fill("Hands-on training (basics)");
    await screenshot(page, "seminar-form-en");
    await page.getByTestId("seminar-form-save").click();
    await expect
      .poll(async () => (await page.getByTestId("seminar-title").textContent()) ?? "")
      .toBe("Hands-on training (basics)");
  });

  it("registers from the invitation link on a phone, in the contact's language", async () => {
    const page = await newPage("en-US", PHONE);
    await page.goto(`${app.url}${await linkFor("yamada@alpha.example")}`);
    await page.getByTestId("registration-title").waitFor();
    expect(await page.getByTestId("registration-title").textContent()).toBe(
      "ウェルカムセミナー：はじめての設定",
    );
    expect(await page.getByTestId("registration-when").textContent()).toMatch(/\d+年\d+月\d+日/);
    await screenshot(page, "seminar-registration-phone-ja");
    await page.getByTestId("registration-register").click();
    await expect
      .poll(async () => (await page.getByTestId("registration-status").textContent()) ?? "")
      .toContain("参加登録を受け付けました");
    await page.getByTestId("registration-join").waitFor();
    const ja = await newPage("ja-JP", PHONE);
    await ja.goto(page.url());
    await ja.getByTestId("registration-join").waitFor();
    await screenshot(ja, "seminar-registration-phone-ja-registered");
    const width = Number(await page.evaluate("document.documentElement.scrollWidth"));
    expect(width).toBeLessThanOrEqual(PHONE.width);

    const en = await newPage("ja-JP", PHONE);
    await en.goto(`${app.url}${await linkFor("smith@beta.example")}`);
    await en.getByTestId("registration-title").waitFor();
    expect(await en.getByTestId("registration-title").textContent()).toBe("Welcome seminar: getting set up");
    await en.getByTestId("registration-choose").first().click();
    await expect
      .poll(async () => (await en.getByTestId("registration-status").textContent()) ?? "")
      .toContain("You are registered");
    await screenshot(en, "seminar-registration-phone-en");

    const invalid = await newPage("ja-JP", PHONE);
    await invalid.goto(`${app.url}/seminar/${"x".repeat(43)}`);
    await invalid.getByTestId("registration-invalid").waitFor();
    await screenshot(invalid, "seminar-registration-invalid");
  });
});
