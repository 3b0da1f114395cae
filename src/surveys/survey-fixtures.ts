import { and, eq, like } from "drizzle-orm";
import type { Db } from "../platform/db/client.ts";
import { accounts, contacts, mailOutbox } from "../platform/db/schema.ts";

/** A contact written straight into the table. */
export async function insertContact(
  db: Db,
  workspaceId: string,
  accountId: string,
  c: { email: string; name?: string; role?: string; locale?: string; unsubscribed?: boolean },
) {
  const [row] = await db
    .insert(contacts)
    .values({
      workspaceId,
      accountId,
      email: c.email,
      name: c.name ?? null,
      role: c.role ?? null,
      locale: c.locale ?? null,
      unsubscribedAt: c.unsubscribed ? new Date() : null,
    })
    .returning({ id: contacts.id });
  return row!.id;
}

export async function setAccount(db: Db, accountId: string, values: Partial<typeof accounts.$inferInsert>) {
  await db.update(accounts).set(values).where(eq(accounts.id, accountId));
}

/** The survey e-mails queued to an address, oldest first. */
export async function surveyMailsTo(db: Db, workspaceId: string, to: string) {
  return db
    .select()
    .from(mailOutbox)
    .where(
      and(eq(mailOutbox.workspaceId, workspaceId), eq(mailOutbox.to, to), eq(mailOutbox.category, "survey")),
    )
    .orderBy(mailOutbox.createdAt);
}

/** The link token in a survey e-mail. */
export function tokenIn(text: string): string {
  const m = /\/survey\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!m) throw new Error(`no survey link in: ${text}`);
  return m[1]!;
}

export async function outboxLike(db: Db, workspaceId: string, dedupePrefix: string) {
  return db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.workspaceId, workspaceId), like(mailOutbox.dedupeKey, `${dedupePrefix}%`)));
}
