/**
 * Which follow-up an onboarding that needs attention should get (seed 000: 完了基準に到達しない顧客の
 * フォローアップ): setup on the customer's behalf (設定代行) for a stall in set-up tasks, supplementary
 * training or a webinar for an understanding gap, a call for a high-touch account, and a reminder to
 * agree the completion criteria. Pure: everything it needs is passed in.
 */

/** What was detected. */
export const followUpTriggers = [
  "overdue",
  "stalled",
  "behind_schedule",
  "criteria_missing",
  "not_agreed",
] as const;
export type FollowUpTrigger = (typeof followUpTriggers)[number];

/** What is proposed. */
export const followUpActions = [
  "setup_on_behalf",
  "supplementary_training",
  "webinar",
  "call",
  "agree_criteria",
] as const;
export type FollowUpAction = (typeof followUpActions)[number];

/** The measure of the catalogue a follow-up task carries, where the action is one. */
export const measureOfAction: Record<FollowUpAction, string | null> = {
  setup_on_behalf: "setup_on_behalf",
  supplementary_training: null,
  webinar: "webinar",
  call: null,
  agree_criteria: null,
};

export type StatusReason = { code: string } & Record<string, unknown>;

export interface DetectionTask {
  id: string;
  key: string;
  title: { ja: string; en: string };
  stage: string;
  side: "cs" | "customer";
  measure: string | null;
  status: "todo" | "in_progress" | "done" | "skipped";
  startsOn: string;
  dueOn: string;
}

export interface DetectionInput {
  status: string;
  statusReasons: StatusReason[];
  touchModel: string | null;
  contractValue: number | null;
  tasks: DetectionTask[];
  criteria: { id: string; met: boolean }[];
  /** Today in the workspace's time zone (YYYY-MM-DD). */
  today: string;
}

export interface TaskRef {
  id: string;
  key: string;
  title: { ja: string; en: string };
  stage: string;
  dueOn: string;
  /** Days past its due date (0 when not yet due). */
  daysOverdue: number;
}

export interface FollowUpDetails {
  /** The status reasons behind the proposal (as stored on the onboarding). */
  reasons: StatusReason[];
  /** The tasks that show the problem, most overdue first. */
  tasks?: TaskRef[];
  /** Days overdue, stalled or waiting for agreement (whatever the trigger counts). */
  days?: number;
  criteria?: { unmet: number; total: number; daysLeft: number | null };
  touchModel: string | null;
  /** The stage a task made from this proposal belongs in. */
  stage: string;
}

export interface ProposedFollowUp {
  trigger: FollowUpTrigger;
  action: FollowUpAction;
  score: number;
  details: FollowUpDetails;
}

const SETUP_STAGES = new Set(["initial_response", "measure_design"]);
const SETUP_MEASURES = new Set(["initial_setup_support", "setup_on_behalf"]);
const isSetupTask = (t: DetectionTask) =>
  SETUP_STAGES.has(t.stage) || (t.measure !== null && SETUP_MEASURES.has(t.measure));
const isTrainingTask = (t: DetectionTask) => t.stage === "training" && !isSetupTask(t);

const TRIGGER_WEIGHT: Record<FollowUpTrigger, number> = {
  overdue: 40,
  stalled: 30,
  criteria_missing: 30,
  behind_schedule: 20,
  not_agreed: 15,
};
const ACTION_BONUS: Record<FollowUpAction, number> = {
  setup_on_behalf: 5,
  supplementary_training: 5,
  webinar: 5,
  call: 0,
  agree_criteria: 0,
};
const TOUCH_WEIGHT: Record<string, number> = { high: 1.5, low: 1.2, tech: 1, community: 1 };

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * How urgent a follow-up is: the trigger's weight plus the days it has lasted, times the touch
 * model's weight and a factor that grows with the contract value (logarithmically, at most ×2).
 */
export function scoreFollowUp(
  trigger: FollowUpTrigger,
  action: FollowUpAction,
  days: number,
  touchModel: string | null,
  contractValue: number | null,
): number {
  const base = TRIGGER_WEIGHT[trigger] + Math.min(Math.max(days, 0), 60) + ACTION_BONUS[action];
  const touch = TOUCH_WEIGHT[touchModel ?? ""] ?? 1;
  const value = 1 + Math.min(Math.log10(1 + Math.max(contractValue ?? 0, 0)), 10) / 10;
  return Math.round(base * touch * value * 10) / 10;
}

/** The follow-ups a running onboarding needs, most urgent first; none for on-track, completed or churned ones. */
export function detectFollowUps(input: DetectionInput): ProposedFollowUp[] {
  if (input.status !== "at_risk" && input.status !== "overdue") return [];
  const reasons = input.statusReasons;
  const reason = (code: string) => reasons.find((r) => r.code === code);
  const pastDue = reason("past_due");
  const tasksOverdue = reason("tasks_overdue");
  const stalled = reason("stalled");
  const behind = reason("behind_schedule");
  const criteriaUnmet = reason("criteria_unmet");
  const notAgreed = reason("not_agreed");

  const open = input.tasks.filter((t) => t.status === "todo" || t.status === "in_progress");
  const customerOpen = open.filter((t) => t.side === "customer");
  const isOverdue = (t: DetectionTask) => t.dueOn < input.today;
  const isStarted = (t: DetectionTask) => t.startsOn <= input.today;
  const ref = (t: DetectionTask): TaskRef => ({
    id: t.id,
    key: t.key,
    title: t.title,
    stage: t.stage,
    dueOn: t.dueOn,
    daysOverdue: Math.max(0, daysBetween(t.dueOn, input.today)),
  });
  const refs = (ts: DetectionTask[]) =>
    ts.map(ref).sort((a, b) => b.daysOverdue - a.daysOverdue || a.dueOn.localeCompare(b.dueOn));

  const stallTrigger: FollowUpTrigger | null = stalled ? "stalled" : behind ? "behind_schedule" : null;
  const stallReason = stalled ?? behind;
  const stallDays = stalled
    ? num(stalled.days)
    : behind
      ? Math.round((num(behind.expected) - num(behind.actual)) * 40)
      : 0;
  const unmet = input.criteria.filter((c) => !c.met).length;

  const out: ProposedFollowUp[] = [];
  const propose = (
    trigger: FollowUpTrigger,
    action: FollowUpAction,
    days: number,
    why: (StatusReason | undefined)[],
    extra: Partial<FollowUpDetails> & { stage: string },
  ) => {
    out.push({
      trigger,
      action,
      score: scoreFollowUp(trigger, action, days, input.touchModel, input.contractValue),
      details: {
        reasons: why.filter((r): r is StatusReason => r !== undefined),
        days,
        touchModel: input.touchModel,
        ...extra,
      },
    });
  };

  // A stall in the customer's set-up tasks → set up on their behalf (設定代行).
  const setupOverdue = customerOpen.filter((t) => isSetupTask(t) && isOverdue(t));
  const setupStarted = customerOpen.filter((t) => isSetupTask(t) && isStarted(t));
  if (setupOverdue.length > 0) {
    const tasks = refs(setupOverdue);
    propose("overdue", "setup_on_behalf", tasks[0]!.daysOverdue, [tasksOverdue, pastDue], {
      tasks,
      stage: tasks[0]!.stage,
    });
  } else if (stallTrigger && setupStarted.length > 0) {
    const tasks = refs(setupStarted);
    propose(stallTrigger, "setup_on_behalf", stallDays, [stallReason], { tasks, stage: tasks[0]!.stage });
  }

  // An understanding gap → supplementary training (high touch) or a webinar (one-to-many touch models).
  const trainingAction: FollowUpAction = input.touchModel === "high" ? "supplementary_training" : "webinar";
  const trainingOverdue = customerOpen.filter((t) => isTrainingTask(t) && isOverdue(t));
  const trainingStarted = customerOpen.filter((t) => isTrainingTask(t) && isStarted(t));
  if (trainingOverdue.length > 0) {
    const tasks = refs(trainingOverdue);
    propose("overdue", trainingAction, tasks[0]!.daysOverdue, [tasksOverdue, pastDue], {
      tasks,
      stage: "training",
    });
  } else if (criteriaUnmet || (pastDue && unmet > 0)) {
    const daysLeft = criteriaUnmet ? num(criteriaUnmet.daysLeft) : -num(pastDue?.days);
    propose("criteria_missing", trainingAction, 7 - daysLeft, [criteriaUnmet, pastDue], {
      criteria: { unmet, total: input.criteria.length, daysLeft },
      stage: "training",
    });
  } else if (stallTrigger && trainingStarted.length > 0) {
    propose(stallTrigger, trainingAction, stallDays, [stallReason], {
      tasks: refs(trainingStarted),
      stage: "training",
    });
  }

  // Criteria not agreed with the customer yet → remind them to agree.
  if (notAgreed) {
    propose("not_agreed", "agree_criteria", num(notAgreed.days) - 14, [notAgreed], {
      days: num(notAgreed.days),
      stage: "initial_response",
    });
  }

  // A high-touch account that needs attention → a call, for its most serious reason.
  if (input.touchModel === "high") {
    const primary: [FollowUpTrigger, StatusReason | undefined, number][] = [
      ["overdue", pastDue ?? tasksOverdue, Math.max(num(pastDue?.days), num(tasksOverdue?.oldestDays))],
      ["stalled", stalled, num(stalled?.days)],
      ["criteria_missing", criteriaUnmet, 7 - num(criteriaUnmet?.daysLeft)],
      ["not_agreed", notAgreed, num(notAgreed?.days) - 14],
      ["behind_schedule", behind, stallDays],
    ];
    const found = primary.find(([, r]) => r !== undefined);
    if (found) {
      const [trigger, , days] = found;
      const firstOpen = [...open].sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
      propose(trigger, "call", days, reasons, { stage: firstOpen?.stage ?? "initial_response" });
    }
  }

  return out.sort((a, b) => b.score - a.score);
}
