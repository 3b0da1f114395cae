import { sql } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";

export interface Rejection {
  reason: string;
  messageId: string | null;
  type: string | null;
}

/** At most this many reasons are kept per request, so one bad sender cannot flood the table. */
const PER_REQUEST = 20;

/**
 * Keeps why messages were refused, for the live view; a week's worth is kept (older ones are
 * removed as new ones arrive).
 */
export async function recordRejections(tx: Queryable, workspaceId: string, rejections: readonly Rejection[]) {
  if (rejections.length === 0) return;
  const rows = rejections.slice(0, PER_REQUEST).map((r) => ({
    reason: r.reason.slice(0, 500),
    message_id: r.messageId?.slice(0, 200) ?? null,
    type: r.type?.slice(0, 20) ?? null,
  }));
  await tx.execute(sql`insert into event_rejections (workspace_id, reason, message_id, type)
    select ${workspaceId}::uuid, r.reason, r.message_id, r.type
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(reason text, message_id text, type text)`);
  await tx.execute(sql`delete from event_rejections
    where workspace_id = ${workspaceId} and received_at < now() - interval '7 days'`);
}
