import { describe, expect, it } from "vitest";
import {
  type DetectionInput,
  type DetectionTask,
  daysBetween,
  detectFollowUps,
  scoreFollowUp,
} from "./detect-follow-ups.ts";

const today = "2025-06-20";

function task(key: string, over: Partial<DetectionTask> = {}): DetectionTask {
  return {
    id: `id-${key}`,
    key,
    title: { ja: key, en: key },
    stage: "initial_response",
    side: "customer",
    measure: null,
    status: "todo",
    startsOn: "2025-06-01",
    dueOn: "2025-06-30",
    ...over,
  };
}

function input(over: Partial<DetectionInput> = {}): DetectionInput {
  return {
    status: "at_risk",
    statusReasons: [],
    touchModel: "low",
    contractValue: null,
    tasks: [],
    criteria: [],
    today,
    ...over,
  };
}

const pairs = (i: DetectionInput) => detectFollowUps(i).map((f) => `${f.trigger}/${f.action}`);

describe("detectFollowUps", () => {
  it("proposes nothing for on-track, completed or churned onboardings", () => {
    const troubled = {
      statusReasons: [{ code: "stalled", days: 30 }],
      tasks: [task("setup", { dueOn: "2025-06-01" })],
      touchModel: "high",
    };
    for (const status of ["on_track", "completed", "churned"])
      expect(detectFollowUps(input({ status, ...troubled }))).toEqual([]);
  });

  it("proposes setup on the customer's behalf when customer set-up tasks are overdue", () => {
    const found = detectFollowUps(
      input({
        status: "overdue",
        statusReasons: [{ code: "tasks_overdue", count: 2, oldestDays: 9 }],
        tasks: [
          task("account", { dueOn: "2025-06-15" }),
          task("import", { stage: "measure_design", dueOn: "2025-06-11" }),
          task("cs-own", { side: "cs", dueOn: "2025-06-10" }),
          task("done", { status: "done", dueOn: "2025-06-01" }),
          task("later", { dueOn: "2025-07-01" }),
        ],
      }),
    );
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f).toMatchObject({ trigger: "overdue", action: "setup_on_behalf" });
    expect(f!.details.tasks!.map((t) => [t.key, t.daysOverdue])).toEqual([
      ["import", 9],
      ["account", 5],
    ]);
    expect(f!.details.days).toBe(9);
    expect(f!.details.stage).toBe("measure_design");
    expect(f!.details.reasons).toEqual([{ code: "tasks_overdue", count: 2, oldestDays: 9 }]);
  });

  it("treats training-stage tasks carrying a set-up measure as set-up tasks", () => {
    expect(
      pairs(
        input({
          status: "overdue",
          statusReasons: [{ code: "tasks_overdue", count: 1, oldestDays: 3 }],
          tasks: [
            task("support", { stage: "training", measure: "initial_setup_support", dueOn: "2025-06-17" }),
          ],
        }),
      ),
    ).toEqual(["overdue/setup_on_behalf"]);
  });

  it("proposes setup on the customer's behalf when the plan stalls with set-up tasks under way", () => {
    expect(
      pairs(
        input({
          statusReasons: [{ code: "stalled", days: 20 }],
          tasks: [task("account", { status: "in_progress" }), task("not-yet", { startsOn: "2025-07-01" })],
        }),
      ),
    ).toEqual(["stalled/setup_on_behalf"]);
    expect(
      pairs(
        input({
          statusReasons: [{ code: "behind_schedule", expected: 0.6, actual: 0.2 }],
          tasks: [task("account")],
        }),
      ),
    ).toEqual(["behind_schedule/setup_on_behalf"]);
  });

  it("proposes nothing for a stall whose open tasks have not started or are the CS team's", () => {
    expect(
      pairs(
        input({
          statusReasons: [{ code: "stalled", days: 20 }],
          tasks: [task("future", { startsOn: "2025-07-01" }), task("ours", { side: "cs" })],
        }),
      ),
    ).toEqual([]);
  });

  it("proposes supplementary training for high touch and a webinar otherwise for overdue training tasks", () => {
    const training = {
      status: "overdue",
      statusReasons: [{ code: "tasks_overdue", count: 1, oldestDays: 4 }],
      tasks: [task("learn", { stage: "training", dueOn: "2025-06-16" })],
    };
    expect(pairs(input({ ...training, touchModel: "high" }))).toEqual([
      "overdue/supplementary_training",
      "overdue/call",
    ]);
    for (const touchModel of ["low", "tech", "community"])
      expect(pairs(input({ ...training, touchModel }))).toEqual(["overdue/webinar"]);
  });

  it("proposes training when criteria are unmet near the due date", () => {
    const [f] = detectFollowUps(
      input({
        statusReasons: [{ code: "criteria_unmet", count: 2, daysLeft: 3 }],
        criteria: [
          { id: "c1", met: true },
          { id: "c2", met: false },
          { id: "c3", met: false },
        ],
      }),
    );
    expect(f).toMatchObject({
      trigger: "criteria_missing",
      action: "webinar",
      details: { criteria: { unmet: 2, total: 3, daysLeft: 3 }, stage: "training", days: 4 },
    });
  });

  it("proposes training when the target date passed with criteria unmet", () => {
    expect(
      pairs(
        input({
          status: "overdue",
          statusReasons: [{ code: "past_due", days: 5 }],
          criteria: [{ id: "c1", met: false }],
        }),
      ),
    ).toEqual(["criteria_missing/webinar"]);
    expect(
      pairs(
        input({
          status: "overdue",
          statusReasons: [{ code: "past_due", days: 5 }],
          criteria: [{ id: "c1", met: true }],
        }),
      ),
    ).toEqual([]);
  });

  it("proposes training for a stall in training tasks", () => {
    expect(
      pairs(
        input({
          touchModel: "tech",
          statusReasons: [{ code: "stalled", days: 15 }],
          tasks: [task("learn", { stage: "training" })],
        }),
      ),
    ).toEqual(["stalled/webinar"]);
  });

  it("reminds to agree the criteria when they are not agreed", () => {
    const [f] = detectFollowUps(
      input({ touchModel: "tech", statusReasons: [{ code: "not_agreed", days: 20 }] }),
    );
    expect(f).toMatchObject({
      trigger: "not_agreed",
      action: "agree_criteria",
      details: { days: 20, stage: "initial_response" },
    });
  });

  it("proposes a call for a high-touch account, for its most serious reason", () => {
    const f = detectFollowUps(
      input({
        touchModel: "high",
        statusReasons: [
          { code: "stalled", days: 20 },
          { code: "not_agreed", days: 30 },
        ],
      }),
    );
    expect(f.map((x) => `${x.trigger}/${x.action}`).sort()).toEqual([
      "not_agreed/agree_criteria",
      "stalled/call",
    ]);
    expect(f.find((x) => x.action === "call")!.details.reasons).toHaveLength(2);
    expect(pairs(input({ touchModel: "low", statusReasons: [{ code: "stalled", days: 20 }] }))).toEqual([]);
  });

  it("ranks by urgency: longer delays, higher touch and larger contracts first", () => {
    const overdueSetup = (days: number, touchModel: string, contractValue: number | null) =>
      detectFollowUps(
        input({
          status: "overdue",
          touchModel,
          contractValue,
          statusReasons: [{ code: "tasks_overdue", count: 1, oldestDays: days }],
          tasks: [task("a", { dueOn: `2025-06-${String(20 - days).padStart(2, "0")}` })],
        }),
      ).find((f) => f.action === "setup_on_behalf")!.score;
    expect(overdueSetup(10, "low", null)).toBeGreaterThan(overdueSetup(2, "low", null));
    expect(overdueSetup(5, "high", null)).toBeGreaterThan(overdueSetup(5, "low", null));
    expect(overdueSetup(5, "low", 5_000_000)).toBeGreaterThan(overdueSetup(5, "low", 50_000));
    expect(overdueSetup(5, "low", 50_000)).toBeGreaterThan(overdueSetup(5, "tech", 50_000));

    const several = detectFollowUps(
      input({
        status: "overdue",
        touchModel: "high",
        statusReasons: [
          { code: "tasks_overdue", count: 1, oldestDays: 10 },
          { code: "not_agreed", days: 15 },
        ],
        tasks: [task("a", { dueOn: "2025-06-10" })],
      }),
    );
    expect(several.map((f) => f.action)).toEqual(["setup_on_behalf", "call", "agree_criteria"]);
    const scores = several.map((f) => f.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("keeps scores bounded and days non-negative", () => {
    expect(scoreFollowUp("overdue", "call", 10_000, "high", 1e30)).toBe(
      Math.round((40 + 60) * 1.5 * 2 * 10) / 10,
    );
    expect(scoreFollowUp("not_agreed", "agree_criteria", -5, null, -100)).toBe(15);
    expect(daysBetween("2025-02-27", "2025-03-01")).toBe(2);
  });
});
