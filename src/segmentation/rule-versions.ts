import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Queryable } from "../platform/db/client.ts";
import { ruleVersions, users } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import {
  defaultTouchModelPolicy,
  type InForce,
  type TouchModelPolicy,
  touchModelPolicy,
} from "../touch-models/touch-model-policy.ts";
import { defaultSegmentRules } from "./default-segment-rules.ts";
import { type SegmentRuleSet, segmentRuleSet } from "./segment-rules.ts";

export type RuleKind = "segments" | "touch_models";

const kinds = {
  segments: { schema: segmentRuleSet, defaults: defaultSegmentRules },
  touch_models: { schema: touchModelPolicy, defaults: defaultTouchModelPolicy },
} as const;

type DefinitionOf<K extends RuleKind> = K extends "segments" ? SegmentRuleSet : TouchModelPolicy;

/** A version as the API shows it; version 0 (isDefault) is the built-in default, never saved. */
export interface RuleVersionView<T> extends InForce<T> {
  isDefault: boolean;
  createdBy: { id: string; name: string; email: string } | null;
  createdAt: Date | null;
}

const columns = {
  version: ruleVersions.version,
  definition: ruleVersions.definition,
  createdAt: ruleVersions.createdAt,
  createdBy: sql<{ id: string; name: string; email: string } | null>`case when ${users.id} is null then null
    else json_build_object('id', ${users.id}, 'name', ${users.name}, 'email', ${users.email}) end`,
};

function parseStored<K extends RuleKind>(kind: K, definition: unknown): DefinitionOf<K> {
  const parsed = (kinds[kind].schema as z.ZodType).safeParse(definition);
  if (!parsed.success) throw new AppError("internal", `A stored ${kind} rule version is not valid`);
  return parsed.data as DefinitionOf<K>;
}

/** The version in force: the newest saved one, else the built-in default. */
export async function readRulesInForce<K extends RuleKind>(
  tx: Queryable,
  workspaceId: string,
  kind: K,
): Promise<RuleVersionView<DefinitionOf<K>>> {
  const [row] = await tx
    .select(columns)
    .from(ruleVersions)
    .leftJoin(users, eq(users.id, ruleVersions.createdBy))
    .where(and(eq(ruleVersions.workspaceId, workspaceId), eq(ruleVersions.kind, kind)))
    .orderBy(desc(ruleVersions.version))
    .limit(1);
  if (!row)
    return {
      version: 0,
      isDefault: true,
      definition: kinds[kind].defaults as DefinitionOf<K>,
      createdBy: null,
      createdAt: null,
    };
  return { ...row, isDefault: false, definition: parseStored(kind, row.definition) };
}

export async function listRuleVersions<K extends RuleKind>(
  tx: Queryable,
  workspaceId: string,
  kind: K,
): Promise<RuleVersionView<DefinitionOf<K>>[]> {
  const rows = await tx
    .select(columns)
    .from(ruleVersions)
    .leftJoin(users, eq(users.id, ruleVersions.createdBy))
    .where(and(eq(ruleVersions.workspaceId, workspaceId), eq(ruleVersions.kind, kind)))
    .orderBy(desc(ruleVersions.version));
  return rows.map((r) => ({ ...r, isDefault: false, definition: parseStored(kind, r.definition) }));
}

/**
 * Serialises rule saves of one workspace (segments and touch-model policy both reclassify every
 * account): held until the transaction ends.
 */
export async function lockRuleChanges(tx: Queryable, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`embark.rules:${workspaceId}`}, 0))`);
}

/** Saves a new version (the next number) and returns it as now in force. */
export async function saveRuleVersion<K extends RuleKind>(
  tx: Queryable,
  workspaceId: string,
  kind: K,
  definition: DefinitionOf<K>,
  createdBy: string | null,
): Promise<RuleVersionView<DefinitionOf<K>>> {
  await tx.insert(ruleVersions).values({
    workspaceId,
    kind,
    definition: definition as unknown as Record<string, unknown>,
    createdBy,
    version: sql`(select coalesce(max(${ruleVersions.version}), 0) + 1 from ${ruleVersions}
      where ${ruleVersions.workspaceId} = ${workspaceId} and ${ruleVersions.kind} = ${kind})`,
  });
  return readRulesInForce(tx, workspaceId, kind);
}
