import { eq } from "drizzle-orm";
import type { Db } from "../platform/db/client.ts";
import { workspaces } from "../platform/db/schema.ts";
import { readSettings } from "../workspaces/workspace-settings.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
const known = new Map<string, { workspace: Workspace | null; until: number }>();

/**
 * The workspace a write key belongs to, remembered for a few seconds: every ingestion request asks,
 * and on the embedded database a lookup would wait behind the commit under way, so requests could
 * not gather into the next one. A key rotated in this process stops working at once (see
 * `forgetWriteKeys`); other instances notice within the few seconds.
 */
export async function workspaceOfWriteKey(db: Db, key: string | null): Promise<Workspace | null> {
  if (!key || key.length > 200) return null;
  const now = Date.now();
  const hit = known.get(key);
  if (hit && hit.until > now) return hit.workspace;
  const [row] = await db.select().from(workspaces).where(eq(workspaces.writeKey, key));
  const workspace = row
    ? { id: row.id, slug: row.slug, name: row.name, settings: readSettings(row.settings) }
    : null;
  if (known.size >= MAX_ENTRIES) known.clear();
  known.set(key, { workspace, until: now + TTL_MS });
  return workspace;
}

/** After a key was rotated or settings changed: look every key up again. */
export function forgetWriteKeys() {
  known.clear();
}
