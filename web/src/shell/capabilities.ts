// The product's capabilities as the navigation lists them (order = the CS team's working order).
import {
  type Icon,
  IconBolt,
  IconBuilding,
  IconChartBar,
  IconHeadset,
  IconListCheck,
  IconMail,
  IconMoodSmile,
  IconPresentation,
  IconSettings,
  IconUrgent,
  IconUsersGroup,
} from "@tabler/icons-react";

export type CapabilityKey =
  | "dashboard"
  | "accounts"
  | "onboarding"
  | "followUp"
  | "surveys"
  | "seminars"
  | "informationEmails"
  | "support"
  | "automation"
  | "team"
  | "settings";

export type Capability = {
  key: CapabilityKey;
  to:
    | "/dashboard"
    | "/accounts"
    | "/onboarding"
    | "/follow-up"
    | "/surveys"
    | "/seminars"
    | "/information-emails"
    | "/support"
    | "/automation"
    | "/team"
    | "/settings";
  testId: string;
  icon: Icon;
  ready: boolean;
};

export const capabilities: Capability[] = [
  { key: "dashboard", to: "/dashboard", testId: "nav-dashboard", icon: IconChartBar, ready: true },
  { key: "accounts", to: "/accounts", testId: "nav-accounts", icon: IconBuilding, ready: true },
  { key: "onboarding", to: "/onboarding", testId: "nav-onboarding", icon: IconListCheck, ready: true },
  { key: "followUp", to: "/follow-up", testId: "nav-follow-up", icon: IconUrgent, ready: true },
  { key: "surveys", to: "/surveys", testId: "nav-surveys", icon: IconMoodSmile, ready: true },
  { key: "seminars", to: "/seminars", testId: "nav-seminars", icon: IconPresentation, ready: true },
  {
    key: "informationEmails",
    to: "/information-emails",
    testId: "nav-information-emails",
    icon: IconMail,
    ready: true,
  },
  { key: "support", to: "/support", testId: "nav-support", icon: IconHeadset, ready: false },
  { key: "automation", to: "/automation", testId: "nav-automation", icon: IconBolt, ready: false },
  { key: "team", to: "/team", testId: "nav-team", icon: IconUsersGroup, ready: true },
  { key: "settings", to: "/settings", testId: "nav-settings", icon: IconSettings, ready: true },
];

export const comingSoonCapabilities = capabilities.filter((c) => !c.ready);
