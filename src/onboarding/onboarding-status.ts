import { daysBetween, expectedProgress } from "./onboarding-schedule.ts";

export const onboardingStatuses = ["on_track", "at_risk", "overdue", "completed", "churned"] as const;
export type OnboardingStatus = (typeof onboardingStatuses)[number];

export type StatusReason =
  | { code: "completed"; source: string | null }
  | { code: "churned"; reason: string | null }
  | { code: "past_due"; days: number }
  | { code: "tasks_overdue"; count: number; oldestDays: number }
  | { code: "stalled"; days: number }
  | { code: "behind_schedule"; expected: number; actual: number }
  | { code: "not_agreed"; days: number }
  | { code: "criteria_unmet"; count: number; daysLeft: number };

export interface StatusFacts {
  /** Today in the workspace time zone. */
  today: string;
  /** The start date in the workspace time zone. */
  startedOn: string;
  targetDate: string | null;
  completedAt: Date | null;
  completionSource: string | null;
  /** The account churned while this onboarding was not completed. */
  churned: { reason: string | null } | null;
  agreedAt: Date | null;
  /** The date of the last progress in the workspace time zone. */
  lastProgressOn: string;
  stallDays: number;
  tasks: { startsOn: string; dueOn: string; status: string }[];
  criteria: { met: boolean }[];
}

export const BEHIND_SCHEDULE_GAP = 0.25;
export const AGREEMENT_DAYS = 14;
export const CRITERIA_WARNING_DAYS = 7;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Done tasks ÷ non-skipped tasks; 0 without tasks, 1 once completed. */
export function computeProgress(tasks: { status: string }[], completed: boolean): number {
  if (completed) return 1;
  const counted = tasks.filter((t) => t.status !== "skipped");
  if (counted.length === 0) return 0;
  return counted.filter((t) => t.status === "done").length / counted.length;
}

const isOpen = (status: string) => status !== "done" && status !== "skipped";

/**
 * The status of an onboarding and every reason for it. Priority: completed > churned > overdue
 * (past due, overdue tasks) > at risk (stalled, behind schedule, criteria not agreed, criteria unmet
 * close to the due date) > on track.
 */
export function computeStatus(facts: StatusFacts): { status: OnboardingStatus; reasons: StatusReason[] } {
  if (facts.completedAt)
    return { status: "completed", reasons: [{ code: "completed", source: facts.completionSource }] };
  if (facts.churned)
    return { status: "churned", reasons: [{ code: "churned", reason: facts.churned.reason }] };

  const overdue: StatusReason[] = [];
  const atRisk: StatusReason[] = [];
  const { today } = facts;

  if (facts.targetDate && facts.targetDate < today)
    overdue.push({ code: "past_due", days: daysBetween(facts.targetDate, today) });
  const late = facts.tasks.filter((t) => isOpen(t.status) && t.dueOn < today);
  if (late.length > 0) {
    const oldest = late.reduce((min, t) => (t.dueOn < min ? t.dueOn : min), late[0]!.dueOn);
    overdue.push({ code: "tasks_overdue", count: late.length, oldestDays: daysBetween(oldest, today) });
  }

  const idle = daysBetween(facts.lastProgressOn, today);
  if (idle >= facts.stallDays) atRisk.push({ code: "stalled", days: idle });
  const actual = computeProgress(facts.tasks, false);
  const expected = expectedProgress(facts.tasks, today);
  if (expected - actual >= BEHIND_SCHEDULE_GAP)
    atRisk.push({ code: "behind_schedule", expected: round2(expected), actual: round2(actual) });
  const sinceStart = daysBetween(facts.startedOn, today);
  if (!facts.agreedAt && sinceStart >= AGREEMENT_DAYS) atRisk.push({ code: "not_agreed", days: sinceStart });
  if (facts.targetDate) {
    const daysLeft = daysBetween(today, facts.targetDate);
    const unmet = facts.criteria.filter((c) => !c.met).length;
    if (daysLeft >= 0 && daysLeft <= CRITERIA_WARNING_DAYS && unmet > 0)
      atRisk.push({ code: "criteria_unmet", count: unmet, daysLeft });
  }

  if (overdue.length > 0) return { status: "overdue", reasons: [...overdue, ...atRisk] };
  if (atRisk.length > 0) return { status: "at_risk", reasons: atRisk };
  return { status: "on_track", reasons: [] };
}
