import { eq, sql } from "drizzle-orm";
import { ensureDefaultHearingTemplate } from "../hearing-sheets/hearing-templates.ts";
import { generateInformationEmails } from "../information-emails/demo-information-emails.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import { workspaces } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { generateDemoOutbox } from "../platform/mail/demo-outbox.ts";
import { refreshClassifications } from "../segmentation/refresh-classifications.ts";
import { generateDemoSeminars } from "../seminars/demo-seminars.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import { generateDemoSurveys } from "../surveys/demo-surveys.ts";
import { workspaceSettings } from "../workspaces/workspace-settings.ts";
import { createWorkspace, findWorkspace, type Workspace } from "../workspaces/workspaces.ts";
import { listDemoStaff } from "./demo-data.ts";
import { generateDemoInquiries } from "./generate-inquiries.ts";
import { generateOnboardings } from "./generate-onboardings.ts";
import { generateUsageEvents } from "./generate-usage-events.ts";
import { generateAccounts } from "./generate-workspace.ts";
import { rememberSignInHint } from "./sign-in-hint.ts";

export const DEMO_SLUG = "demo";
export const DEMO_NAME = "デモ株式会社 (Demo)";
export const DEMO_EMAIL = "demo@embark.example";
export const DEMO_PASSWORD = "embark-demo";
export const DEMO_SEED = 20_240_401;
const DEMO_ACCOUNTS = 400;

export interface DemoWorkspace {
  workspace: Workspace;
  email: string;
  password: string;
}

/**
 * Creates the demo workspace — デモ株式会社 with its CS team (an admin who can sign in with the
 * published demo password, a manager and eight CSMs) and ~400 customer accounts — and remembers its
 * sign-in for the sign-in page. Does nothing and returns null when a `demo` workspace exists.
 * Runs in one transaction, so an interrupted run leaves no half-made demo behind.
 */
export async function createDemoWorkspace(
  db: Db,
  options: { accounts?: number; now?: Date } = {},
): Promise<DemoWorkspace | null> {
  if (await findWorkspace(db, DEMO_SLUG)) return null;
  try {
    return await db.transaction((tx) => populateDemo(tx, options));
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict") return null; // another instance made it first
    throw err;
  }
}

async function populateDemo(db: Db, options: { accounts?: number; now?: Date }): Promise<DemoWorkspace> {
  const created = await createWorkspace(db, { slug: DEMO_SLUG, name: DEMO_NAME });
  const settings = workspaceSettings.parse({
    timezone: "Asia/Tokyo",
    "activation.events": ["Tutorial Completed", "First Data Imported"],
  });
  await db.update(workspaces).set({ settings }).where(eq(workspaces.id, created.id));
  await addStaffUser(db, created.id, {
    email: DEMO_EMAIL,
    name: "デモ管理者",
    role: "admin",
    password: DEMO_PASSWORD,
  });
  const ownerIds = await addDemoTeam(db, created.id);
  await rememberSignInHint(db, { email: DEMO_EMAIL, password: DEMO_PASSWORD });
  // Last: account batches switch the transaction to the workspace-scoped role.
  await generateAccounts(db, created.id, {
    accounts: options.accounts ?? DEMO_ACCOUNTS,
    seed: DEMO_SEED,
    now: options.now,
    ownerIds,
  });
  const workspace = { ...created, settings };
  await assignBackupOwners(db, workspace.id, ownerIds);
  await refreshClassifications(db, workspace, "all");
  await ensureDefaultHearingTemplate(db, workspace.id);
  await generateOnboardings(db as Tx, workspace, DEMO_SEED, options.now ?? new Date());
  await generateUsageEvents(db as Tx, workspace, DEMO_SEED, options.now ?? new Date());
  await generateDemoSurveys(db as Tx, workspace, DEMO_SEED, options.now ?? new Date());
  await generateDemoInquiries(db as Tx, workspace, DEMO_SEED, options.now ?? new Date());
  await generateInformationEmails(db as Tx, workspace, options.now ?? new Date());
  await generateDemoOutbox(db as Tx, workspace.id, options.now ?? new Date());
  await generateDemoSeminars(db as Tx, workspace, DEMO_SEED, options.now ?? new Date());
  return { workspace, email: DEMO_EMAIL, password: DEMO_PASSWORD };
}

/** Gives about two thirds of the accounts a backup CSM, so the team-load view has both cases. */
async function assignBackupOwners(db: Db, workspaceId: string, ownerIds: string[]) {
  if (ownerIds.length < 2) return;
  const owners = `{${ownerIds.join(",")}}`; // a PostgreSQL array literal, bound as one parameter
  await db.execute(sql`
    update accounts a
    set backup_owner_id = (${owners}::text[])[1 + (array_position(${owners}::text[], a.owner_id) % ${ownerIds.length})]
    where a.workspace_id = ${workspaceId} and a.owner_id is not null
      and get_byte(decode(md5(a.external_id), 'hex'), 0) < 170`);
}

/** Adds the manager and the CSMs (who cannot sign in); returns the CSMs' user ids, the busiest first. */
async function addDemoTeam(db: Db, workspaceId: string): Promise<string[]> {
  const csmIds: string[] = [];
  for (const member of listDemoStaff()) {
    const added = await addStaffUser(db, workspaceId, member, { canSignIn: false });
    if (member.role === "csm") csmIds.push(added.userId);
  }
  return csmIds;
}

/** On an installation's first start (no workspace at all), creates the demo; returns whether it did. */
export async function ensureDemoOnFirstStart(db: Db, options: { accounts?: number; now?: Date } = {}) {
  const [any] = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  if (any) return false;
  return (await createDemoWorkspace(db, options)) !== null;
}
