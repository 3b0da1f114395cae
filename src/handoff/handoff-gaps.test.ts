import { describe, expect, it } from "vitest";
import { describeHandoffGaps, type HandoffFacts, handoffGapCodes, listHandoffGaps } from "./handoff-gaps.ts";

const complete: HandoffFacts = {
  industry: "製造業",
  employees: 1200,
  annualRevenue: null,
  challenges: "紙の日報で進捗が見えない",
  adoptionPurpose: "現場の進捗を可視化する",
  expectedOutcomes: "報告作業を月20時間削減",
  itLiteracy: "low",
  contactRoles: ["decision_maker", "champion", "end_user"],
};

describe("listHandoffGaps", () => {
  it("finds nothing missing in a complete hand-off", () => {
    expect(listHandoffGaps(complete)).toEqual([]);
  });

  it("lists every required part of an empty hand-off, in form order", () => {
    expect(
      listHandoffGaps({
        industry: null,
        employees: null,
        annualRevenue: null,
        challenges: null,
        adoptionPurpose: null,
        expectedOutcomes: null,
        itLiteracy: null,
        contactRoles: [],
      }),
    ).toEqual([...handoffGapCodes]);
  });

  it("accepts annual revenue instead of employees as the company size", () => {
    expect(listHandoffGaps({ ...complete, employees: null, annualRevenue: 5e8 })).toEqual([]);
    expect(listHandoffGaps({ ...complete, employees: null })).toEqual(["missing_company_size"]);
  });

  it("treats blank text as missing", () => {
    expect(listHandoffGaps({ ...complete, challenges: "   ", industry: "" })).toEqual([
      "missing_industry",
      "missing_challenges",
    ]);
  });

  it("needs both a decision maker and a champion among the contacts", () => {
    expect(listHandoffGaps({ ...complete, contactRoles: ["champion", null] })).toEqual([
      "missing_decision_maker",
    ]);
    expect(listHandoffGaps({ ...complete, contactRoles: ["decision_maker", "admin"] })).toEqual([
      "missing_champion",
    ]);
  });

  it("does not require department, skill notes, lessons or similar accounts", () => {
    expect(listHandoffGaps(complete)).toEqual([]); // the facts have none of them
  });

  it("describes gaps as error details pointing at the field", () => {
    expect(describeHandoffGaps(["missing_company_size", "missing_champion"])).toEqual([
      { code: "missing_company_size", path: "employees", message: expect.any(String) },
      { code: "missing_champion", path: "stakeholders.champion", message: expect.any(String) },
    ]);
  });
});
