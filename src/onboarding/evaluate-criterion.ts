import { addDays } from "./onboarding-schedule.ts";
import type { UsageFacts } from "./usage-facts.ts";

export interface CriterionRule {
  event?: string;
  minActiveUsers?: number;
  minDays?: number;
  windowDays?: number;
}

export interface CriterionMet {
  metAt: Date;
  evidence: Record<string, unknown>;
}

/**
 * Checks an event or usage criterion against the usage facts: the event seen since the start, or
 * at least `minActiveUsers` active users on `minDays` of the last `windowDays` days up to `today`.
 * Null when it is not met (or it is a manual criterion).
 */
export async function evaluateCriterion(
  criterion: { kind: string; rule: CriterionRule },
  context: { accountId: string; startedAt: Date; today: string; now: Date },
  facts: UsageFacts,
): Promise<CriterionMet | null> {
  const { rule } = criterion;
  if (criterion.kind === "event" && rule.event) {
    const at = await facts.firstEventAt(context.accountId, rule.event, context.startedAt);
    return at ? { metAt: at, evidence: { event: rule.event, seenAt: at.toISOString() } } : null;
  }
  if (criterion.kind === "usage" && rule.minActiveUsers && rule.minDays && rule.windowDays) {
    const from = addDays(context.today, -(rule.windowDays - 1));
    const days = await facts.activeUsersByDay(context.accountId, from, context.today);
    const qualifying = days.filter((d) => d.activeUsers >= rule.minActiveUsers!).map((d) => d.day);
    if (qualifying.length < rule.minDays) return null;
    return {
      metAt: context.now,
      evidence: { from, to: context.today, minActiveUsers: rule.minActiveUsers, days: qualifying.sort() },
    };
  }
  return null;
}
