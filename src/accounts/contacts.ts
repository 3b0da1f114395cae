import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../platform/db/client.ts";
import { contacts } from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import type { ContactInput } from "./account-fields.ts";
import { getAccount } from "./accounts.ts";

const contactColumns = {
  id: contacts.id,
  accountId: contacts.accountId,
  email: contacts.email,
  name: contacts.name,
  role: contacts.role,
  literacy: contacts.literacy,
  language: contacts.locale,
  unsubscribedAt: contacts.unsubscribedAt,
  createdAt: contacts.createdAt,
  updatedAt: contacts.updatedAt,
};

export async function listContacts(tx: Queryable, workspaceId: string, accountId: string) {
  return tx
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.accountId, accountId)))
    .orderBy(asc(contacts.name), asc(contacts.email));
}

async function getContact(tx: Queryable, workspaceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Contact");
  const [row] = await tx
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  if (!row) throw notFound("Contact");
  return row;
}

/** The contact's language is kept in the `locale` column. */
function toColumns<T extends Partial<ContactInput>>({ language, ...rest }: T) {
  return language === undefined ? rest : { ...rest, locale: language };
}

const duplicateEmail = (email: string | undefined) =>
  new AppError("conflict", `A contact with e-mail ${email} already exists in this workspace`, [
    { path: "email", message: "already used by another contact" },
  ]);

export async function addContact(tx: Queryable, workspaceId: string, accountId: string, input: ContactInput) {
  await getAccount(tx, workspaceId, accountId);
  const [row] = await tx
    .insert(contacts)
    .values({ ...toColumns(input), workspaceId, accountId })
    .onConflictDoNothing()
    .returning({ id: contacts.id });
  if (!row) throw duplicateEmail(input.email);
  return getContact(tx, workspaceId, row.id);
}

export async function updateContact(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: Partial<ContactInput>,
) {
  await getContact(tx, workspaceId, id);
  if (patch.email) {
    const [clash] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, patch.email)));
    if (clash && clash.id !== id) throw duplicateEmail(patch.email);
  }
  await tx
    .update(contacts)
    .set({ ...toColumns(patch), updatedAt: new Date() })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  return getContact(tx, workspaceId, id);
}

export async function removeContact(tx: Queryable, workspaceId: string, id: string) {
  await getContact(tx, workspaceId, id);
  await tx.delete(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
}
