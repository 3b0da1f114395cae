import { describe, expect, it } from "vitest";
import { mean, median, percentile } from "./percentiles.ts";
import { wilsonInterval } from "./wilson.ts";

describe("the Wilson score interval", () => {
  it("matches known values", () => {
    // CONTRACT.md's example: 10 of 20.
    expect(wilsonInterval(10, 20)).toEqual([0.2993, 0.7007]);
    // p = 0.8, n = 10, z = 1.96: centre (0.8 + 0.19208)/1.38416 = 0.71676, margin 0.26646 → [0.4902, 0.9433]
    expect(wilsonInterval(8, 10)).toEqual([0.4902, 0.9433]);
    // 0 of 10: [0, z²/(n+z²)] = [0, 3.8415/13.8415] = 0.2775
    expect(wilsonInterval(0, 10)).toEqual([0, 0.2775]);
    // 10 of 10 mirrors it
    expect(wilsonInterval(10, 10)).toEqual([0.7225, 1]);
    // 1 of 1
    expect(wilsonInterval(1, 1)).toEqual([0.2065, 1]);
    // 50 of 100 → [0.4038, 0.5962] (the textbook value)
    expect(wilsonInterval(50, 100)).toEqual([0.4038, 0.5962]);
  });

  it("is null without trials", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("percentiles (linear interpolation)", () => {
  it("takes the mean of the two middle values for an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it("interpolates the 90th percentile between closest ranks", () => {
    // position 0.9 × 9 = 8.1 → 9 + 0.1 × (10 − 9)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    // two values: position 0.9 → 1 + 0.9 × (3 − 1)
    expect(percentile([3, 1], 0.9)).toBeCloseTo(2.8, 10);
    expect(percentile([2], 0.9)).toBe(2);
  });

  it("averages", () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
  });
});
