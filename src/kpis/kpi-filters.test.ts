import { expect, it } from "vitest";
import { echoFilters, parseKpiFilters } from "./kpi-filters.ts";

it("reads comma-separated values, none for accounts without one, owners by e-mail in lower case", () => {
  const filters = parseKpiFilters({
    segment: "enterprise, smb,enterprise",
    touchModel: "high,none",
    owner: "Tanaka@Example.com",
    plan: "",
  });
  expect(filters).toEqual({
    segment: ["enterprise", "smb"],
    touchModel: ["high", null],
    owner: ["tanaka@example.com"],
  });
  expect(echoFilters(filters)).toEqual({
    segment: ["enterprise", "smb"],
    touchModel: ["high", "none"],
    owner: ["tanaka@example.com"],
  });
  expect(echoFilters(parseKpiFilters({}))).toBeUndefined();
  // A plan may be any short text, Japanese too.
  expect(parseKpiFilters({ plan: "プレミアム,none" })).toEqual({ plan: ["プレミアム", null] });
});

it("names every parameter with a value that cannot be one", () => {
  let error: unknown;
  try {
    parseKpiFilters({ touchModel: "zoom", owner: "tanaka", segment: "大企業" });
  } catch (e) {
    error = e;
  }
  expect(error).toMatchObject({
    code: "validation_failed",
    details: [
      { path: "segment", message: expect.stringContaining('"大企業"') },
      { path: "touchModel", message: expect.stringContaining("high, low, tech, community") },
      { path: "owner", message: expect.stringContaining("e-mail") },
    ],
  });
  expect(() => parseKpiFilters({ plan: Array.from({ length: 51 }, (_, i) => `p${i}`).join(",") })).toThrow(
    /at most 50/,
  );
});
