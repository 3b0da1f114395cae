import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Queryable } from "../platform/db/client.ts";
import { accounts, contacts } from "../platform/db/schema.ts";
import { notFound } from "../platform/http/errors.ts";
import { hasActivePortalLink } from "./information-portal-link.ts";
import { renderStep } from "./render-step.ts";
import type { previewInput } from "./sequence-schemas.ts";

/**
 * A step as one account's contact would read it, in Japanese and English. The portal link shown is
 * a stand-in: the real one is made when the step is sent (and only if the account has an active link).
 */
export async function previewStep(
  tx: Queryable,
  workspaceId: string,
  input: z.infer<typeof previewInput>,
  publicUrl: string,
) {
  const [account] = await tx
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, input.accountId)));
  if (!account) throw notFound("Account");
  const [contact] = await tx
    .select({ name: contacts.name, email: contacts.email })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        eq(contacts.accountId, account.id),
        input.contactRoles.length ? inArray(contacts.role, input.contactRoles) : undefined,
      ),
    )
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(1);
  const hasPortalLink = await hasActivePortalLink(tx, workspaceId, account.id);
  const values = {
    accountName: account.name,
    contactName: contact?.name ?? null,
    portalLink: hasPortalLink ? `${publicUrl}/portal/…` : null,
  };
  return {
    accountName: account.name,
    contactName: contact?.name ?? null,
    contactEmail: contact?.email ?? null,
    hasPortalLink,
    ja: renderStep(input, values, "ja"),
    en: renderStep(input, values, "en"),
  };
}
