// The account page's tabs, kept in the URL (?tab=handoff) so a link opens the right one.
export const accountTabs = [
  "overview",
  "handoff",
  "hearing",
  "onboarding",
  "usage",
  "timeline",
  "classification",
] as const;
export type AccountTab = (typeof accountTabs)[number];

export function parseAccountTab(raw: Record<string, unknown>): { tab?: AccountTab } {
  const tab = accountTabs.find((t) => t === raw.tab);
  return tab && tab !== "overview" ? { tab } : {};
}
