// The shapes the Embark API answers with (camelCase JSON).
export type Role = "admin" | "manager" | "csm" | "viewer";
export type LifecyclePhase = "onboarding" | "adoption" | "expansion" | "churned";
export type TouchModel = "high" | "low" | "tech" | "community";
export type ContactRole = "decision_maker" | "champion" | "admin" | "end_user";
export type Literacy = "low" | "medium" | "high";
export type ActivationMode = "any" | "all";
export type OnboardingAutoStart = "off" | "onboarding_phase";

export const lifecyclePhases: LifecyclePhase[] = ["onboarding", "adoption", "expansion", "churned"];
export const touchModels: TouchModel[] = ["high", "low", "tech", "community"];
export const contactRoles: ContactRole[] = ["decision_maker", "champion", "admin", "end_user"];
export const literacyLevels: Literacy[] = ["low", "medium", "high"];

export type WorkspaceSettings = {
  timezone: string;
  "kpi.targetDays": number;
  "activation.events": string[];
  "activation.mode": ActivationMode;
  /** The share of the high-touch accounts one CSM may carry before the team page warns (0–1). */
  "team.highTouchShareLimit"?: number;
  /** `onboarding_phase`: an onboarding starts by itself when an account is created in, or enters, the onboarding phase. */
  "onboarding.autoStart"?: OnboardingAutoStart;
  /** An onboarding without progress for this many days is stalled. */
  "onboarding.stallDays"?: number;
  /** How many days a new portal link stays valid. */
  "portal.linkDays"?: number;
  /** Usage frequency looks at this many recent days. */
  "usage.windowDays"?: number;
  /** Active on at least this many of those days: daily use. */
  "usage.dailyMinDays"?: number;
  /** Active on at least this many of those days: weekly use. */
  "usage.weeklyMinDays"?: number;
  /** What a `group` call's traits do to the account it names. */
  "events.groupTraits"?: "ignore" | "create" | "create_update";
};

export type Me = {
  user: { id: string; email: string; name: string };
  role: Role;
  workspace: { id: string; slug: string; name: string; settings: WorkspaceSettings };
  workspaces: { slug: string; name: string; role: Role }[];
};

export type Person = { id: string; name: string; email: string };

export type Account = {
  id: string;
  externalId: string;
  name: string;
  groupId: string | null;
  industry: string | null;
  employees: number | null;
  annualRevenue: number | null;
  plan: string | null;
  contractStart: string | null;
  contractValue: number | null;
  ownerId: string | null;
  owner: Person | null;
  /** The backup CSM (副担当). */
  backupOwnerId: string | null;
  backupOwner: Person | null;
  /** The segment key the segment rules give. */
  segment: string | null;
  /** The effective touch model (override, else a signal switch, else the policy). */
  touchModel: TouchModel | null;
  touchModelSource: "rule" | "signal" | "override" | null;
  touchModelOverride: TouchModel | null;
  usageFrequency: string | null;
  /** When the account first met the activation definition (null: not yet). */
  activatedAt?: string | null;
  lifecyclePhase: LifecyclePhase;
  churnedAt: string | null;
  churnReason: string | null;
  custom: Record<string, string>;
  contactCount: number;
  createdAt: string;
  updatedAt: string;
};

export type AccountInput = {
  externalId: string;
  name: string;
  groupId?: string | null;
  industry?: string | null;
  employees?: number | null;
  annualRevenue?: number | null;
  plan?: string | null;
  contractStart?: string | null;
  contractValue?: number | null;
  ownerId?: string | null;
  backupOwnerId?: string | null;
  touchModel?: TouchModel | null;
  lifecyclePhase?: LifecyclePhase;
  churnedAt?: string | null;
  churnReason?: string | null;
  custom?: Record<string, string>;
};

export type Contact = {
  id: string;
  accountId: string;
  email: string;
  name: string | null;
  role: ContactRole | null;
  literacy: Literacy | null;
  /** The language of mail to the contact; null: the workspace's. */
  language?: "ja" | "en" | null;
  /** When the contact unsubscribed from marketing mail. */
  unsubscribedAt?: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ContactInput = {
  email: string;
  name?: string | null;
  role?: ContactRole | null;
  literacy?: Literacy | null;
  language?: "ja" | "en" | null;
};

export type AccountWithContacts = Account & { contacts: Contact[] };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type AccountFacets = {
  plans: string[];
  industries: string[];
  lifecyclePhases: string[];
  owners: Person[];
};

export type StaffUser = { id: string; email: string; name: string; role: Role };

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  role: Role | string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** A text in both UI languages. */
export type Localized = { ja: string; en: string };
