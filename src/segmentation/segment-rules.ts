import { z } from "zod";

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

export const condition = z.object({
  field: fieldSchema,
  op: z.enum(operators),
  value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).optional(),
});
export type Condition = z.infer<typeof condition>;

export const segmentRule = z.object({
  segment: z.string().trim().min(1).max(100),
  /** All conditions must hold (an empty list matches every account). */
  conditions: z.array(condition).max(20),
});
export type SegmentRule = z.infer<typeof segmentRule>;

export const segmentRuleSet = z.object({
  rules: z.array(segmentRule).max(100),
  /** The segment of an account no rule matches: every account lands in exactly one segment. */
  fallback: z.string().trim().min(1).max(100),
});
export type SegmentRuleSet = z.infer<typeof segmentRuleSet>;

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

export function valueOf(account: AccountFacts, field: RuleField): string | number | null {
  if (field.startsWith("custom.")) return account.custom?.[field.slice(7)] ?? null;
  return (account[field as keyof Omit<AccountFacts, "custom">] as string | number | null | undefined) ?? null;
}

const asNumber = (v: unknown) =>
  typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
const same = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();

export function holds(c: Condition, account: AccountFacts): boolean {
  const actual = valueOf(account, c.field);
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
  const { rule, segment } = assignSegment(ruleSet, account);
  if (rule === null) return `no rule matched; fallback segment ${segment}`;
  const conditions = ruleSet.rules[rule - 1]!.conditions;
  return conditions.length === 0
    ? `matched rule ${rule}: every account`
    : `matched rule ${rule}: ${conditions.map(describeCondition).join(" and ")}`;
}
