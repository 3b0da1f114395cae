import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addDays,
  daysBetween,
  expectedProgress,
  findCycle,
  nextBusinessDay,
  scheduleMeetings,
  scheduleTasks,
  targetDateOf,
} from "./onboarding-schedule.ts";

describe("calendar maths", () => {
  it("adds calendar days across months and years", () => {
    expect(addDays("2026-01-30", 3)).toBe("2026-02-02");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-01-01", "2026-03-01")).toBe(59);
    expect(daysBetween("2026-03-01", "2026-01-01")).toBe(-59);
  });

  it("skips Saturdays and Sundays for business days", () => {
    // 2026-01-02 is a Friday
    expect(nextBusinessDay("2026-01-03")).toBe("2026-01-05");
    expect(nextBusinessDay("2026-01-02")).toBe("2026-01-02");
    expect(addBusinessDays("2026-01-02", 1)).toBe("2026-01-05");
    expect(addBusinessDays("2026-01-02", 5)).toBe("2026-01-09");
    expect(addBusinessDays("2026-01-03", 0)).toBe("2026-01-05");
    expect(addBusinessDays("2026-01-05", 10)).toBe("2026-01-19");
  });
});

describe("scheduleTasks", () => {
  const task = (key: string, offsetDays: number, durationDays: number, dependsOn: string[] = []) => ({
    key,
    offsetDays,
    durationDays,
    dependsOn,
  });

  it("dates tasks by offset and duration (the due date is the last day)", () => {
    const dates = scheduleTasks("2026-04-01", [task("a", 0, 1), task("b", 3, 5)], false);
    expect(dates.get("a")).toEqual({ startsOn: "2026-04-01", dueOn: "2026-04-01" });
    expect(dates.get("b")).toEqual({ startsOn: "2026-04-04", dueOn: "2026-04-08" });
  });

  it("starts a task no earlier than the day after what it depends on ends", () => {
    const dates = scheduleTasks(
      "2026-04-01",
      [task("c", 0, 2, ["b"]), task("a", 0, 3), task("b", 1, 4, ["a"]), task("d", 20, 1, ["a"])],
      false,
    );
    expect(dates.get("a")).toEqual({ startsOn: "2026-04-01", dueOn: "2026-04-03" });
    expect(dates.get("b")).toEqual({ startsOn: "2026-04-04", dueOn: "2026-04-07" });
    expect(dates.get("c")).toEqual({ startsOn: "2026-04-08", dueOn: "2026-04-09" });
    // its own offset is later than the dependency: the offset wins
    expect(dates.get("d")).toEqual({ startsOn: "2026-04-21", dueOn: "2026-04-21" });
  });

  it("counts business days and never starts or ends on a weekend", () => {
    // 2026-01-02 is a Friday
    const dates = scheduleTasks(
      "2026-01-02",
      [task("a", 0, 2), task("b", 0, 3, ["a"]), task("c", 1, 1)],
      true,
    );
    expect(dates.get("a")).toEqual({ startsOn: "2026-01-02", dueOn: "2026-01-05" });
    expect(dates.get("b")).toEqual({ startsOn: "2026-01-06", dueOn: "2026-01-08" });
    expect(dates.get("c")).toEqual({ startsOn: "2026-01-05", dueOn: "2026-01-05" });
    expect(targetDateOf("2026-01-02", 10, true)).toBe("2026-01-16");
    expect(targetDateOf("2026-01-02", 10, false)).toBe("2026-01-12");
  });

  it("finds dependency cycles and refuses to schedule them", () => {
    expect(findCycle([task("a", 0, 1, ["b"]), task("b", 0, 1)])).toBeNull();
    expect(findCycle([task("a", 0, 1, ["c"]), task("b", 0, 1, ["a"]), task("c", 0, 1, ["b"])])).toEqual([
      "a",
      "c",
      "b",
      "a",
    ]);
    expect(findCycle([task("a", 0, 1, ["a"])])).toEqual(["a", "a"]);
    expect(findCycle([task("a", 0, 1, ["unknown"])])).toBeNull();
    expect(() =>
      scheduleTasks("2026-01-01", [task("a", 0, 1, ["b"]), task("b", 0, 1, ["a"])], false),
    ).toThrow(/cycle/);
  });
});

describe("scheduleMeetings", () => {
  it("repeats progress checks every N days until the target date and keeps the completion meeting", () => {
    const meetings = scheduleMeetings(
      "2026-04-01",
      "2026-04-30",
      [
        { key: "kickoff", type: "kickoff", offsetDays: 2 },
        { key: "check", type: "progress_check", offsetDays: 7, everyDays: 7 },
        { key: "done", type: "completion", offsetDays: 30 },
      ],
      false,
    );
    expect(meetings.map((m) => `${m.key}@${m.date}`)).toEqual([
      "kickoff@2026-04-03",
      "check@2026-04-08",
      "check@2026-04-15",
      "check@2026-04-22",
      "check@2026-04-29",
      "done@2026-05-01",
    ]);
  });

  it("moves meetings off weekends with business days", () => {
    const meetings = scheduleMeetings(
      "2026-01-02",
      "2026-01-31",
      [{ key: "check", type: "progress_check", offsetDays: 0, everyDays: 8 }],
      true,
    );
    // 01-10 is a Saturday → Monday 01-12; 01-18 Sunday → 01-19; 01-26 Monday
    expect(meetings.map((m) => m.date)).toEqual(["2026-01-02", "2026-01-12", "2026-01-19", "2026-01-26"]);
  });
});

describe("expectedProgress", () => {
  it("counts passed tasks whole and running ones by the share of days gone", () => {
    const tasks = [
      { startsOn: "2026-04-01", dueOn: "2026-04-02", status: "todo" },
      { startsOn: "2026-04-03", dueOn: "2026-04-06", status: "todo" },
      { startsOn: "2026-04-10", dueOn: "2026-04-12", status: "todo" },
      { startsOn: "2026-04-01", dueOn: "2026-04-01", status: "skipped" },
    ];
    expect(expectedProgress(tasks, "2026-04-05")).toBeCloseTo((1 + 0.5 + 0) / 3);
    expect(expectedProgress(tasks, "2026-05-01")).toBe(1);
    expect(expectedProgress([], "2026-05-01")).toBe(0);
  });
});
