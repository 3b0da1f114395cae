import { describe, expect, it } from "vitest";
import { encodeTimelineCursor, readTimelineBefore } from "./timeline-cursor.ts";

describe("timeline cursor", () => {
  const position = { at: "2026-04-01T09:30:00.123456", id: "8a3d8596-12de-4eec-906e-d3a09b63d1d0" };

  it("reads back the position it encodes", () => {
    expect(readTimelineBefore(encodeTimelineCursor(position))).toEqual({ kind: "cursor", position });
  });

  it("takes an ISO-8601 instant as `before`", () => {
    expect(readTimelineBefore("2026-04-01T00:00:00+09:00")).toEqual({
      kind: "instant",
      instant: new Date("2026-03-31T15:00:00Z"),
    });
  });

  it("refuses anything else", () => {
    for (const bad of [
      "",
      "garbage",
      "2026-04-01",
      encodeTimelineCursor({ at: "yesterday", id: position.id }),
    ])
      expect(readTimelineBefore(bad), bad).toBeNull();
    expect(readTimelineBefore(Buffer.from(`${position.at}|not-a-uuid`).toString("base64url"))).toBeNull();
  });
});
