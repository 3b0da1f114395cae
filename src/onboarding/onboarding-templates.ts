import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../platform/db/client.ts";
import { onboardingTemplates } from "../platform/db/schema.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { defaultTemplates } from "./default-templates.ts";
import { type TemplateDefinition, type TemplateInput, templateDefinition } from "./onboarding-schemas.ts";

const columns = {
  id: onboardingTemplates.id,
  name: onboardingTemplates.name,
  touchModel: onboardingTemplates.touchModel,
  segment: onboardingTemplates.segment,
  definition: onboardingTemplates.definition,
  updatedAt: onboardingTemplates.updatedAt,
};

interface TemplateRow {
  id: string;
  name: string;
  touchModel: string;
  segment: string | null;
  definition: Record<string, unknown>;
  updatedAt: Date;
}

const toTemplate = (row: TemplateRow) => ({
  ...row,
  definition: templateDefinition.parse(row.definition) as TemplateDefinition,
});
export type Template = ReturnType<typeof toTemplate>;

/**
 * Gives a workspace the default templates the first time it needs them (when it has never had any);
 * a lock keeps two first requests from both adding them.
 */
export async function ensureDefaultTemplates(
  tx: Queryable,
  workspaceId: string,
  options: { resources?: TemplateDefinition["resources"] } = {},
) {
  const [any] = await tx
    .select({ id: onboardingTemplates.id })
    .from(onboardingTemplates)
    .where(eq(onboardingTemplates.workspaceId, workspaceId))
    .limit(1);
  if (any) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`onboarding-templates:${workspaceId}`}))`);
  const [again] = await tx
    .select({ id: onboardingTemplates.id })
    .from(onboardingTemplates)
    .where(eq(onboardingTemplates.workspaceId, workspaceId))
    .limit(1);
  if (again) return;
  await tx.insert(onboardingTemplates).values(
    defaultTemplates.map((t) => ({
      workspaceId,
      name: t.name,
      touchModel: t.touchModel,
      definition: { ...t.definition, resources: options.resources ?? [] } as unknown as Record<
        string,
        unknown
      >,
    })),
  );
}

/** The workspace's templates (not archived), by touch model and name. */
export async function listTemplates(tx: Queryable, workspaceId: string) {
  await ensureDefaultTemplates(tx, workspaceId);
  return tx
    .select({
      id: onboardingTemplates.id,
      name: onboardingTemplates.name,
      touchModel: onboardingTemplates.touchModel,
      segment: onboardingTemplates.segment,
      taskCount: sql<number>`coalesce(jsonb_array_length(${onboardingTemplates.definition} -> 'tasks'), 0)::int`,
      updatedAt: onboardingTemplates.updatedAt,
    })
    .from(onboardingTemplates)
    .where(and(eq(onboardingTemplates.workspaceId, workspaceId), isNull(onboardingTemplates.archivedAt)))
    .orderBy(
      sql`array_position(array['high','low','tech','community'], ${onboardingTemplates.touchModel})`,
      asc(onboardingTemplates.name),
    );
}

/** One template that is not archived; 404 otherwise. */
export async function getTemplate(tx: Queryable, workspaceId: string, id: string): Promise<Template> {
  if (!z.uuid().safeParse(id).success) throw notFound("Template");
  const [row] = await tx
    .select(columns)
    .from(onboardingTemplates)
    .where(
      and(
        eq(onboardingTemplates.workspaceId, workspaceId),
        eq(onboardingTemplates.id, id),
        isNull(onboardingTemplates.archivedAt),
      ),
    );
  if (!row) throw notFound("Template");
  return toTemplate(row);
}

export async function createTemplate(
  tx: Queryable,
  workspaceId: string,
  input: TemplateInput,
  userId: string | null,
) {
  await ensureDefaultTemplates(tx, workspaceId);
  const [row] = await tx
    .insert(onboardingTemplates)
    .values({
      workspaceId,
      name: input.name,
      touchModel: input.touchModel,
      segment: input.segment ?? null,
      definition: input.definition as unknown as Record<string, unknown>,
      updatedBy: userId,
    })
    .returning(columns);
  return toTemplate(row!);
}

export async function updateTemplate(
  tx: Queryable,
  workspaceId: string,
  id: string,
  input: TemplateInput,
  userId: string | null,
) {
  await getTemplate(tx, workspaceId, id);
  const [row] = await tx
    .update(onboardingTemplates)
    .set({
      name: input.name,
      touchModel: input.touchModel,
      segment: input.segment ?? null,
      definition: input.definition as unknown as Record<string, unknown>,
      updatedBy: userId,
      updatedAt: new Date(),
    })
    .where(and(eq(onboardingTemplates.workspaceId, workspaceId), eq(onboardingTemplates.id, id)))
    .returning(columns);
  return toTemplate(row!);
}

/** Archives a template; plans made from it keep their own copy. */
export async function archiveTemplate(tx: Queryable, workspaceId: string, id: string, userId: string | null) {
  await getTemplate(tx, workspaceId, id);
  await tx
    .update(onboardingTemplates)
    .set({ archivedAt: new Date(), updatedBy: userId, updatedAt: new Date() })
    .where(and(eq(onboardingTemplates.workspaceId, workspaceId), eq(onboardingTemplates.id, id)));
}

/** Touch models whose template stands in when a touch model has none of its own. */
const fallbacks: Record<string, string[]> = {
  high: ["low", "tech"],
  low: ["tech", "high"],
  tech: ["low", "high"],
  community: ["tech", "low", "high"],
};

/**
 * The template for an account: its touch model's template for its segment, else the touch model's
 * general one, else the nearest touch model's. Null when the workspace has no template at all.
 */
export async function chooseTemplate(
  tx: Queryable,
  workspaceId: string,
  account: { touchModel: string | null; segment: string | null },
): Promise<Template | null> {
  await ensureDefaultTemplates(tx, workspaceId);
  const rows = await tx
    .select(columns)
    .from(onboardingTemplates)
    .where(and(eq(onboardingTemplates.workspaceId, workspaceId), isNull(onboardingTemplates.archivedAt)))
    .orderBy(desc(onboardingTemplates.updatedAt));
  const order = [
    account.touchModel ?? "low",
    ...(fallbacks[account.touchModel ?? "low"] ?? ["low", "tech", "high"]),
  ];
  const rank = (r: TemplateRow) => {
    const touch = order.indexOf(r.touchModel);
    if (touch < 0) return Number.POSITIVE_INFINITY;
    if (r.segment && r.segment !== account.segment) return Number.POSITIVE_INFINITY;
    return touch * 2 + (r.segment ? 0 : 1);
  };
  let best: TemplateRow | null = null;
  for (const r of rows) if (rank(r) < (best ? rank(best) : Number.POSITIVE_INFINITY)) best = r;
  if (!best && rows.length > 0) best = rows[0]!;
  if (!best) return null;
  return toTemplate(best);
}

export function assertTemplateUsable(template: Template | null): asserts template is Template {
  if (!template)
    throw new AppError("conflict", "There is no onboarding template to start from; create one first");
}
