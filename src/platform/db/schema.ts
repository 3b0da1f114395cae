import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// ---- Staff identity (tables managed through better-auth; property names are its field names) ----

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  locale: text("locale"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: instant("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/** better-auth's "account" model: a way to sign in (here: e-mail and password). */
export const authCredentials = pgTable(
  "auth_credentials",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: instant("access_token_expires_at"),
    refreshTokenExpiresAt: instant("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("auth_credentials_user_idx").on(t.userId)],
);

export const authVerifications = pgTable("auth_verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: instant("expires_at").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const authRateLimits = pgTable("auth_rate_limits", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

// ---- Workspaces (tenants) and access ----

/** The workspace a row belongs to: every table of customer data has one. */
const workspaceRef = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });
/** The account a row is about. */
const accountRef = () =>
  uuid("account_id")
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" });

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
  writeKey: text("write_key").notNull().unique(),
  /** The day (in the workspace time zone) the daily follow-up review last ran. */
  followUpReviewedOn: date("follow_up_reviewed_on", { mode: "string" }),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: workspaceRef(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const roles = ["admin", "manager", "csm", "viewer"] as const;
export type Role = (typeof roles)[number];

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: workspaceRef(),
  userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  role: text("role").$type<Role>().notNull(),
  lastUsedAt: instant("last_used_at"),
  revokedAt: instant("revoked_at"),
  createdAt: createdAt(),
});

// ---- Customer accounts and their people ----

export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    groupId: text("group_id").notNull(),
    industry: text("industry"),
    employees: integer("employees"),
    annualRevenue: numeric("annual_revenue", { mode: "number" }),
    plan: text("plan"),
    contractStart: instant("contract_start"),
    contractValue: numeric("contract_value", { mode: "number" }),
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    /** The second CSM who knows the account (副担当), so no account depends on one person. */
    backupOwnerId: text("backup_owner_id").references(() => users.id, { onDelete: "set null" }),
    touchModelOverride: text("touch_model_override"),
    lifecyclePhase: text("lifecycle_phase").notNull().default("onboarding"),
    churnedAt: instant("churned_at"),
    churnReason: text("churn_reason"),
    custom: jsonb("custom").$type<Record<string, string>>().notNull().default({}),
    // The sales hand-off (営業からの引き継ぎ)
    department: text("department"),
    challenges: text("challenges"),
    adoptionPurpose: text("adoption_purpose"),
    expectedOutcomes: text("expected_outcomes"),
    itLiteracy: text("it_literacy"),
    skillNotes: text("skill_notes"),
    lessons: text("lessons"),
    similarAccountIds: uuid("similar_account_ids").array().notNull().default([]),
    handoffCompletedAt: instant("handoff_completed_at"),
    handoffCompletedBy: text("handoff_completed_by").references(() => users.id, { onDelete: "set null" }),
    // Derived by the segment rules and touch-model policy (kept so lists filter and count cheaply)
    segment: text("segment"),
    segmentRule: integer("segment_rule"),
    touchModel: text("touch_model"),
    touchModelSource: text("touch_model_source"),
    usageFrequency: text("usage_frequency"),
    /** The first time the account's tracked events met the workspace's activation definition. */
    activatedAt: instant("activated_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("accounts_ws_segment_idx").on(t.workspaceId, t.segment),
    index("accounts_ws_touch_idx").on(t.workspaceId, t.touchModel),
    index("accounts_ws_plan_idx").on(t.workspaceId, t.plan),
    index("accounts_ws_phase_idx").on(t.workspaceId, t.lifecyclePhase),
    uniqueIndex("accounts_ws_external_uq").on(t.workspaceId, t.externalId),
    index("accounts_ws_group_idx").on(t.workspaceId, t.groupId),
    index("accounts_ws_name_idx").on(t.workspaceId, t.name),
    index("accounts_ws_owner_idx").on(t.workspaceId, t.ownerId),
    index("accounts_ws_updated_idx").on(t.workspaceId, t.updatedAt),
    index("accounts_ws_churned_idx").on(t.workspaceId, t.churnedAt),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: accountRef(),
    email: text("email").notNull(),
    name: text("name"),
    role: text("role"),
    literacy: text("literacy"),
    locale: text("locale"),
    /** When the contact opted out of marketing mail (the unsubscribe link); transactional mail still goes. */
    unsubscribedAt: instant("unsubscribed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("contacts_ws_email_uq").on(t.workspaceId, t.email),
    index("contacts_ws_account_idx").on(t.workspaceId, t.accountId),
  ],
);

/** The account timeline: notes, meetings and changes, newest first — the voice next to the numbers. */
export const timelineEntries = pgTable(
  "timeline_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: accountRef(),
    kind: text("kind").notNull(),
    meetingType: text("meeting_type"),
    title: text("title"),
    body: text("body"),
    occurredAt: instant("occurred_at").notNull().defaultNow(),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorLabel: text("actor_label"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("timeline_ws_account_idx").on(t.workspaceId, t.accountId, t.occurredAt)],
);

export interface HearingQuestion {
  id: string;
  type: "text" | "choice" | "number" | "date";
  label: { ja: string; en: string };
  options?: { value: string; label: { ja: string; en: string } }[];
  required: boolean;
  /** Set when a template edit removed the question; its answers are kept. */
  removedAt?: string;
}

/** A hearing-sheet template (ヒアリングシート) managers define. */
export const hearingTemplates = pgTable("hearing_templates", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: workspaceRef(),
  name: text("name").notNull(),
  questions: jsonb("questions").$type<HearingQuestion[]>().notNull(),
  archivedAt: instant("archived_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export interface HearingAnswer {
  value: string | number | null;
  by: string | null;
  at: string;
}

export const hearingSheets = pgTable(
  "hearing_sheets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: accountRef(),
    templateId: uuid("template_id")
      .notNull()
      .references(() => hearingTemplates.id, { onDelete: "cascade" }),
    answers: jsonb("answers").$type<Record<string, HearingAnswer>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("hearing_sheets_account_template_uq").on(t.workspaceId, t.accountId, t.templateId)],
);

/** Versions of a workspace's rules; the newest is in force, older ones stay as history. */
export const ruleVersions = pgTable(
  "rule_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    kind: text("kind").$type<"segments" | "touch_models">().notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("rule_versions_ws_kind_version_uq").on(t.workspaceId, t.kind, t.version)],
);

/** Every touch-model change of an account: when, from what to what, why, by whom or which rule. */
export const touchModelChanges = pgTable(
  "touch_model_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: accountRef(),
    fromModel: text("from_model"),
    toModel: text("to_model").notNull(),
    source: text("source").$type<"rule" | "override" | "signal" | "import">().notNull(),
    reason: text("reason").notNull(),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    changedAt: instant("changed_at").notNull().defaultNow(),
  },
  (t) => [index("touch_model_changes_ws_account_idx").on(t.workspaceId, t.accountId, t.changedAt)],
);

/** A remembered column mapping for imports from a CRM export (Salesforce, HubSpot, …). */
export const importMappings = pgTable(
  "import_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("import_mappings_ws_kind_name_uq").on(t.workspaceId, t.kind, t.name)],
);

// ---- Onboarding: playbook templates, each account's plan, follow-up and the customer portal ----

/** Text in both interface languages (templates ship in Japanese and English). */
export interface Localized {
  ja: string;
  en: string;
}

/** An onboarding playbook for one touch model (optionally one segment); its body is `OnboardingTemplateDefinition`. */
export const onboardingTemplates = pgTable(
  "onboarding_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    name: text("name").notNull(),
    touchModel: text("touch_model").notNull(),
    segment: text("segment"),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    archivedAt: instant("archived_at"),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("onboarding_templates_ws_touch_idx").on(t.workspaceId, t.touchModel, t.segment)],
);

/** One onboarding of one account (an account can be onboarded again later). */
export const onboardings = pgTable(
  "onboardings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: accountRef(),
    templateId: uuid("template_id").references(() => onboardingTemplates.id, { onDelete: "set null" }),
    touchModel: text("touch_model"),
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    startedAt: instant("started_at").notNull(),
    /** The due date proposed to (and agreed with) the customer. */
    targetDate: date("target_date", { mode: "string" }),
    /** Criteria and due date as proposed to the customer; agreement is kept with who and when. */
    proposedAt: instant("proposed_at"),
    proposedBy: text("proposed_by").references(() => users.id, { onDelete: "set null" }),
    agreedAt: instant("agreed_at"),
    agreedByContactId: uuid("agreed_by_contact_id").references(() => contacts.id, { onDelete: "set null" }),
    agreedByLabel: text("agreed_by_label"),
    completedAt: instant("completed_at"),
    completionSource: text("completion_source").$type<"customer" | "csm" | "import">(),
    completionReason: text("completion_reason"),
    completedByLabel: text("completed_by_label"),
    source: text("source").$type<"manual" | "auto" | "import">().notNull().default("manual"),
    /** Manuals, FAQ and videos for the customer: `{ key, title: Localized, url, kind }[]`. */
    resources: jsonb("resources").$type<Record<string, unknown>[]>().notNull().default([]),
    // Derived (kept so lists filter, sort and count cheaply); recomputed on every change and daily.
    progress: numeric("progress", { mode: "number" }).notNull().default(0),
    lastProgressAt: instant("last_progress_at").notNull().defaultNow(),
    status: text("status").notNull().default("on_track"),
    statusReasons: jsonb("status_reasons").$type<Record<string, unknown>[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("onboardings_ws_account_started_uq").on(t.workspaceId, t.accountId, t.startedAt),
    index("onboardings_ws_status_idx").on(t.workspaceId, t.status),
    index("onboardings_ws_started_idx").on(t.workspaceId, t.startedAt),
    index("onboardings_ws_completed_idx").on(t.workspaceId, t.completedAt),
  ],
);

const onboardingRef = () =>
  uuid("onboarding_id")
    .notNull()
    .references(() => onboardings.id, { onDelete: "cascade" });

/** A task of an account's plan (the WBS): dated, on the CS team's or the customer's side. */
export const onboardingTasks = pgTable(
  "onboarding_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    onboardingId: onboardingRef(),
    accountId: accountRef(),
    key: text("key").notNull(),
    stage: text("stage").notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    description: jsonb("description").$type<Localized>(),
    side: text("side").$type<"cs" | "customer">().notNull(),
    measure: text("measure"),
    assigneeUserId: text("assignee_user_id").references(() => users.id, { onDelete: "set null" }),
    assigneeContactId: uuid("assignee_contact_id").references(() => contacts.id, { onDelete: "set null" }),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    dependsOn: text("depends_on").array().notNull().default([]),
    status: text("status").$type<"todo" | "in_progress" | "done" | "skipped">().notNull().default("todo"),
    doneAt: instant("done_at"),
    doneByLabel: text("done_by_label"),
    /** Staff-only note; never shown in the portal. */
    internalNote: text("internal_note"),
    source: text("source").$type<"template" | "manual" | "follow_up">().notNull().default("template"),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("onboarding_tasks_ws_onboarding_idx").on(t.workspaceId, t.onboardingId, t.position),
    uniqueIndex("onboarding_tasks_onboarding_key_uq").on(t.onboardingId, t.key),
  ],
);

/** Kickoff, progress checks and the completion meeting of an onboarding. */
export const onboardingMeetings = pgTable(
  "onboarding_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    onboardingId: onboardingRef(),
    accountId: accountRef(),
    type: text("type").$type<"kickoff" | "progress_check" | "completion">().notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    scheduledAt: instant("scheduled_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(60),
    location: text("location"),
    heldAt: instant("held_at"),
    /** Staff-only minutes; the timeline entry made when the meeting is recorded carries them. */
    notes: text("notes"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("onboarding_meetings_ws_onboarding_idx").on(t.workspaceId, t.onboardingId, t.scheduledAt)],
);

/** A completion criterion: checked by hand, met by a tracked event, or by a usage threshold. */
export const onboardingCriteria = pgTable(
  "onboarding_criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    onboardingId: onboardingRef(),
    accountId: accountRef(),
    key: text("key").notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    kind: text("kind").$type<"manual" | "event" | "usage">().notNull(),
    /** event: `{ event }`; usage: `{ minActiveUsers, minDays, windowDays }`. */
    rule: jsonb("rule").$type<Record<string, unknown>>().notNull().default({}),
    metAt: instant("met_at"),
    metByLabel: text("met_by_label"),
    /** What met it: the event and when, the usage days counted, or who ticked it. */
    evidence: jsonb("evidence").$type<Record<string, unknown>>(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("onboarding_criteria_ws_onboarding_idx").on(t.workspaceId, t.onboardingId, t.position),
    uniqueIndex("onboarding_criteria_onboarding_key_uq").on(t.onboardingId, t.key),
  ],
);

/** A follow-up Embark proposes for an onboarding that needs attention; the CSM accepts or dismisses it. */
export const followUpSuggestions = pgTable(
  "follow_up_suggestions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    onboardingId: onboardingRef(),
    accountId: accountRef(),
    /** What was detected: overdue, stalled, criteria_missing, not_agreed. */
    trigger: text("trigger").notNull(),
    /** What is proposed: setup_on_behalf, supplementary_training, webinar, call, reminder. */
    action: text("action").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    score: numeric("score", { mode: "number" }).notNull().default(0),
    status: text("status").$type<"open" | "accepted" | "dismissed" | "resolved">().notNull().default("open"),
    taskId: uuid("task_id").references(() => onboardingTasks.id, { onDelete: "set null" }),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: instant("decided_at"),
    detectedAt: instant("detected_at").notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("follow_up_ws_status_idx").on(t.workspaceId, t.status, t.score),
    index("follow_up_ws_onboarding_idx").on(t.workspaceId, t.onboardingId),
  ],
);

/** A secret link to an account's portal: only its hash is stored; revocable and expiring. */
export const portalLinks = pgTable(
  "portal_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: accountRef(),
    tokenHash: text("token_hash").notNull().unique(),
    label: text("label"),
    expiresAt: instant("expires_at").notNull(),
    revokedAt: instant("revoked_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: instant("last_used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("portal_links_ws_account_idx").on(t.workspaceId, t.accountId)],
);

/** A person who opened a portal link and said who they are (by e-mail). */
export const portalVisitors = pgTable(
  "portal_visitors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: accountRef(),
    linkId: uuid("link_id")
      .notNull()
      .references(() => portalLinks.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    email: text("email").notNull(),
    name: text("name"),
    lastSeenAt: instant("last_seen_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index("portal_visitors_ws_link_idx").on(t.workspaceId, t.linkId)],
);

/** Failed portal-link lookups per client address and window, so guessing links is rate-limited. */
export const portalAttempts = pgTable("portal_attempts", {
  key: text("key").primaryKey(),
  windowStart: instant("window_start").notNull(),
  count: integer("count").notNull(),
});

// ---- Usage events from the customer's product (Segment-compatible) ----

/**
 * Every message the customer's product sent, as sent (append-only). The product reads the rollups
 * below, never this table, so reading stays as fast at 100M events as at 1k. A message id is stored
 * once per workspace. `group_id` is the account's id in the product (explicit, or the user's group);
 * `account_id` is null while no account has that group id.
 *
 * This table and the three rollups below carry no foreign keys: they take thousands of rows a
 * second, and the per-row checks cost a third of the ingestion time. Rows only ever come from
 * ingestion, which reads the workspace and the account ids it writes.
 */
export const events = pgTable(
  "events",
  {
    workspaceId: uuid("workspace_id").notNull(),
    messageId: text("message_id").notNull(),
    type: text("type").notNull(),
    event: text("event"),
    userId: text("user_id"),
    anonymousId: text("anonymous_id"),
    groupId: text("group_id"),
    accountId: uuid("account_id"),
    timestamp: instant("timestamp").notNull(),
    receivedAt: instant("received_at").notNull(),
    message: jsonb("message").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.messageId] }),
    index("events_ws_received_idx").on(t.workspaceId, t.receivedAt),
    index("events_unmatched_group_idx")
      .on(t.workspaceId, t.groupId)
      .where(sql`${t.accountId} is null and ${t.groupId} is not null`),
    index("events_ungrouped_user_idx")
      .on(t.workspaceId, sql`coalesce(${t.userId}, ${t.anonymousId})`)
      .where(sql`${t.groupId} is null`),
  ],
);

/** Per account and tracked event: first and last seen and how often. */
export const accountEventStats = pgTable(
  "account_event_stats",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    event: text("event").notNull(),
    firstSeenAt: instant("first_seen_at").notNull(),
    lastSeenAt: instant("last_seen_at").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId, t.event] })],
);

/** Per account and day (workspace time zone): events of use (track, page, screen) and active users. */
export const accountUsageDays = pgTable(
  "account_usage_days",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    events: integer("events").notNull(),
    activeUsers: integer("active_users").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId, t.day] })],
);

/** Who used the product on which day, so active users count each person once a day. */
export const accountUserDays = pgTable(
  "account_user_days",
  {
    workspaceId: uuid("workspace_id").notNull(),
    accountId: uuid("account_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    userKey: text("user_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.accountId, t.day, t.userKey] })],
);

/** The group (account) a user was last associated with by a `group` call, and aliases. */
export const eventUsers = pgTable(
  "event_users",
  {
    workspaceId: workspaceRef(),
    userKey: text("user_key").notNull(),
    groupId: text("group_id"),
    groupedAt: instant("grouped_at"),
    /** Set by an `alias` call: this id is the same person as `aliasOf`. */
    aliasOf: text("alias_of"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userKey] })],
);

/** Users with events not attributed to any group yet (they attach when the user is grouped). */
export const ungroupedUsers = pgTable(
  "ungrouped_users",
  {
    workspaceId: workspaceRef(),
    userKey: text("user_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userKey] })],
);

/** Group ids seen in events that match no account yet. */
export const unmatchedGroups = pgTable(
  "unmatched_groups",
  {
    workspaceId: workspaceRef(),
    groupId: text("group_id").notNull(),
    name: text("name"),
    events: bigint("events", { mode: "number" }).notNull(),
    firstSeenAt: instant("first_seen_at").notNull(),
    lastSeenAt: instant("last_seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.groupId] })],
);

/** Messages refused with a reason, for the live view in the settings (kept for a week). */
export const eventRejections = pgTable(
  "event_rejections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    receivedAt: instant("received_at").notNull().defaultNow(),
    reason: text("reason").notNull(),
    messageId: text("message_id"),
    type: text("type"),
  },
  (t) => [index("event_rejections_ws_received_idx").on(t.workspaceId, t.receivedAt)],
);

// Mail outbox

/**
 * Every outgoing e-mail and chat notification, queued in the transaction of the change that causes it
 * and delivered by the background sender (claimed with a lease, retried with back-off).
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    channel: text("channel").$type<"email" | "chat">().notNull().default("email"),
    to: text("to").notNull(),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    locale: text("locale").$type<"ja" | "en">().notNull().default("ja"),
    purpose: text("purpose").$type<"transactional" | "marketing">().notNull().default("transactional"),
    category: text("category").notNull(),
    subject: text("subject").notNull().default(""),
    text: text("text").notNull(),
    html: text("html"),
    dedupeKey: text("dedupe_key"),
    status: text("status")
      .$type<"queued" | "sending" | "sent" | "failed" | "suppressed">()
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull().defaultNow(),
    lockedUntil: instant("locked_until"),
    lastError: text("last_error"),
    sentAt: instant("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_outbox_ws_dedupe_uq")
      .on(t.workspaceId, t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null`),
    index("mail_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'sending')`),
    index("mail_outbox_ws_created_idx").on(t.workspaceId, t.createdAt),
    index("mail_outbox_ws_account_idx").on(t.workspaceId, t.accountId),
  ],
);

// Surveys

/** A question a manager adds to a survey: a 1–5 scale, one choice of several, or free text. */
export interface SurveyQuestion {
  id: string;
  type: "scale" | "choice" | "text";
  text: Localized;
  options?: { value: string; label: Localized }[];
  required: boolean;
}

/** A survey (NPS, CSAT or custom) with its texts in Japanese and English and its own questions. */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    kind: text("kind").$type<"nps" | "csat" | "custom">().notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    intro: jsonb("intro").$type<Localized>().notNull().default({ ja: "", en: "" }),
    questions: jsonb("questions").$type<SurveyQuestion[]>().notNull().default([]),
    /** A send's link takes answers (and changes) for this many days. */
    closeAfterDays: integer("close_after_days").notNull().default(14),
    archivedAt: instant("archived_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("surveys_ws_idx").on(t.workspaceId, t.createdAt)],
);

/** When a survey goes out by itself: N days after an onboarding starts, or when it completes. */
export const surveyTriggers = pgTable(
  "survey_triggers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"days_after_start" | "at_completion">().notNull(),
    days: integer("days"),
    /** Empty: every segment / touch model. */
    segments: text("segments").array().notNull().default([]),
    touchModels: text("touch_models").array().notNull().default([]),
    /** The contact roles that receive it; empty: every contact. */
    roles: text("roles").array().notNull().default([]),
    /** Only onboardings that started (or completed) after this instant are considered. */
    createdAt: createdAt(),
  },
  (t) => [index("survey_triggers_ws_survey_idx").on(t.workspaceId, t.surveyId)],
);

/** One survey e-mail to one contact, with its own secret link (only the hash is kept). */
export const surveySends = pgTable(
  "survey_sends",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    accountId: accountRef(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    onboardingId: uuid("onboarding_id").references(() => onboardings.id, { onDelete: "set null" }),
    triggerId: uuid("trigger_id").references(() => surveyTriggers.id, { onDelete: "set null" }),
    tokenHash: text("token_hash").notNull().unique(),
    source: text("source").$type<"manual" | "segment" | "trigger" | "portal">().notNull(),
    sentBy: text("sent_by").references(() => users.id, { onDelete: "set null" }),
    sentAt: instant("sent_at").notNull().defaultNow(),
    closesAt: instant("closes_at").notNull(),
    openedAt: instant("opened_at"),
  },
  (t) => [
    index("survey_sends_ws_survey_idx").on(t.workspaceId, t.surveyId, t.sentAt),
    index("survey_sends_ws_account_idx").on(t.workspaceId, t.accountId),
    uniqueIndex("survey_sends_trigger_onboarding_contact_uq").on(t.triggerId, t.onboardingId, t.contactId),
  ],
);

/**
 * An answer: one per send (a later visit changes it until the send closes), or imported without a
 * send. `kind` and `score` feed the NPS and CSAT KPIs.
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    surveyId: uuid("survey_id").references(() => surveys.id, { onDelete: "set null" }),
    sendId: uuid("send_id").references(() => surveySends.id, { onDelete: "set null" }),
    kind: text("kind").$type<"nps" | "csat" | "custom">().notNull(),
    score: integer("score"),
    comment: text("comment"),
    answers: jsonb("answers").$type<Record<string, string | number | null>>().notNull().default({}),
    accountId: accountRef(),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    contactEmail: text("contact_email"),
    source: text("source").$type<"link" | "portal" | "import">().notNull(),
    answeredAt: instant("answered_at").notNull(),
    updatedAt: updatedAt(),
    /** When the low score was acted on (task, notifications, signal): at most once per response. */
    detractorHandledAt: instant("detractor_handled_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("survey_responses_send_uq").on(t.sendId),
    index("survey_responses_ws_answered_idx").on(t.workspaceId, t.kind, t.answeredAt),
    index("survey_responses_ws_account_idx").on(t.workspaceId, t.accountId, t.answeredAt),
    uniqueIndex("survey_responses_import_uq")
      .on(t.workspaceId, t.kind, t.accountId, sql`coalesce(${t.contactEmail}, '')`, t.answeredAt)
      .where(sql`${t.source} = 'import'`),
  ],
);

// Seminars

/** A seminar (welcome seminar, training, other) with its sessions; offered automatically to touch models. */
export const seminars = pgTable(
  "seminars",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    kind: text("kind").$type<"welcome" | "training" | "other">().notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    description: jsonb("description").$type<Localized>(),
    /** Touch models whose new onboardings are invited to the next session by themselves. */
    autoInviteTouchModels: text("auto_invite_touch_models").array().notNull().default([]),
    /** When automatic invitations were switched on (null: off); only onboardings started since are invited. */
    autoInviteSince: instant("auto_invite_since"),
    /** How long before a session registered contacts get a reminder. */
    reminderHours: integer("reminder_hours").notNull().default(24),
    archivedAt: instant("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("seminars_ws_kind_idx").on(t.workspaceId, t.kind)],
);

/** One date of a seminar (online). */
export const seminarSessions = pgTable(
  "seminar_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    seminarId: uuid("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    startsAt: instant("starts_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(60),
    onlineUrl: text("online_url"),
    capacity: integer("capacity"),
    cancelledAt: instant("cancelled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("seminar_sessions_seminar_starts_uq").on(t.seminarId, t.startsAt),
    index("seminar_sessions_ws_starts_idx").on(t.workspaceId, t.startsAt),
  ],
);

/** A contact invited to a session: registration through a secret link (only its hash is kept), attendance. */
export const seminarInvitations = pgTable(
  "seminar_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    seminarId: uuid("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => seminarSessions.id, { onDelete: "cascade" }),
    accountId: accountRef(),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    contactEmail: text("contact_email").notNull(),
    invitedAt: instant("invited_at").notNull().defaultNow(),
    status: text("status").$type<"invited" | "registered" | "declined">().notNull().default("invited"),
    respondedAt: instant("responded_at"),
    /** true attended, false absent, null not known yet. */
    attended: boolean("attended"),
    tokenHash: text("token_hash").unique(),
    source: text("source")
      .$type<"manual" | "segment" | "auto" | "import" | "follow_up" | "portal">()
      .notNull()
      .default("manual"),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    /** Set when the reminder for the current session was queued (cleared when the session changes). */
    reminderQueuedAt: instant("reminder_queued_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("seminar_invitations_session_email_uq").on(t.sessionId, t.contactEmail),
    index("seminar_invitations_ws_seminar_idx").on(t.workspaceId, t.seminarId),
    index("seminar_invitations_ws_account_idx").on(t.workspaceId, t.accountId),
    index("seminar_invitations_ws_invited_idx").on(t.workspaceId, t.invitedAt),
  ],
);

// Information e-mails

/** A scheduled series of information e-mails (tips, success stories) for tech-touch onboardings. */
export const informationSequences = pgTable(
  "information_sequences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    name: text("name").notNull(),
    /** Accounts of these touch models (empty: any) … */
    touchModels: text("touch_models").array().notNull().default([]),
    /** … and of these segments (empty: any); at least one of the two is set. */
    segments: text("segments").array().notNull().default([]),
    /** Contact roles that receive it (empty: every contact of the account). */
    contactRoles: text("contact_roles").array().notNull().default([]),
    active: boolean("active").notNull().default(false),
    /** When it was last turned on: only onboardings started after this are enrolled. */
    activatedAt: instant("activated_at"),
    pausedAt: instant("paused_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("information_sequences_ws_active_idx").on(t.workspaceId, t.active)],
);

/** One e-mail of a sequence, sent `dayOffset` days after the onboarding started. */
export const informationSteps = pgTable(
  "information_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    sequenceId: uuid("sequence_id")
      .notNull()
      .references(() => informationSequences.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    dayOffset: integer("day_offset").notNull(),
    category: text("category").$type<"tips" | "success_story" | "other">().notNull(),
    subject: jsonb("subject").$type<Localized>().notNull(),
    body: jsonb("body").$type<Localized>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("information_steps_ws_sequence_idx").on(t.workspaceId, t.sequenceId, t.position)],
);

/** An onboarding receiving a sequence, until it completes, the account churns or leaves the target. */
export const informationEnrolments = pgTable(
  "information_enrolments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    sequenceId: uuid("sequence_id")
      .notNull()
      .references(() => informationSequences.id, { onDelete: "cascade" }),
    onboardingId: onboardingRef(),
    accountId: accountRef(),
    /** The onboarding's start: step days count from here. */
    startedAt: instant("started_at").notNull(),
    stoppedAt: instant("stopped_at"),
    stopReason: text("stop_reason").$type<
      "completed" | "churned" | "left_target" | "sequence_paused" | "finished"
    >(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("information_enrolments_sequence_onboarding_uq").on(t.sequenceId, t.onboardingId),
    index("information_enrolments_ws_sequence_idx").on(t.workspaceId, t.sequenceId),
    index("information_enrolments_ws_account_idx").on(t.workspaceId, t.accountId),
  ],
);

/** A step queued for one contact of an enrolment (once: the unique key is the idempotency). */
export const informationSends = pgTable(
  "information_sends",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => informationEnrolments.id, { onDelete: "cascade" }),
    stepId: uuid("step_id")
      .notNull()
      .references(() => informationSteps.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** The outbox message (null when the outbox already had the key). */
    mailId: uuid("mail_id"),
    locale: text("locale").notNull(),
    sendAfter: instant("send_after").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("information_sends_enrolment_step_contact_uq").on(t.enrolmentId, t.stepId, t.contactId),
    index("information_sends_ws_enrolment_idx").on(t.workspaceId, t.enrolmentId),
  ],
);

// Support inquiries

/** A customer's inquiry to support (imported until support manages them): feeds the response-time KPI. */
export const inquiries = pgTable(
  "inquiries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    accountId: accountRef(),
    externalId: text("external_id"),
    /** The import key: `ext:<external_id>`, else `row:<hash of the whole row>`. */
    dedupeKey: text("dedupe_key").notNull(),
    channel: text("channel"),
    subject: text("subject"),
    body: text("body"),
    openedAt: instant("opened_at").notNull(),
    firstResponseAt: instant("first_response_at"),
    resolvedAt: instant("resolved_at"),
    source: text("source").$type<"import">().notNull().default("import"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("inquiries_ws_dedupe_uq").on(t.workspaceId, t.dedupeKey),
    index("inquiries_ws_opened_idx").on(t.workspaceId, t.openedAt),
    index("inquiries_ws_account_idx").on(t.workspaceId, t.accountId, t.openedAt),
  ],
);

// KPI targets

/**
 * A KPI target from `effective_from` (the first of a month, workspace zone) until a later one of the
 * same KPI and scope replaces it. Scope '' / '' is the overall target; otherwise a breakdown value of
 * `segment` or `touch_model`.
 */
export const kpiTargets = pgTable(
  "kpi_targets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    kpiId: text("kpi_id").notNull(),
    scopeDimension: text("scope_dimension").$type<"" | "segment" | "touch_model">().notNull().default(""),
    scopeValue: text("scope_value").notNull().default(""),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    value: numeric("value", { mode: "number" }).notNull(),
    warningBand: numeric("warning_band", { mode: "number" }).notNull().default(0),
    reviewOn: date("review_on", { mode: "string" }).notNull(),
    note: text("note"),
    setByUserId: text("set_by_user_id").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: instant("reviewed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("kpi_targets_ws_kpi_scope_from_uq").on(
      t.workspaceId,
      t.kpiId,
      t.scopeDimension,
      t.scopeValue,
      t.effectiveFrom,
    ),
  ],
);

/** Which KPI alerts and review reminders were sent (key: period, KPI and scope, or the due review), so each goes out once. */
export const kpiAlertNotices = pgTable(
  "kpi_alert_notices",
  {
    workspaceId: workspaceRef(),
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

/** Tables whose rows belong to one workspace; row-level security is enabled on each. */
export const workspaceTables = [
  "api_tokens",
  "memberships",
  "accounts",
  "contacts",
  "timeline_entries",
  "hearing_templates",
  "hearing_sheets",
  "rule_versions",
  "touch_model_changes",
  "import_mappings",
  "onboarding_templates",
  "onboardings",
  "onboarding_tasks",
  "onboarding_meetings",
  "onboarding_criteria",
  "follow_up_suggestions",
  "portal_links",
  "portal_visitors",
  "events",
  "account_event_stats",
  "account_usage_days",
  "account_user_days",
  "event_users",
  "ungrouped_users",
  "unmatched_groups",
  "event_rejections",
  // mail outbox tables
  "mail_outbox",
  // survey tables
  "surveys",
  "survey_triggers",
  "survey_sends",
  "survey_responses",
  // seminar tables
  "seminars",
  "seminar_sessions",
  "seminar_invitations",
  // information e-mail tables
  "information_sequences",
  "information_steps",
  "information_enrolments",
  "information_sends",
  // support tables
  "inquiries",
  // KPI target tables
  "kpi_targets",
  "kpi_alert_notices",
] as const;

/** Settings of the installation itself (not of a workspace), e.g. the session-signing secret. */
export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
