import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Queryable } from "../platform/db/client.ts";
import { authCredentials, memberships, type Role, roles, users } from "../platform/db/schema.ts";
import { AppError, validationFailed } from "../platform/http/errors.ts";

export const staffUserInput = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(roles).default("csm"),
  password: z.string().min(8, "must be at least 8 characters").max(200).optional(),
});
export type StaffUserInput = z.input<typeof staffUserInput>;

export const generatePassword = () => randomBytes(12).toString("base64url");

/**
 * Adds a staff user to a workspace (or changes their role and password if they exist).
 * `canSignIn: false` creates a placeholder (e.g. an owner named in an import) until invited.
 */
export async function addStaffUser(
  db: Db,
  workspaceId: string,
  raw: StaffUserInput,
  options: { canSignIn?: boolean } = {},
): Promise<{ userId: string; email: string; password: string | null; created: boolean }> {
  const parsed = staffUserInput.safeParse(raw);
  if (!parsed.success) throw validationFailed(parsed.error, "The user");
  const input = parsed.data;
  const canSignIn = options.canSignIn ?? true;
  const password = canSignIn ? (input.password ?? generatePassword()) : null;
  const hash = password ? await hashPassword(password) : null;
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(users.email, input.email));
    const userId = existing?.id ?? randomUUID();
    if (!existing) {
      await tx
        .insert(users)
        .values({ id: userId, email: input.email, name: input.name ?? input.email.split("@")[0]! });
    } else if (input.name) {
      await tx.update(users).set({ name: input.name, updatedAt: new Date() }).where(eq(users.id, userId));
    }
    if (hash) {
      const updated = await tx
        .update(authCredentials)
        .set({ password: hash, updatedAt: new Date() })
        .where(and(eq(authCredentials.userId, userId), eq(authCredentials.providerId, "credential")))
        .returning({ id: authCredentials.id });
      if (updated.length === 0)
        await tx
          .insert(authCredentials)
          .values({ id: randomUUID(), accountId: userId, providerId: "credential", userId, password: hash });
    }
    await tx
      .insert(memberships)
      .values({ workspaceId, userId, role: input.role })
      .onConflictDoUpdate({
        target: [memberships.workspaceId, memberships.userId],
        set: { role: input.role },
      });
    return { userId, email: input.email, password, created: !existing };
  });
}

/**
 * The owner named by e-mail in an import: the workspace's staff user with that e-mail, created as a
 * CSM who cannot sign in until invited when nobody has it. Null when the e-mail belongs to a person
 * outside this workspace: an import must not grant anyone access (an admin adds members).
 */
export async function ensureStaffByEmail(db: Db, workspaceId: string, email: string): Promise<string | null> {
  const lower = email.toLowerCase();
  const [found] = await db
    .select({ id: users.id, member: memberships.userId })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspaceId)))
    .where(eq(users.email, lower));
  if (found?.member) return found.id;
  if (found) return null;
  const added = await addStaffUser(db, workspaceId, { email: lower, role: "csm" }, { canSignIn: false });
  return added.userId;
}

export async function listStaff(tx: Queryable, workspaceId: string) {
  return tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      canSignIn: sql<boolean>`exists (select 1 from auth_credentials c where c.user_id = ${users.id})`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
}

export const roleRank: Record<Role, number> = { viewer: 0, csm: 1, manager: 2, admin: 3 };

export function assertRole(actual: Role, needed: Role) {
  if (roleRank[actual] < roleRank[needed])
    throw new AppError("forbidden", `This needs the ${needed} role; you are ${actual}`);
}
