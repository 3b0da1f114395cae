import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { refreshActivation } from "../events/activation.ts";
import { refreshUsageFrequency } from "../events/usage-frequency.ts";
import { forgetWriteKeys } from "../events/write-keys.ts";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { memberships, workspaces } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { readSettings, settingKeys, type WorkspaceSettings } from "./workspace-settings.ts";

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  settings: WorkspaceSettings;
}

const toWorkspace = (row: typeof workspaces.$inferSelect): Workspace => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  settings: readSettings(row.settings),
});

export const newWriteKey = () => `wk_${randomBytes(24).toString("base64url")}`;

export async function createWorkspace(db: Db, input: { slug: string; name: string }): Promise<Workspace> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(input.slug))
    throw new AppError(
      "validation_failed",
      `Workspace slug "${input.slug}" must be lower-case letters, digits and -`,
    );
  const [row] = await db
    .insert(workspaces)
    .values({ slug: input.slug, name: input.name, writeKey: newWriteKey() })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError("conflict", `Workspace "${input.slug}" already exists`);
  return toWorkspace(row);
}

export async function findWorkspace(db: Db, slug: string): Promise<Workspace | null> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row ? toWorkspace(row) : null;
}

export async function getWorkspaceById(db: Db, id: string): Promise<Workspace | null> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  return row ? toWorkspace(row) : null;
}

/**
 * The workspace a CLI command acts on: the one named, else the only one (or `default`),
 * creating `default` on an empty installation.
 */
export async function resolveWorkspace(db: Db, slug: string | undefined): Promise<Workspace> {
  if (slug) {
    const found = await findWorkspace(db, slug);
    if (!found) throw new AppError("not_found", `No workspace "${slug}"`);
    return found;
  }
  const all = await db.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(2);
  if (all.length === 1) return toWorkspace(all[0]!);
  const byDefault = await findWorkspace(db, "default");
  if (byDefault) return byDefault;
  if (all.length === 0) return createWorkspace(db, { slug: "default", name: "Default" });
  throw new AppError("validation_failed", "There are several workspaces: name one with --workspace SLUG");
}

export async function workspacesOfUser(db: Db, userId: string) {
  return db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}

export async function rotateWriteKey(db: Db, workspaceId: string): Promise<string> {
  const key = newWriteKey();
  await db.update(workspaces).set({ writeKey: key }).where(eq(workspaces.id, workspaceId));
  forgetWriteKeys();
  return key;
}

export async function getWriteKey(db: Db, workspaceId: string): Promise<string> {
  const [row] = await db
    .select({ key: workspaces.writeKey })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new AppError("not_found", "Workspace not found");
  return row.key;
}

const changed = (a: WorkspaceSettings, b: WorkspaceSettings, prefix: string) =>
  settingKeys.some((k) => k.startsWith(prefix) && JSON.stringify(a[k]) !== JSON.stringify(b[k]));

/**
 * Stores new settings; when the activation definition or the usage-frequency thresholds change,
 * every account's activation or usage frequency is worked out again under them, in the same
 * transaction.
 */
export async function updateSettings(db: Db, workspace: Workspace, settings: WorkspaceSettings) {
  await inWorkspace(db, workspace.id, async (tx) => {
    await tx.update(workspaces).set({ settings }).where(eq(workspaces.id, workspace.id));
    const updated = { ...workspace, settings };
    if (changed(workspace.settings, settings, "activation.")) await refreshActivation(tx, updated);
    if (changed(workspace.settings, settings, "usage.") || changed(workspace.settings, settings, "timezone"))
      await refreshUsageFrequency(tx, updated);
  });
  forgetWriteKeys();
}
