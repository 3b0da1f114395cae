import { z } from "zod";
import { lifecyclePhases, touchModels } from "../accounts/account-fields.ts";
import {
  type AccountFacts,
  condition,
  describeCondition,
  holds,
  usageFrequencies,
} from "../segmentation/segment-rules.ts";

export type TouchModel = (typeof touchModels)[number];
export const touchModel = z.enum(touchModels, { error: `must be one of ${touchModels.join(", ")}` });

/** The signals switching rules react to; further capabilities add theirs here. */
export const signalTypes = ["usage_dropped", "detractor", "lifecycle_changed"] as const;
export type SignalType = (typeof signalTypes)[number];

export const switchingRule = z.object({
  signal: z.enum(signalTypes),
  /** The effective touch models the rule applies to; empty or absent: any. */
  fromModels: z.array(touchModel).max(4).optional(),
  /** Conditions on the account (after the signal: its new phase / usage frequency); all must hold. */
  conditions: z.array(condition).max(20).optional(),
  to: touchModel,
});
export type SwitchingRule = z.infer<typeof switchingRule>;

export const touchModelPolicy = z.object({
  /** segment key → touch model */
  mapping: z.record(z.string().min(1).max(100), touchModel),
  /** The touch model of a segment the mapping does not name. */
  fallback: touchModel,
  /** Tried in order when a signal arrives; the first that applies switches the account. */
  switchingRules: z.array(switchingRule).max(50),
});
export type TouchModelPolicy = z.infer<typeof touchModelPolicy>;

/** After seed 000: high touch for high-LTV customers, low touch for the middle, tech touch for small ones. */
export const defaultTouchModelPolicy: TouchModelPolicy = {
  mapping: { enterprise: "high", mid_market: "low", small: "tech" },
  fallback: "tech",
  switchingRules: [
    { signal: "detractor", fromModels: ["tech"], to: "low" },
    {
      signal: "detractor",
      fromModels: ["low"],
      conditions: [{ field: "plan", op: "eq", value: "premium" }],
      to: "high",
    },
    {
      signal: "usage_dropped",
      fromModels: ["low"],
      conditions: [{ field: "plan", op: "eq", value: "premium" }],
      to: "high",
    },
    { signal: "usage_dropped", fromModels: ["tech"], to: "low" },
    {
      signal: "lifecycle_changed",
      fromModels: ["tech"],
      conditions: [{ field: "lifecyclePhase", op: "eq", value: "expansion" }],
      to: "low",
    },
    {
      signal: "lifecycle_changed",
      fromModels: ["high", "low"],
      conditions: [{ field: "lifecyclePhase", op: "eq", value: "churned" }],
      to: "tech",
    },
  ],
};

/** A version of a definition in force; version 0 is the built-in default (nothing saved yet). */
export interface InForce<T> {
  version: number;
  definition: T;
}

const policyName = (version: number) => (version === 0 ? "default policy" : `policy v${version}`);

/** The touch model the policy gives a segment, with the explanation. */
export function mapTouchModel(
  policy: InForce<TouchModelPolicy>,
  segment: string,
): { model: TouchModel; reason: string } {
  const mapped = Object.hasOwn(policy.definition.mapping, segment)
    ? policy.definition.mapping[segment]
    : undefined;
  const model = mapped ?? policy.definition.fallback;
  const reason = mapped
    ? `segment ${segment} → ${model} touch (${policyName(policy.version)})`
    : `segment ${segment} has no mapping → fallback ${model} touch (${policyName(policy.version)})`;
  return { model, reason };
}

export const touchSignal = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("usage_dropped"),
    from: z.enum(usageFrequencies).nullable(),
    to: z.enum(usageFrequencies),
    at: z.date().optional(),
  }),
  z.object({
    type: z.literal("detractor"),
    score: z.number().int().min(0).max(6),
    at: z.date().optional(),
  }),
  z.object({
    type: z.literal("lifecycle_changed"),
    from: z.enum(lifecyclePhases).nullable(),
    to: z.enum(lifecyclePhases),
    at: z.date().optional(),
  }),
]);
export type TouchSignal = z.infer<typeof touchSignal>;

const frequencyRank = (f: string | null) => (f === null ? -1 : usageFrequencies.indexOf(f as never));

/** Whether the signal is what its name says (usage falling really falls). */
export function isGenuineSignal(signal: TouchSignal): boolean {
  if (signal.type === "usage_dropped")
    return signal.from !== null && frequencyRank(signal.to) > frequencyRank(signal.from);
  if (signal.type === "lifecycle_changed") return signal.from !== signal.to;
  return true;
}

/** The account as the signal leaves it: the new phase or usage frequency. */
export function factsAfter(signal: TouchSignal, facts: AccountFacts): AccountFacts {
  if (signal.type === "usage_dropped") return { ...facts, usageFrequency: signal.to };
  if (signal.type === "lifecycle_changed") return { ...facts, lifecyclePhase: signal.to };
  return facts;
}

/** The first switching rule that applies to an account on the signal (1-based number), or null. */
export function findSwitchingRule(
  policy: TouchModelPolicy,
  signal: TouchSignal,
  current: TouchModel | null,
  facts: AccountFacts,
): { rule: SwitchingRule; number: number } | null {
  if (!isGenuineSignal(signal)) return null;
  const after = factsAfter(signal, facts);
  const index = policy.switchingRules.findIndex(
    (r) =>
      r.signal === signal.type &&
      (!r.fromModels?.length || (current !== null && r.fromModels.includes(current))) &&
      (r.conditions ?? []).every((c) => holds(c, after)),
  );
  return index < 0 ? null : { rule: policy.switchingRules[index]!, number: index + 1 };
}

/** "detractor answer (score 3) on 2026-11-02" */
export function describeSignal(signal: TouchSignal, day: string): string {
  switch (signal.type) {
    case "detractor":
      return `detractor answer (score ${signal.score}) on ${day}`;
    case "usage_dropped":
      return `usage dropped from ${signal.from} to ${signal.to} on ${day}`;
    case "lifecycle_changed":
      return `lifecycle phase changed from ${signal.from ?? "none"} to ${signal.to} on ${day}`;
  }
}

export function describeSwitchingRule(rule: SwitchingRule): string {
  const from = rule.fromModels?.length ? ` from ${rule.fromModels.join("/")}` : "";
  const when = rule.conditions?.length ? ` when ${rule.conditions.map(describeCondition).join(" and ")}` : "";
  return `on ${rule.signal}${from}${when} → ${rule.to}`;
}

/** "switched from tech to low: detractor answer (score 3) on 2026-11-02 (switching rule 1, policy v3)" */
export function describeSwitch(
  from: TouchModel | null,
  to: TouchModel,
  signal: TouchSignal,
  day: string,
  ruleNumber: number,
  policyVersion: number,
): string {
  return `switched from ${from ?? "none"} to ${to}: ${describeSignal(signal, day)} (switching rule ${ruleNumber}, ${policyName(policyVersion)})`;
}
