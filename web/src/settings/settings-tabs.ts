// The settings page's tabs, kept in the URL (?tab=segments).
export const settingsTabs = ["general", "segments", "touchModels", "hearing", "events", "mail"] as const;
export type SettingsTab = (typeof settingsTabs)[number];

export function parseSettingsTab(raw: Record<string, unknown>): { tab?: SettingsTab } {
  const tab = settingsTabs.find((t) => t === raw.tab);
  return tab && tab !== "general" ? { tab } : {};
}
