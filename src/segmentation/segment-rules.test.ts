import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AccountFacts,
  assignSegment,
  type Condition,
  explainSegment,
  type SegmentRuleSet,
} from "./segment-rules.ts";

const rules: SegmentRuleSet = {
  rules: [
    {
      segment: "enterprise",
      conditions: [
        { field: "plan", op: "eq", value: "premium" },
        { field: "employees", op: "gte", value: 500 },
      ],
    },
    { segment: "mid", conditions: [{ field: "employees", op: "gte", value: 100 }] },
    { segment: "kansai", conditions: [{ field: "custom.region", op: "in", value: ["関西", "Kansai"] }] },
  ],
  fallback: "smb",
};

describe("segment rules", () => {
  it("takes the first rule whose conditions all hold and explains it", () => {
    const big = { plan: "Premium", employees: 1200 };
    expect(assignSegment(rules, big)).toEqual({ segment: "enterprise", rule: 1 });
    expect(explainSegment(rules, big)).toBe("matched rule 1: plan = premium and employees ≥ 500");
    expect(assignSegment(rules, { plan: "premium", employees: 300 })).toEqual({ segment: "mid", rule: 2 });
    expect(assignSegment(rules, { employees: 20, custom: { region: "関西" } })).toEqual({
      segment: "kansai",
      rule: 3,
    });
    expect(explainSegment(rules, { employees: null })).toBe("no rule matched; fallback segment smb");
  });

  it("never matches a missing value with a comparison", () => {
    const c: Condition = { field: "employees", op: "lt", value: 10 };
    expect(assignSegment({ rules: [{ segment: "tiny", conditions: [c] }], fallback: "x" }, {}).segment).toBe(
      "x",
    );
  });

  const accountArb: fc.Arbitrary<AccountFacts> = fc.record({
    employees: fc.option(fc.integer({ min: 0, max: 50_000 })),
    plan: fc.option(fc.constantFrom("premium", "middle", "light")),
    industry: fc.option(fc.constantFrom("製造業", "IT", "小売")),
    custom: fc.dictionary(fc.constantFrom("region", "tier"), fc.constantFrom("関西", "関東", "A")),
  });
  const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
    fc.record({
      field: fc.constant("employees" as const),
      op: fc.constantFrom("gte", "lt", "isEmpty" as const),
      value: fc.integer({ min: 0, max: 50_000 }),
    }),
    fc.record({
      field: fc.constant("plan" as const),
      op: fc.constantFrom("eq", "neq" as const),
      value: fc.constantFrom("premium", "light"),
    }),
    fc.record({
      field: fc.constant("custom.region" as const),
      op: fc.constantFrom("in", "notIn" as const),
      value: fc.constant<(string | number)[]>(["関西"]),
    }),
  );
  const ruleSetArb: fc.Arbitrary<SegmentRuleSet> = fc.record({
    rules: fc.array(
      fc.record({
        segment: fc.constantFrom("a", "b", "c", "d"),
        conditions: fc.array(conditionArb, { maxLength: 3 }),
      }),
      { maxLength: 6 },
    ),
    fallback: fc.constant("rest"),
  });

  it("puts every account in exactly one segment: the first matching rule's, else the fallback", () => {
    fc.assert(
      fc.property(ruleSetArb, accountArb, (set, account) => {
        const { segment, rule } = assignSegment(set, account);
        if (rule === null) expect(segment).toBe("rest");
        else {
          expect(set.rules[rule - 1]!.segment).toBe(segment);
          expect(assignSegment({ ...set, rules: set.rules.slice(0, rule - 1) }, account).rule).toBeNull();
        }
      }),
    );
  });
});
