import { z } from "zod";
import { lifecyclePhases } from "../accounts/account-fields.ts";

/** Account attributes rules can test; `custom.<key>` reaches custom attributes from imports. */
export const ruleFields = [
  "employees",
  "annualRevenue",
  "contractValue",
  "industry",
  "plan",
  "lifecyclePhase",
  "usageFrequency",
] as const;
export type RuleField = (typeof ruleFields)[number] | `custom.${string}`;

export const operators = [
  "eq",
  "neq",
  "in",
  "notIn",
  "gte",
  "gt",
  "lte",
  "lt",
  "contains",
  "isEmpty",
  "isNotEmpty",
] as const;
export type Operator = (typeof operators)[number];

const fieldSchema = z.union([
  z.enum(ruleFields),
  z
    .string()
    .regex(
      /^custom\.[^\s]{1,100}$/,
      "must be an account field or custom.<attribute>",
    ) as z.ZodType<`custom.${string}`>,
]);

/** How often an account's users use the product, measured from events (most to least). */
export const usageFrequencies = ["daily", "weekly", "monthly", "inactive"] as const;
export type UsageFrequency = (typeof usageFrequencies)[number];

const scalar = z.union([z.string().max(500), z.number().finite()]);

export const condition = z
  .object({
    field: fieldSchema,
    op: z.enum(operators),
    value: z.union([scalar, z.array(scalar).max(200)]).optional(),
  })
  .superRefine((c, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message });
    const values = Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value];
    if (c.op === "isEmpty" || c.op === "isNotEmpty") {
      if (c.value !== undefined) issue(`takes no value with ${c.op}`);
      return;
    }
    if (c.op === "in" || c.op === "notIn") {
      if (!Array.isArray(c.value) || c.value.length === 0) issue(`must be a non-empty list with ${c.op}`);
    } else if (c.value === undefined || Array.isArray(c.value) || c.value === "") {
      issue(`must be a single value with ${c.op}`);
    }
    if (["gte", "gt", "lte", "lt"].includes(c.op) && values.some((v) => Number.isNaN(asNumber(v))))
      issue(`must be a number with ${c.op}`);
    const allowed =
      c.field === "lifecyclePhase" ? lifecyclePhases : c.field === "usageFrequency" ? usageFrequencies : null;
    if (allowed && ["eq", "neq", "in", "notIn"].includes(c.op))
      for (const v of values)
        if (!(allowed as readonly string[]).includes(String(v).toLowerCase()))
          issue(`"${v}" is not one of ${allowed.join(", ")}`);
  });
export type Condition = z.infer<typeof condition>;

/** A segment's stable key (English, used in filters and the API) and its display names. */
const segmentKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "must be letters, digits, _ . - (an English key)");

export const segmentDefinition = z.object({
  key: segmentKey,
  label: z.object({ ja: z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(100) }),
});
export type SegmentDefinition = z.infer<typeof segmentDefinition>;

export const segmentRule = z.object({
  segment: segmentKey,
  /** All conditions must hold (an empty list matches every account). */
  conditions: z.array(condition).max(20),
});
export type SegmentRule = z.infer<typeof segmentRule>;

export const segmentRuleSet = z
  .object({
    /** The segments with their ja/en names; when given, every rule and the fallback must use one. */
    segments: z.array(segmentDefinition).max(50).optional(),
    rules: z.array(segmentRule).max(100),
    /** The segment of an account no rule matches: every account lands in exactly one segment. */
    fallback: segmentKey,
  })
  .superRefine((set, ctx) => {
    if (!set.segments) return;
    const keys = new Set<string>();
    set.segments.forEach((s, i) => {
      if (keys.has(s.key))
        ctx.addIssue({
          code: "custom",
          path: ["segments", i, "key"],
          message: `"${s.key}" is defined twice`,
        });
      keys.add(s.key);
    });
    set.rules.forEach((r, i) => {
      if (!keys.has(r.segment))
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "segment"],
          message: `"${r.segment}" is not one of the defined segments`,
        });
    });
    if (!keys.has(set.fallback))
      ctx.addIssue({
        code: "custom",
        path: ["fallback"],
        message: `"${set.fallback}" is not one of the defined segments`,
      });
  });
export type SegmentRuleSet = z.infer<typeof segmentRuleSet>;

/** Every segment key a rule set can assign, in the order they are defined (fallback last if new). */
export function listSegmentKeys(set: SegmentRuleSet): string[] {
  const keys = [...(set.segments ?? []).map((s) => s.key), ...set.rules.map((r) => r.segment), set.fallback];
  return [...new Set(keys)];
}

export type AccountFacts = {
  employees?: number | null;
  annualRevenue?: number | null;
  contractValue?: number | null;
  industry?: string | null;
  plan?: string | null;
  lifecyclePhase?: string | null;
  usageFrequency?: string | null;
  custom?: Record<string, string>;
};

export function readField(account: AccountFacts, field: RuleField): string | number | null {
  if (field.startsWith("custom.")) return account.custom?.[field.slice(7)] ?? null;
  return (account[field as keyof Omit<AccountFacts, "custom">] as string | number | null | undefined) ?? null;
}

function asNumber(v: unknown): number {
  return typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
}
const same = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();

export function holds(c: Condition, account: AccountFacts): boolean {
  const actual = readField(account, c.field);
  const empty = actual === null || actual === "";
  switch (c.op) {
    case "isEmpty":
      return empty;
    case "isNotEmpty":
      return !empty;
    case "eq":
      return !empty && same(actual, c.value);
    case "neq":
      return empty || !same(actual, c.value);
    case "in":
      return !empty && Array.isArray(c.value) && c.value.some((v) => same(actual, v));
    case "notIn":
      return empty || !Array.isArray(c.value) || !c.value.some((v) => same(actual, v));
    case "contains":
      return (
        !empty &&
        String(actual)
          .toLowerCase()
          .includes(String(c.value ?? "").toLowerCase())
      );
    default: {
      const a = asNumber(actual);
      const b = asNumber(c.value);
      if (empty || Number.isNaN(a) || Number.isNaN(b)) return false;
      return c.op === "gte" ? a >= b : c.op === "gt" ? a > b : c.op === "lte" ? a <= b : a < b;
    }
  }
}

export interface SegmentAssignment {
  segment: string;
  /** 1-based number of the rule that matched; null when the fallback applied. */
  rule: number | null;
}

/** The first rule whose conditions all hold decides the segment; otherwise the fallback. */
export function assignSegment(ruleSet: SegmentRuleSet, account: AccountFacts): SegmentAssignment {
  const index = ruleSet.rules.findIndex((r) => r.conditions.every((c) => holds(c, account)));
  return index < 0
    ? { segment: ruleSet.fallback, rule: null }
    : { segment: ruleSet.rules[index]!.segment, rule: index + 1 };
}

const symbols: Record<Operator, string> = {
  eq: "=",
  neq: "≠",
  in: "in",
  notIn: "not in",
  gte: "≥",
  gt: ">",
  lte: "≤",
  lt: "<",
  contains: "contains",
  isEmpty: "is empty",
  isNotEmpty: "is not empty",
};

export function describeCondition(c: Condition): string {
  const field = c.field.startsWith("custom.") ? c.field.slice(7) : c.field;
  if (c.op === "isEmpty" || c.op === "isNotEmpty") return `${field} ${symbols[c.op]}`;
  const value = Array.isArray(c.value) ? `(${c.value.join(", ")})` : String(c.value ?? "");
  return `${field} ${symbols[c.op]} ${value}`;
}

/** "matched rule 2: plan = premium and employees ≥ 500", or why the fallback applied. */
export function explainSegment(ruleSet: SegmentRuleSet, account: AccountFacts): string {
  return describeMatch(ruleSet, assignSegment(ruleSet, account));
}

/** The text of an assignment: the matched rule's conditions, or the fallback. */
export function describeMatch(ruleSet: SegmentRuleSet, { rule, segment }: SegmentAssignment): string {
  if (rule === null) return `no rule matched; fallback segment ${segment}`;
  const conditions = ruleSet.rules[rule - 1]!.conditions;
  return conditions.length === 0
    ? `matched rule ${rule}: every account`
    : `matched rule ${rule}: ${conditions.map(describeCondition).join(" and ")}`;
}
