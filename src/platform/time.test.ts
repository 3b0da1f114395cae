import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateInZone, parseDateOrInstant } from "./time.ts";

describe("parseDateOrInstant", () => {
  it("reads a date as midnight in the workspace time zone", () => {
    expect(parseDateOrInstant("2026-04-01", "Asia/Tokyo")?.toISOString()).toBe("2026-03-31T15:00:00.000Z");
    expect(parseDateOrInstant("2026-04-01", "UTC")?.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    expect(parseDateOrInstant("2026-03-08", "America/New_York")?.toISOString()).toBe(
      "2026-03-08T05:00:00.000Z",
    );
    expect(parseDateOrInstant("2026-03-09", "America/New_York")?.toISOString()).toBe(
      "2026-03-09T04:00:00.000Z",
    );
  });
  it("reads ISO instants with their offset", () => {
    expect(parseDateOrInstant("2026-04-01T09:30:00+09:00", "UTC")?.toISOString()).toBe(
      "2026-04-01T00:30:00.000Z",
    );
    expect(parseDateOrInstant("2026-04-01T00:00:00Z", "Asia/Tokyo")?.toISOString()).toBe(
      "2026-04-01T00:00:00.000Z",
    );
  });
  it("rejects what is not a date", () => {
    for (const bad of ["2026-02-30", "2026/04/01", "tomorrow", "2026-04-01T10:00", "", "20260401"])
      expect(parseDateOrInstant(bad, "UTC")).toBeNull();
  });
  it("round-trips every day in every tested zone", () => {
    const zones = ["UTC", "Asia/Tokyo", "America/Los_Angeles", "Europe/Berlin", "Pacific/Chatham"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2040-12-31"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (d, tz) => {
          const day = d.toISOString().slice(0, 10);
          const instant = parseDateOrInstant(day, tz)!;
          expect(dateInZone(instant, tz)).toBe(day);
        },
      ),
    );
  });
});
