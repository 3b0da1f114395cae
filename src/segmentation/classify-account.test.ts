import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { touchModels } from "../accounts/account-fields.ts";
import {
  defaultTouchModelPolicy,
  findSwitchingRule,
  type InForce,
  type TouchModel,
  type TouchModelPolicy,
} from "../touch-models/touch-model-policy.ts";
import { type ClassifiableAccount, classifyAccount, type TouchModelSource } from "./classify-account.ts";
import { defaultSegmentRules } from "./default-segment-rules.ts";
import { checkLifecycleChange } from "./lifecycle-transitions.ts";
import { type Condition, type SegmentRuleSet, segmentRuleSet } from "./segment-rules.ts";
import { createChangeTally } from "./summarize-changes.ts";

const policy: InForce<TouchModelPolicy> = { version: 3, definition: defaultTouchModelPolicy };
const modelArb = fc.constantFrom(...touchModels);

const accountArb: fc.Arbitrary<ClassifiableAccount> = fc.record({
  id: fc.uuid(),
  ownerId: fc.option(fc.constantFrom("u1", "u2", "u3")),
  facts: fc.record({
    employees: fc.option(fc.integer({ min: 0, max: 5_000 })),
    plan: fc.option(fc.constantFrom("premium", "middle", "light")),
    lifecyclePhase: fc.constantFrom("onboarding", "adoption", "expansion", "churned"),
    usageFrequency: fc.option(fc.constantFrom("daily", "weekly", "monthly", "inactive")),
  }),
  segment: fc.option(fc.constantFrom("enterprise", "mid_market", "small", "gone")),
  segmentRule: fc.option(fc.integer({ min: 1, max: 4 })),
  touchModel: fc.option(modelArb),
  touchModelSource: fc.option(fc.constantFrom<TouchModelSource>("rule", "signal", "override")),
  touchModelOverride: fc.option(modelArb),
});

const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    field: fc.constant("employees" as const),
    op: fc.constantFrom("gte" as const, "lt" as const),
    value: fc.integer({ min: 0, max: 5_000 }),
  }),
  fc.record({
    field: fc.constant("plan" as const),
    op: fc.constantFrom("eq" as const, "neq" as const),
    value: fc.constantFrom("premium", "middle", "light"),
  }),
  fc.record({
    field: fc.constant("lifecyclePhase" as const),
    op: fc.constant("in" as const),
    value: fc.constant<(string | number)[]>(["adoption", "expansion"]),
  }),
);
const ruleSetArb: fc.Arbitrary<SegmentRuleSet> = fc.record({
  rules: fc.array(
    fc.record({
      segment: fc.constantFrom("enterprise", "mid_market", "small", "strategic"),
      conditions: fc.array(conditionArb, { maxLength: 3 }),
    }),
    { maxLength: 6 },
  ),
  fallback: fc.constantFrom("small", "other"),
});

describe("classifying an account", () => {
  it("gives the effective touch model by precedence: override, then a signal switch in force, then the policy", () => {
    fc.assert(
      fc.property(accountArb, ruleSetArb, (account, rules) => {
        const { next } = classifyAccount(account, rules, policy);
        expect(next.segment).not.toBeNull();
        if (account.touchModelOverride) {
          expect(next).toMatchObject({
            touchModel: account.touchModelOverride,
            touchModelSource: "override",
          });
        } else if (
          account.touchModelSource === "signal" &&
          account.touchModel &&
          account.segment === next.segment
        ) {
          expect(next).toMatchObject({ touchModel: account.touchModel, touchModelSource: "signal" });
        } else {
          const mapping = defaultTouchModelPolicy.mapping as Record<string, TouchModel>;
          expect(next.touchModelSource).toBe("rule");
          expect(next.touchModel).toBe(mapping[next.segment!] ?? defaultTouchModelPolicy.fallback);
        }
        // Classifying again changes nothing: the result is a fixed point.
        const again = classifyAccount({ ...account, ...next }, rules, policy);
        expect(again.next).toEqual(next);
        expect(again.change).toBeNull();
      }),
    );
  });

  it("records a history change exactly when the effective model changes or an override starts or ends", () => {
    fc.assert(
      fc.property(accountArb, (account) => {
        const { next, change } = classifyAccount(account, defaultSegmentRules, policy);
        const overrideEvent =
          (next.touchModelSource === "override") !== (account.touchModelSource === "override");
        if (account.touchModel !== next.touchModel || overrideEvent) {
          expect(change).toMatchObject({ from: account.touchModel, to: next.touchModel });
        } else expect(change).toBeNull();
      }),
    );
  });

  it("explains the policy decision with the policy version", () => {
    const account: ClassifiableAccount = {
      id: "a",
      ownerId: null,
      facts: { employees: 12, plan: "light" },
      segment: null,
      segmentRule: null,
      touchModel: null,
      touchModelSource: null,
      touchModelOverride: null,
    };
    expect(classifyAccount(account, defaultSegmentRules, policy)).toEqual({
      next: { segment: "small", segmentRule: null, touchModel: "tech", touchModelSource: "rule" },
      change: { from: null, to: "tech", kind: "rule", reason: "segment small → tech touch (policy v3)" },
    });
  });

  it("tallies a preview that equals what applying the classification does", () => {
    fc.assert(
      fc.property(fc.array(accountArb, { maxLength: 40 }), ruleSetArb, (accounts, rules) => {
        const tally = createChangeTally();
        const applied = accounts.map((a) => {
          const { next } = classifyAccount(a, rules, policy);
          tally.add(a.ownerId, a, next);
          return { before: a, after: next };
        });
        const summary = tally.summary(new Map());
        const moved = applied.filter((p) => p.before.segment !== p.after.segment);
        expect(summary.segmentChanges).toBe(moved.length);
        expect(summary.segmentMoves.reduce((n, m) => n + m.count, 0)).toBe(moved.length);
        for (const m of summary.segmentMoves)
          expect(m.count).toBe(
            moved.filter((p) => p.before.segment === m.from && p.after.segment === m.to).length,
          );
        const after = summary.segments.reduce((n, s) => n + s.after, 0);
        expect(after).toBe(accounts.length); // every account in exactly one segment
        for (const o of summary.owners)
          expect(Object.values(o.after.segments).reduce((n, c) => n + c, 0)).toBe(
            accounts.filter((a) => a.ownerId === o.ownerId).length,
          );
      }),
    );
  });
});

describe("switching rules", () => {
  const facts = { plan: "premium", lifecyclePhase: "adoption" };
  it("switch tech to low on a detractor and low to high for a premium account whose usage drops", () => {
    const p = defaultTouchModelPolicy;
    expect(findSwitchingRule(p, { type: "detractor", score: 3 }, "tech", facts)?.rule.to).toBe("low");
    expect(
      findSwitchingRule(p, { type: "usage_dropped", from: "weekly", to: "monthly" }, "low", facts)?.rule.to,
    ).toBe("high");
    expect(
      findSwitchingRule(p, { type: "usage_dropped", from: "weekly", to: "monthly" }, "low", {
        plan: "light",
      }),
    ).toBeNull();
    // usage that rises is not a drop
    expect(
      findSwitchingRule(p, { type: "usage_dropped", from: "monthly", to: "daily" }, "tech", facts),
    ).toBeNull();
    expect(
      findSwitchingRule(p, { type: "lifecycle_changed", from: "adoption", to: "churned" }, "high", facts)
        ?.number,
    ).toBe(6);
  });
});

describe("segment rule definitions", () => {
  it("accept the defaults and refuse undefined segments and values that do not fit the operator", () => {
    expect(segmentRuleSet.safeParse(defaultSegmentRules).success).toBe(true);
    const bad = segmentRuleSet.safeParse({
      segments: [{ key: "a", label: { ja: "A", en: "A" } }],
      rules: [
        { segment: "b", conditions: [{ field: "employees", op: "gte", value: "many" }] },
        { segment: "a", conditions: [{ field: "lifecyclePhase", op: "in", value: ["sleeping"] }] },
        { segment: "a", conditions: [{ field: "plan", op: "in", value: "premium" }] },
      ],
      fallback: "c",
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "fallback",
      "rules.0.conditions.0.value",
      "rules.0.segment",
      "rules.1.conditions.0.value",
      "rules.2.conditions.0.value",
    ]);
  });
});

describe("lifecycle phase", () => {
  const at = (phase: string, churnedAt: unknown = null) => ({ lifecyclePhase: phase, churnedAt });
  it("moves forward, churns with a date, and leaving churned clears the date", () => {
    expect(checkLifecycleChange(at("onboarding"), { lifecyclePhase: "adoption" })).toEqual({
      lifecyclePhase: "adoption",
      clearChurn: false,
    });
    expect(() => checkLifecycleChange(at("expansion"), { lifecyclePhase: "onboarding" })).toThrow(
      /move back/,
    );
    expect(() => checkLifecycleChange(at("adoption"), { lifecyclePhase: "churned" })).toThrow(
      /churnedAt is required/,
    );
    expect(
      checkLifecycleChange(at("adoption"), { lifecyclePhase: "churned", churnedAt: "2026-05-01" })
        .lifecyclePhase,
    ).toBe("churned");
    expect(checkLifecycleChange(at("adoption"), { churnedAt: "2026-05-01" }).lifecyclePhase).toBe("churned");
    expect(checkLifecycleChange(at("churned", new Date()), { lifecyclePhase: "adoption" })).toEqual({
      lifecyclePhase: "adoption",
      clearChurn: true,
    });
    expect(() => checkLifecycleChange(null, { lifecyclePhase: "churned" })).toThrow();
    expect(() =>
      checkLifecycleChange(null, { lifecyclePhase: "adoption", churnedAt: "2026-01-01" }),
    ).toThrow();
  });
});
