import { describe, expect, it } from "vitest";
import { type CsmLoad, findTeamWarnings } from "./team-warnings.ts";

const csm = (userId: string, high: number, withoutBackup = 0): CsmLoad => ({
  userId,
  name: userId,
  email: `${userId}@cs.example`,
  accounts: high + 5,
  byTouchModel: { high, low: 5 },
  bySegment: {},
  withoutBackup,
  backupFor: 0,
});

describe("team warnings", () => {
  it("warns when one CSM carries more than the limit of the high-touch accounts", () => {
    const warnings = findTeamWarnings([csm("tanaka", 6), csm("sato", 2), csm("ito", 2)], 0, 0.4);
    expect(warnings).toEqual([
      {
        code: "high_touch_concentration",
        userId: "tanaka",
        name: "tanaka",
        highTouch: 6,
        share: 0.6,
        limit: 0.4,
      },
    ]);
  });
  it("says nothing of shares when there are too few high-touch accounts to judge", () => {
    expect(findTeamWarnings([csm("tanaka", 2), csm("sato", 0)], 0, 0.4)).toEqual([]);
  });
  it("warns of accounts without a backup CSM and of unassigned accounts", () => {
    expect(findTeamWarnings([csm("sato", 1, 4)], 3, 0.5)).toEqual([
      { code: "no_backup", userId: "sato", name: "sato", accounts: 4 },
      { code: "unassigned_accounts", accounts: 3 },
    ]);
  });
});
