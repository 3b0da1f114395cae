import { z } from "@hono/zod-openapi";
import { and, desc, eq, ilike, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../db/client.ts";
import { accounts, mailOutbox } from "../db/schema.ts";
import { AppError, notFound } from "../http/errors.ts";
import { mailChannels, mailStatuses } from "./outbox.ts";

export const outboxQuery = z.object({
  status: z.enum(mailStatuses).optional(),
  channel: z.enum(mailChannels).optional(),
  category: z.string().trim().min(1).max(100).optional(),
  accountId: z.uuid().optional(),
  q: z.string().trim().max(320).optional().openapi({ description: "part of the recipient's address" }),
  cursor: z.uuid().optional().openapi({ description: "nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type OutboxQuery = z.infer<typeof outboxQuery>;

const listColumns = {
  id: mailOutbox.id,
  channel: mailOutbox.channel,
  to: mailOutbox.to,
  contactId: mailOutbox.contactId,
  accountId: mailOutbox.accountId,
  accountName: accounts.name,
  locale: mailOutbox.locale,
  purpose: mailOutbox.purpose,
  category: mailOutbox.category,
  subject: mailOutbox.subject,
  status: mailOutbox.status,
  attempts: mailOutbox.attempts,
  nextAttemptAt: mailOutbox.nextAttemptAt,
  lastError: mailOutbox.lastError,
  sentAt: mailOutbox.sentAt,
  createdAt: mailOutbox.createdAt,
};

const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The workspace's outbox, newest first, a page at a time (`nextCursor` continues). */
export async function listOutbox(tx: Queryable, workspaceId: string, query: OutboxQuery) {
  const where: (SQL | undefined)[] = [eq(mailOutbox.workspaceId, workspaceId)];
  if (query.status) where.push(eq(mailOutbox.status, query.status));
  if (query.channel) where.push(eq(mailOutbox.channel, query.channel));
  if (query.category) where.push(eq(mailOutbox.category, query.category));
  if (query.accountId) where.push(eq(mailOutbox.accountId, query.accountId));
  if (query.q) where.push(ilike(mailOutbox.to, `%${likeEscaped(query.q)}%`));
  if (query.cursor)
    where.push(sql`(${mailOutbox.createdAt}, ${mailOutbox.id}) < (
      select c.created_at, c.id from mail_outbox c where c.id = ${query.cursor} and c.workspace_id = ${workspaceId})`);
  const rows = await tx
    .select(listColumns)
    .from(mailOutbox)
    .leftJoin(accounts, eq(accounts.id, mailOutbox.accountId))
    .where(and(...where))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}

/** One message of the workspace with its body; not found for another workspace's. */
export async function getOutboxMessage(tx: Queryable, workspaceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Message");
  const [row] = await tx
    .select({ ...listColumns, text: mailOutbox.text, html: mailOutbox.html, row: mailOutbox })
    .from(mailOutbox)
    .leftJoin(accounts, eq(accounts.id, mailOutbox.accountId))
    .where(and(eq(mailOutbox.workspaceId, workspaceId), eq(mailOutbox.id, id)));
  if (!row) throw notFound("Message");
  return row;
}

/** A failed message goes back to the queue with a fresh set of attempts, due now. */
export async function retryOutboxMessage(tx: Queryable, workspaceId: string, id: string, now = new Date()) {
  const message = await getOutboxMessage(tx, workspaceId, id);
  if (message.status !== "failed")
    throw new AppError("conflict", `Only a failed message can be retried; this one is ${message.status}`);
  await tx
    .update(mailOutbox)
    .set({ status: "queued", attempts: 0, nextAttemptAt: now, lockedUntil: null })
    .where(
      and(eq(mailOutbox.workspaceId, workspaceId), eq(mailOutbox.id, id), eq(mailOutbox.status, "failed")),
    );
}
