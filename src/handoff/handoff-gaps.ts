/**
 * What a sales hand-off (営業からの引き継ぎ) still lacks, following seed 000's table: the customer's
 * state, the purpose of adoption, the stakeholders and the users' literacy. Lessons from similar
 * accounts are welcome but optional. Pure: no I/O.
 */

/** Stable codes the UI translates, in the order of the hand-off form. */
export const handoffGapCodes = [
  "missing_industry",
  "missing_company_size",
  "missing_challenges",
  "missing_adoption_purpose",
  "missing_expected_outcomes",
  "missing_decision_maker",
  "missing_champion",
  "missing_it_literacy",
] as const;
export type HandoffGap = (typeof handoffGapCodes)[number];

/** The field (or contact role) each gap is about, for pointing the form at it. */
export const handoffGapField: Record<HandoffGap, string> = {
  missing_industry: "industry",
  missing_company_size: "employees",
  missing_challenges: "challenges",
  missing_adoption_purpose: "adoptionPurpose",
  missing_expected_outcomes: "expectedOutcomes",
  missing_decision_maker: "stakeholders.decision_maker",
  missing_champion: "stakeholders.champion",
  missing_it_literacy: "itLiteracy",
};

const gapMessage: Record<HandoffGap, string> = {
  missing_industry: "The industry is missing",
  missing_company_size: "The company size (employees or annual revenue) is missing",
  missing_challenges: "The customer's challenges are missing",
  missing_adoption_purpose: "The purpose of adoption is missing",
  missing_expected_outcomes: "The expected outcomes are missing",
  missing_decision_maker: "No contact is marked as decision maker",
  missing_champion: "No contact is marked as champion",
  missing_it_literacy: "The users' IT literacy is missing",
};

export interface HandoffFacts {
  industry: string | null;
  employees: number | null;
  annualRevenue: number | null;
  challenges: string | null;
  adoptionPurpose: string | null;
  expectedOutcomes: string | null;
  itLiteracy: string | null;
  /** The roles of the account's contacts. */
  contactRoles: readonly (string | null)[];
}

const blank = (value: string | null) => value === null || value.trim() === "";

/** The required parts of the hand-off that are not filled yet; empty when it can be completed. */
export function listHandoffGaps(facts: HandoffFacts): HandoffGap[] {
  const gaps: HandoffGap[] = [];
  if (blank(facts.industry)) gaps.push("missing_industry");
  if (facts.employees === null && facts.annualRevenue === null) gaps.push("missing_company_size");
  if (blank(facts.challenges)) gaps.push("missing_challenges");
  if (blank(facts.adoptionPurpose)) gaps.push("missing_adoption_purpose");
  if (blank(facts.expectedOutcomes)) gaps.push("missing_expected_outcomes");
  if (!facts.contactRoles.includes("decision_maker")) gaps.push("missing_decision_maker");
  if (!facts.contactRoles.includes("champion")) gaps.push("missing_champion");
  if (blank(facts.itLiteracy)) gaps.push("missing_it_literacy");
  return gaps;
}

/** The gaps as error details: `{code, path, message}` each. */
export function describeHandoffGaps(gaps: readonly HandoffGap[]) {
  return gaps.map((code) => ({ code, path: handoffGapField[code], message: gapMessage[code] }));
}
