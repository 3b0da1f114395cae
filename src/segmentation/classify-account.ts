import {
  type InForce,
  mapTouchModel,
  type TouchModel,
  type TouchModelPolicy,
} from "../touch-models/touch-model-policy.ts";
import { type AccountFacts, assignSegment, type SegmentRuleSet } from "./segment-rules.ts";

export const touchModelSources = ["rule", "signal", "override"] as const;
export type TouchModelSource = (typeof touchModelSources)[number];

/** What the rules derive for an account, as kept on its row. */
export interface Classification {
  segment: string | null;
  segmentRule: number | null;
  touchModel: TouchModel | null;
  touchModelSource: TouchModelSource | null;
}

/** An account as the classification reads it. */
export interface ClassifiableAccount extends Classification {
  id: string;
  ownerId: string | null;
  facts: AccountFacts;
  touchModelOverride: TouchModel | null;
}

/** A change of the effective touch model (or of its override), for the history. */
export interface TouchModelChange {
  from: TouchModel | null;
  to: TouchModel;
  kind: "rule" | "override";
  reason: string;
}

export interface ClassifyOptions {
  /** Let signal switches lapse (otherwise they hold while the segment stays the same). */
  resetSignalSwitches?: boolean;
  /** The reason a person gave for setting or removing the override. */
  overrideReason?: string;
}

/**
 * The effective touch model: the override if set; else a signal switch still in force (the segment
 * has not changed since); else the policy's model for the segment.
 */
export function classifyAccount(
  account: ClassifiableAccount,
  rules: SegmentRuleSet,
  policy: InForce<TouchModelPolicy>,
  options: ClassifyOptions = {},
): { next: Classification; change: TouchModelChange | null } {
  const { segment, rule } = assignSegment(rules, account.facts);
  const segmentChanged = account.segment !== segment;
  const current = account.touchModel;
  if (account.touchModelOverride) {
    const to = account.touchModelOverride;
    const isNew = account.touchModelSource !== "override" || current !== to;
    return {
      next: { segment, segmentRule: rule, touchModel: to, touchModelSource: "override" },
      change: isNew
        ? { from: current, to, kind: "override", reason: options.overrideReason ?? "override set" }
        : null,
    };
  }
  if (account.touchModelSource === "signal" && current && !segmentChanged && !options.resetSignalSwitches)
    return {
      next: { segment, segmentRule: rule, touchModel: current, touchModelSource: "signal" },
      change: null,
    };
  const mapped = mapTouchModel(policy, segment);
  const next: Classification = {
    segment,
    segmentRule: rule,
    touchModel: mapped.model,
    touchModelSource: "rule",
  };
  if (account.touchModelSource === "override")
    return {
      next,
      change: {
        from: current,
        to: mapped.model,
        kind: "override",
        reason: `override removed${options.overrideReason ? `: ${options.overrideReason}` : ""}; back to the policy: ${mapped.reason}`,
      },
    };
  const reason =
    account.touchModelSource === "signal" && segmentChanged
      ? `segment changed from ${account.segment} to ${segment}, the signal switch lapses: ${mapped.reason}`
      : mapped.reason;
  return {
    next,
    change: current === mapped.model ? null : { from: current, to: mapped.model, kind: "rule", reason },
  };
}

export const sameClassification = (a: Classification, b: Classification) =>
  a.segment === b.segment &&
  a.segmentRule === b.segmentRule &&
  a.touchModel === b.touchModel &&
  a.touchModelSource === b.touchModelSource;
