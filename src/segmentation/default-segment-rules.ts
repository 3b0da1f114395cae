import type { SegmentRuleSet } from "./segment-rules.ts";

/**
 * The rules a new workspace starts with, after seed 000 (company size and contract plan):
 * premium plan or 1,000+ employees → enterprise; middle plan or 100+ employees → mid-market;
 * everything else → small.
 */
export const defaultSegmentRules: SegmentRuleSet = {
  segments: [
    { key: "enterprise", label: { ja: "エンタープライズ", en: "Enterprise" } },
    { key: "mid_market", label: { ja: "ミッドマーケット", en: "Mid-market" } },
    { key: "small", label: { ja: "スモールビジネス", en: "Small business" } },
  ],
  rules: [
    { segment: "enterprise", conditions: [{ field: "plan", op: "eq", value: "premium" }] },
    { segment: "enterprise", conditions: [{ field: "employees", op: "gte", value: 1000 }] },
    { segment: "mid_market", conditions: [{ field: "plan", op: "eq", value: "middle" }] },
    { segment: "mid_market", conditions: [{ field: "employees", op: "gte", value: 100 }] },
  ],
  fallback: "small",
};
