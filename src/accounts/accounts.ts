import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { attachEarlierEvents } from "../events/attach-earlier-events.ts";
import type { Queryable } from "../platform/db/client.ts";
import { accounts, contacts, memberships, users } from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { parseDateOrInstant } from "../platform/time.ts";
import { classifyWrittenAccounts } from "../segmentation/classify-written-accounts.ts";
import { checkLifecycleChange } from "../segmentation/lifecycle-transitions.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { AccountInput, AccountPatch } from "./account-fields.ts";

export const accountSorts = [
  "name",
  "externalId",
  "plan",
  "industry",
  "employees",
  "annualRevenue",
  "contractStart",
  "lifecyclePhase",
  "updatedAt",
  "createdAt",
] as const;

export const accountListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(accountSorts).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  plan: z.string().optional(),
  industry: z.string().optional(),
  lifecyclePhase: z.string().optional(),
  ownerId: z.string().optional(),
  segment: z.string().optional(),
  touchModel: z.string().optional(),
  usageFrequency: z.string().optional(),
  activated: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export type AccountListQuery = z.infer<typeof accountListQuery>;

const owner = sql<{ id: string; name: string; email: string } | null>`case when ${users.id} is null then null
  else json_build_object('id', ${users.id}, 'name', ${users.name}, 'email', ${users.email}) end`;

const accountColumns = {
  id: accounts.id,
  externalId: accounts.externalId,
  name: accounts.name,
  groupId: accounts.groupId,
  industry: accounts.industry,
  employees: accounts.employees,
  annualRevenue: accounts.annualRevenue,
  plan: accounts.plan,
  contractStart: accounts.contractStart,
  contractValue: accounts.contractValue,
  ownerId: accounts.ownerId,
  backupOwnerId: accounts.backupOwnerId,
  backupOwner: sql<{
    id: string;
    name: string;
    email: string;
  } | null>`(select json_build_object('id', b.id, 'name', b.name, 'email', b.email)
    from ${users} b where b.id = ${accounts.backupOwnerId})`,
  owner,
  segment: accounts.segment,
  touchModel: accounts.touchModel,
  touchModelSource: accounts.touchModelSource,
  touchModelOverride: accounts.touchModelOverride,
  usageFrequency: accounts.usageFrequency,
  activatedAt: accounts.activatedAt,
  lifecyclePhase: accounts.lifecyclePhase,
  churnedAt: accounts.churnedAt,
  churnReason: accounts.churnReason,
  custom: accounts.custom,
  contactCount: sql<number>`(select count(*)::int from ${contacts} where ${contacts.accountId} = ${accounts.id})`,
  createdAt: accounts.createdAt,
  updatedAt: accounts.updatedAt,
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export async function listAccounts(tx: Queryable, workspaceId: string, query: AccountListQuery) {
  const where: SQL[] = [eq(accounts.workspaceId, workspaceId)];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    where.push(or(ilike(accounts.name, pattern), ilike(accounts.externalId, pattern))!);
  }
  if (query.plan) where.push(eq(accounts.plan, query.plan));
  if (query.industry) where.push(eq(accounts.industry, query.industry));
  if (query.lifecyclePhase) where.push(eq(accounts.lifecyclePhase, query.lifecyclePhase));
  if (query.ownerId) where.push(eq(accounts.ownerId, query.ownerId));
  if (query.segment) where.push(eq(accounts.segment, query.segment));
  if (query.touchModel) where.push(eq(accounts.touchModel, query.touchModel));
  if (query.usageFrequency) where.push(eq(accounts.usageFrequency, query.usageFrequency));
  if (query.activated !== undefined)
    where.push(query.activated ? isNotNull(accounts.activatedAt) : isNull(accounts.activatedAt));
  const filter = and(...where);
  const sortColumn = accounts[query.sort === "lifecyclePhase" ? "lifecyclePhase" : query.sort];
  const direction = query.order === "asc" ? asc : desc;
  const orderBy = [
    query.order === "asc" ? sql`${sortColumn} asc nulls last` : sql`${sortColumn} desc nulls last`,
    direction(accounts.id),
  ];
  const [items, totals] = await Promise.all([
    tx
      .select(accountColumns)
      .from(accounts)
      .leftJoin(users, eq(users.id, accounts.ownerId))
      .where(filter)
      .orderBy(...orderBy)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    tx.select({ total: count() }).from(accounts).where(filter),
  ]);
  return { items, total: totals[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

export type AccountView = Awaited<ReturnType<typeof listAccounts>>["items"][number];

export async function getAccount(tx: Queryable, workspaceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Account");
  const [account] = await tx
    .select(accountColumns)
    .from(accounts)
    .leftJoin(users, eq(users.id, accounts.ownerId))
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, id)));
  if (!account) throw notFound("Account");
  return account;
}

export async function getAccountFacets(tx: Queryable, workspaceId: string) {
  const distinct = async (
    column: typeof accounts.plan | typeof accounts.industry | typeof accounts.lifecyclePhase,
  ) =>
    (
      await tx
        .selectDistinct({ value: column })
        .from(accounts)
        .where(and(eq(accounts.workspaceId, workspaceId), sql`${column} is not null`))
        .orderBy(asc(column))
    ).map((r) => r.value as string);
  const [plans, industries, lifecyclePhases, owners] = await Promise.all([
    distinct(accounts.plan),
    distinct(accounts.industry),
    distinct(accounts.lifecyclePhase),
    tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(users.name)),
  ]);
  return { plans, industries, lifecyclePhases, owners };
}

function assertBackupDiffers(ownerId: string | null | undefined, backupOwnerId: string | null | undefined) {
  if (ownerId && ownerId === backupOwnerId)
    throw new AppError("validation_failed", "The backup CSM must be someone other than the CSM", [
      { path: "backupOwnerId", message: "same person as the CSM" },
    ]);
}

async function assertOwnersAreStaff(tx: Queryable, workspaceId: string, input: AccountPatch) {
  for (const path of ["ownerId", "backupOwnerId"] as const) {
    const userId = input[path];
    if (!userId) continue;
    const [m] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    if (!m)
      throw new AppError("validation_failed", "The CSM is not a member of this workspace", [
        { path, message: "not a member of this workspace" },
      ]);
  }
}

function toColumns(input: AccountPatch, workspace: Workspace) {
  const instant = (v: string | null | undefined, path: string) => {
    if (v === undefined) return undefined;
    if (v === null) return null;
    const d = parseDateOrInstant(v, workspace.settings.timezone);
    if (!d) throw new AppError("validation_failed", "A date is not valid", [{ path, message: "not a date" }]);
    return d;
  };
  const row: Partial<typeof accounts.$inferInsert> = {
    externalId: input.externalId,
    name: input.name,
    groupId: input.groupId === null ? undefined : input.groupId,
    industry: input.industry,
    employees: input.employees,
    annualRevenue: input.annualRevenue,
    plan: input.plan,
    contractStart: instant(input.contractStart, "contractStart"),
    contractValue: input.contractValue,
    ownerId: input.ownerId,
    backupOwnerId: input.backupOwnerId,
    touchModelOverride: input.touchModel,
    lifecyclePhase: input.lifecyclePhase,
    churnedAt: instant(input.churnedAt, "churnedAt"),
    churnReason: input.churnReason,
    custom: input.custom,
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as typeof row;
}

export async function createAccount(
  tx: Queryable,
  workspace: Workspace,
  input: AccountInput,
  actorUserId: string | null = null,
) {
  const lifecycle = checkLifecycleChange(null, input);
  await assertOwnersAreStaff(tx, workspace.id, input);
  assertBackupDiffers(input.ownerId, input.backupOwnerId);
  const values = toColumns(input, workspace);
  const [row] = await tx
    .insert(accounts)
    .values({
      ...values,
      workspaceId: workspace.id,
      externalId: input.externalId,
      name: input.name,
      groupId: input.groupId ?? input.externalId,
      lifecyclePhase: lifecycle.lifecyclePhase,
    })
    .onConflictDoNothing()
    .returning({ id: accounts.id });
  if (!row)
    throw new AppError("conflict", `An account with external id "${input.externalId}" already exists`);
  await classifyWrittenAccounts(tx, workspace, [{ id: row.id, previousPhase: null }], {
    actorUserId,
    overrideReason: "override set when the account was created",
  });
  await attachEarlierEvents(tx, workspace, [input.groupId ?? input.externalId]);
  return getAccount(tx, workspace.id, row.id);
}

export async function updateAccount(
  tx: Queryable,
  workspace: Workspace,
  id: string,
  patch: AccountPatch,
  actorUserId: string | null = null,
) {
  const current = await getAccount(tx, workspace.id, id);
  const lifecycle = checkLifecycleChange(current, patch);
  await assertOwnersAreStaff(tx, workspace.id, patch);
  assertBackupDiffers(
    patch.ownerId === undefined ? current.ownerId : patch.ownerId,
    patch.backupOwnerId === undefined ? current.backupOwnerId : patch.backupOwnerId,
  );
  const values = toColumns(patch, workspace);
  if (lifecycle.lifecyclePhase !== current.lifecyclePhase) values.lifecyclePhase = lifecycle.lifecyclePhase;
  if (lifecycle.clearChurn) Object.assign(values, { churnedAt: null, churnReason: null });
  if (Object.keys(values).length > 0) {
    try {
      await tx
        .update(accounts)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(accounts.workspaceId, workspace.id), eq(accounts.id, id)));
    } catch (err) {
      if (
        (err as { cause?: { code?: string } }).cause?.code === "23505" ||
        (err as { code?: string }).code === "23505"
      )
        throw new AppError("conflict", `An account with external id "${patch.externalId}" already exists`);
      throw err;
    }
    if (values.lifecyclePhase)
      await recordTimeline(tx, {
        workspaceId: workspace.id,
        accountId: id,
        kind: "lifecycle",
        title: `Lifecycle phase ${current.lifecyclePhase} → ${values.lifecyclePhase}`,
        body: values.lifecyclePhase === "churned" ? (patch.churnReason ?? current.churnReason ?? null) : null,
        actorUserId,
        data: { from: current.lifecyclePhase, to: values.lifecyclePhase },
      });
    if (values.groupId && values.groupId !== current.groupId)
      await attachEarlierEvents(tx, workspace, [values.groupId]);
    await classifyWrittenAccounts(tx, workspace, [{ id, previousPhase: current.lifecyclePhase }], {
      actorUserId,
      overrideReason:
        patch.touchModel === null ? "cleared in the account edit" : "override set in the account edit",
    });
  }
  return getAccount(tx, workspace.id, id);
}
