import { describe, expect, it } from "vitest";
import { workspaceSettings } from "../workspaces/workspace-settings.ts";
import { readMessage } from "./segment-message.ts";
import { usageFrequencyOf } from "./usage-frequency.ts";

const receivedAt = new Date("2026-11-20T10:00:00.000Z");

describe("reading a Segment message", () => {
  it("corrects the client's clock skew with sentAt", () => {
    const read = readMessage(
      {
        type: "track",
        userId: "u",
        event: "E",
        timestamp: "2026-11-20T09:00:00Z",
        sentAt: "2026-11-20T09:00:05Z",
      },
      { receivedAt },
    );
    expect(read.ok && read.message.timestamp.toISOString()).toBe("2026-11-20T09:59:55.000Z");
  });

  it("merges the batch's context and integrations, the message's own values winning", () => {
    const read = readMessage(
      { type: "page", anonymousId: "a", context: { locale: "ja-JP" }, integrations: { All: false } },
      { receivedAt, context: { groupId: "g-1", locale: "en-US" }, integrations: { All: true, Embark: true } },
    );
    expect(read.ok && read.message.groupId).toBe("g-1");
    expect(read.ok && read.message.message.context).toEqual({ groupId: "g-1", locale: "ja-JP" });
    expect(read.ok && read.message.message.integrations).toEqual({ All: false, Embark: true });
  });

  it("never stores the write key and gives a message without an id one", () => {
    const read = readMessage({ type: "identify", userId: 42, writeKey: "wk_secret" }, { receivedAt });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.message.userId).toBe("42");
    expect(read.message.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(read.message.message)).not.toContain("wk_secret");
  });

  it.each([
    [{ type: "track", event: "E" }, "userId or anonymousId is required"],
    [{ type: "track", userId: "u" }, "a track call needs an event name"],
    [{ type: "group", userId: "u" }, "a group call needs a groupId"],
    [{ type: "alias", userId: "u" }, "an alias call needs previousId and userId"],
    [
      { type: "click", userId: "u" },
      'type "click" is not one of track, identify, group, page, screen, alias',
    ],
    [
      { type: "track", userId: "u", event: "E", timestamp: "yesterday" },
      "timestamp is not a date between 2000 and 2099",
    ],
    [
      { type: "track", userId: "u", event: "E", properties: { note: "a\u0000b" } },
      "the message contains a NUL character or an unpaired surrogate",
    ],
    [
      { type: "track", userId: "u", event: "E", properties: { big: "x".repeat(33_000) } },
      "the message is larger than 32 KB",
    ],
    [[1, 2], "a message must be a JSON object"],
  ])("refuses %j: %s", (raw, reason) => {
    expect(readMessage(raw, { receivedAt })).toEqual({ ok: false, reason });
  });
});

describe("usage frequency", () => {
  const settings = workspaceSettings.parse({});
  it.each([
    [20, "daily"],
    [15, "daily"],
    [14, "weekly"],
    [4, "weekly"],
    [3, "monthly"],
    [1, "monthly"],
    [0, "inactive"],
  ])("%i active days of 28 → %s", (days, frequency) => {
    expect(usageFrequencyOf(days, settings)).toBe(frequency);
  });
});
