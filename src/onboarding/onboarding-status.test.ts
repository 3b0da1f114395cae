import { describe, expect, it } from "vitest";
import { computeProgress, computeStatus, type StatusFacts } from "./onboarding-status.ts";

const base: StatusFacts = {
  today: "2026-04-10",
  startedOn: "2026-04-01",
  targetDate: "2026-05-31",
  completedAt: null,
  completionSource: null,
  churned: null,
  agreedAt: new Date("2026-04-03T00:00:00Z"),
  lastProgressOn: "2026-04-09",
  stallDays: 14,
  tasks: [
    { startsOn: "2026-04-01", dueOn: "2026-04-05", status: "done" },
    { startsOn: "2026-04-06", dueOn: "2026-04-20", status: "in_progress" },
    { startsOn: "2026-04-21", dueOn: "2026-05-20", status: "todo" },
  ],
  criteria: [{ met: false }],
};
const status = (change: Partial<StatusFacts>) => computeStatus({ ...base, ...change });

describe("computeProgress", () => {
  it("is done ÷ non-skipped tasks, 0 without tasks, 1 when completed", () => {
    expect(computeProgress([{ status: "done" }, { status: "todo" }, { status: "skipped" }], false)).toBe(0.5);
    expect(computeProgress([], false)).toBe(0);
    expect(computeProgress([], true)).toBe(1);
    expect(computeProgress([{ status: "skipped" }], false)).toBe(0);
  });
});

describe("computeStatus", () => {
  it("is on track with no reasons", () => {
    expect(status({})).toEqual({ status: "on_track", reasons: [] });
  });

  it("is completed with its source, above everything else", () => {
    expect(
      status({
        completedAt: new Date(),
        completionSource: "csm",
        churned: { reason: "x" },
        today: "2027-01-01",
      }),
    ).toEqual({
      status: "completed",
      reasons: [{ code: "completed", source: "csm" }],
    });
  });

  it("is churned when the account churned before completing, above overdue", () => {
    expect(status({ churned: { reason: "budget" }, today: "2027-01-01" })).toEqual({
      status: "churned",
      reasons: [{ code: "churned", reason: "budget" }],
    });
  });

  it("is overdue past the target date", () => {
    const s = status({
      today: "2026-06-03",
      lastProgressOn: "2026-06-02",
      tasks: [{ startsOn: "2026-04-01", dueOn: "2026-04-05", status: "done" }],
      criteria: [],
    });
    expect(s).toEqual({ status: "overdue", reasons: [{ code: "past_due", days: 3 }] });
  });

  it("is overdue with open tasks past their due date (count and oldest)", () => {
    const s = status({
      today: "2026-04-25",
      lastProgressOn: "2026-04-24",
      tasks: [
        { startsOn: "2026-04-01", dueOn: "2026-04-05", status: "todo" },
        { startsOn: "2026-04-06", dueOn: "2026-04-20", status: "in_progress" },
        { startsOn: "2026-04-06", dueOn: "2026-04-08", status: "skipped" },
        { startsOn: "2026-04-21", dueOn: "2026-05-20", status: "done" },
      ],
    });
    expect(s.status).toBe("overdue");
    expect(s.reasons[0]).toEqual({ code: "tasks_overdue", count: 2, oldestDays: 20 });
    // at-risk reasons are listed after the overdue ones
    expect(s.reasons.map((r) => r.code)).toEqual(["tasks_overdue", "behind_schedule"]);
  });

  it("is at risk when stalled for stallDays", () => {
    expect(status({ lastProgressOn: "2026-03-27" })).toEqual({
      status: "at_risk",
      reasons: [{ code: "stalled", days: 14 }],
    });
    expect(status({ lastProgressOn: "2026-03-28" }).status).toBe("on_track");
    expect(status({ lastProgressOn: "2026-04-05", stallDays: 5 }).reasons).toEqual([
      { code: "stalled", days: 5 },
    ]);
  });

  it("is at risk when the expected progress is 0.25 or more ahead of the actual", () => {
    const s = status({
      today: "2026-04-20",
      lastProgressOn: "2026-04-19",
      tasks: [
        { startsOn: "2026-04-01", dueOn: "2026-04-05", status: "todo" },
        { startsOn: "2026-04-01", dueOn: "2026-04-25", status: "todo" },
        { startsOn: "2026-04-01", dueOn: "2026-04-25", status: "done" },
        { startsOn: "2026-05-01", dueOn: "2026-05-25", status: "todo" },
      ],
    });
    expect(s.status).toBe("overdue");
    const behind = s.reasons.find((r) => r.code === "behind_schedule");
    expect(behind).toEqual({ code: "behind_schedule", expected: 0.63, actual: 0.25 });
  });

  it("is at risk when criteria are not agreed 14 days after the start", () => {
    expect(status({ agreedAt: null, today: "2026-04-14", lastProgressOn: "2026-04-14" }).status).toBe(
      "on_track",
    );
    expect(status({ agreedAt: null, today: "2026-04-15", lastProgressOn: "2026-04-14" })).toEqual({
      status: "at_risk",
      reasons: [{ code: "not_agreed", days: 14 }],
    });
  });

  it("is at risk when the due date is within 7 days and criteria are unmet", () => {
    const facts = {
      today: "2026-05-24",
      lastProgressOn: "2026-05-23",
      tasks: [{ startsOn: "2026-04-01", dueOn: "2026-05-30", status: "done" }],
    };
    expect(status({ ...facts, criteria: [{ met: false }, { met: true }, { met: false }] })).toEqual({
      status: "at_risk",
      reasons: [{ code: "criteria_unmet", count: 2, daysLeft: 7 }],
    });
    expect(status({ ...facts, criteria: [{ met: true }] }).status).toBe("on_track");
    expect(status({ ...facts, today: "2026-05-23", criteria: [{ met: false }] }).status).toBe("on_track");
  });
});
