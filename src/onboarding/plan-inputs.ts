import { and, eq } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { contacts, type Localized, memberships } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";

/** One text for both languages, or both given. */
export const toLocalized = (value: string | Localized): Localized =>
  typeof value === "string" ? { ja: value, en: value } : value;

export const invalid = (path: string, message: string) =>
  new AppError("validation_failed", `${path} ${message}`, [{ path, message }]);

/** Checks that a staff assignee is a member of the workspace and a contact belongs to the account. */
export async function assertAssignees(
  tx: Queryable,
  workspaceId: string,
  accountId: string,
  input: { assigneeUserId?: string | null | undefined; assigneeContactId?: string | null | undefined },
) {
  if (input.assigneeUserId) {
    const [m] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.assigneeUserId)));
    if (!m) throw invalid("assigneeUserId", "is not a staff user of this workspace");
  }
  if (input.assigneeContactId) {
    const [c] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          eq(contacts.workspaceId, workspaceId),
          eq(contacts.accountId, accountId),
          eq(contacts.id, input.assigneeContactId),
        ),
      );
    if (!c) throw invalid("assigneeContactId", "is not a contact of this account");
  }
}

export const shortKey = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
