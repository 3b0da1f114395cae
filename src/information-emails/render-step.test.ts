import { describe, expect, it } from "vitest";
import { renderStep, stepDueAt } from "./render-step.ts";

const step = {
  subject: { ja: "{{account_name}}様へ", en: "For {{account_name}}" },
  body: {
    ja: "{{contact_name}} 様\n\nポータル：\n{{portal_link}}\n\n以上です。",
    en: "Hello {{contact_name}},\n\nYour portal: {{portal_link}}\n\nThat is all.",
  },
};

describe("information e-mail texts", () => {
  it("fills the placeholders in the recipient's language", () => {
    const values = {
      accountName: "株式会社ガンマ",
      contactName: "山田 太郎",
      portalLink: "https://x.example/portal/abc",
    };
    expect(renderStep(step, values, "ja")).toEqual({
      subject: "株式会社ガンマ様へ",
      text: "山田 太郎 様\n\nポータル：\nhttps://x.example/portal/abc\n\n以上です。",
    });
    expect(renderStep(step, values, "en").text).toBe(
      "Hello 山田 太郎,\n\nYour portal: https://x.example/portal/abc\n\nThat is all.",
    );
  });

  it("leaves out the lines naming the portal link when there is none, and greets an unnamed contact", () => {
    const values = { accountName: "Gamma", contactName: null, portalLink: null };
    expect(renderStep(step, values, "ja").text).toBe("ご担当者 様\n\nポータル：\n\n以上です。");
    expect(renderStep(step, values, "en").text).toBe("Hello there,\n\nThat is all.");
  });

  it("dates a step at 10:00 on its day in the workspace time zone, across a DST change", () => {
    // Started 23:30 on 1 March in Tokyo (14:30 UTC): day 0 is 1 March, 10:00 JST.
    const start = new Date("2026-03-01T14:30:00Z");
    expect(stepDueAt(start, 0, "Asia/Tokyo").toISOString()).toBe("2026-03-01T01:00:00.000Z");
    expect(stepDueAt(start, 3, "Asia/Tokyo").toISOString()).toBe("2026-03-04T01:00:00.000Z");
    // New York moves to summer time on 8 March 2026: 10:00 EST then 10:00 EDT.
    expect(stepDueAt(start, 0, "America/New_York").toISOString()).toBe("2026-03-01T15:00:00.000Z");
    expect(stepDueAt(start, 10, "America/New_York").toISOString()).toBe("2026-03-11T14:00:00.000Z");
  });
});
