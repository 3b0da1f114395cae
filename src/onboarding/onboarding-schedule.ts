/** Calendar maths of an onboarding plan on `YYYY-MM-DD` dates (no time zone: the dates are the workspace's). */

const DAY_MS = 86_400_000;

const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function isWeekend(date: string): boolean {
  const day = new Date(toUtc(date)).getUTCDay();
  return day === 0 || day === 6;
}

/** The date itself, or the Monday after it when it falls on a weekend. */
export function nextBusinessDay(date: string): string {
  let d = date;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** `days` business days after `date` (Saturdays and Sundays skipped); 0 = the date moved off a weekend. */
export function addBusinessDays(date: string, days: number): string {
  let d = nextBusinessDay(date);
  for (let left = days; left > 0; left--) d = nextBusinessDay(addDays(d, 1));
  return d;
}

/** Adds working days (business days when `businessDays`, else calendar days). */
export function addWorkDays(date: string, days: number, businessDays: boolean): string {
  return businessDays ? addBusinessDays(date, days) : addDays(date, days);
}

export interface ScheduleTaskInput {
  key: string;
  offsetDays: number;
  durationDays: number;
  dependsOn: string[];
}

export interface ScheduledDates {
  startsOn: string;
  dueOn: string;
}

/**
 * The keys of a dependency cycle (first key repeated at the end), or null when there is none.
 * Unknown dependencies are ignored here (they are a separate validation error).
 */
export function findCycle(tasks: { key: string; dependsOn: string[] }[]): string[] | null {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (key: string): string[] | null => {
    const s = state.get(key);
    if (s === "done") return null;
    if (s === "visiting") return [...stack.slice(stack.indexOf(key)), key];
    state.set(key, "visiting");
    stack.push(key);
    for (const dep of byKey.get(key)?.dependsOn ?? []) {
      if (!byKey.has(dep)) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(key, "done");
    return null;
  };
  for (const t of tasks) {
    const cycle = visit(t.key);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * Dates each task: it starts `offsetDays` after `startDate`, but no earlier than the day after the
 * last task it depends on ends, and lasts `durationDays` (the due date is its last day). With
 * `businessDays`, offsets and durations count Monday–Friday only and no task starts or ends on a
 * weekend. Throws on a dependency cycle.
 */
export function scheduleTasks(
  startDate: string,
  tasks: ScheduleTaskInput[],
  businessDays: boolean,
): Map<string, ScheduledDates> {
  const cycle = findCycle(tasks);
  if (cycle) throw new Error(`Dependency cycle: ${cycle.join(" → ")}`);
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const dates = new Map<string, ScheduledDates>();
  const dateOf = (task: ScheduleTaskInput): ScheduledDates => {
    const known = dates.get(task.key);
    if (known) return known;
    let startsOn = addWorkDays(startDate, task.offsetDays, businessDays);
    for (const depKey of task.dependsOn) {
      const dep = byKey.get(depKey);
      if (!dep) continue;
      const after = addWorkDays(addDays(dateOf(dep).dueOn, 1), 0, businessDays);
      if (after > startsOn) startsOn = after;
    }
    const dueOn = addWorkDays(startsOn, Math.max(1, task.durationDays) - 1, businessDays);
    const result = { startsOn, dueOn };
    dates.set(task.key, result);
    return result;
  };
  for (const t of tasks) dateOf(t);
  return dates;
}

/** The due date of the whole onboarding: `targetDays` working days after the start. */
export function targetDateOf(startDate: string, targetDays: number, businessDays: boolean): string {
  return addWorkDays(startDate, targetDays, businessDays);
}

export interface MeetingTemplate {
  key: string;
  type: "kickoff" | "progress_check" | "completion";
  offsetDays: number;
  everyDays?: number | undefined;
}

/**
 * The dates of a template's meetings: each at its offset; a progress check with `everyDays` repeats
 * every N days after that until (not including) the target date. Weekends move to the Monday after
 * with `businessDays`. Occurrences after the target date are dropped except for the completion meeting.
 */
export function scheduleMeetings(
  startDate: string,
  targetDate: string,
  meetings: MeetingTemplate[],
  businessDays: boolean,
): { key: string; occurrence: number; date: string }[] {
  const out: { key: string; occurrence: number; date: string }[] = [];
  for (const m of meetings) {
    const first = addWorkDays(startDate, m.offsetDays, businessDays);
    if (m.type !== "completion" && first > targetDate) continue;
    out.push({ key: m.key, occurrence: 0, date: first });
    if (m.type === "progress_check" && m.everyDays && m.everyDays > 0) {
      for (let n = 1; n < 100; n++) {
        const raw = addDays(addWorkDays(startDate, m.offsetDays, false), n * m.everyDays);
        const date = businessDays ? nextBusinessDay(raw) : raw;
        if (date >= targetDate) break;
        out.push({ key: m.key, occurrence: n, date });
      }
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * How far the plan should be by `today`: the share of non-skipped tasks whose due date has passed,
 * counting a running task by the share of its days already gone.
 */
export function expectedProgress(
  tasks: { startsOn: string; dueOn: string; status: string }[],
  today: string,
): number {
  const counted = tasks.filter((t) => t.status !== "skipped");
  if (counted.length === 0) return 0;
  let sum = 0;
  for (const t of counted) {
    const length = daysBetween(t.startsOn, t.dueOn) + 1;
    const gone = daysBetween(t.startsOn, today);
    sum += Math.min(1, Math.max(0, gone / length));
  }
  return sum / counted.length;
}
