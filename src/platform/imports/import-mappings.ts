import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../db/client.ts";
import { importMappings } from "../db/schema.ts";
import { notFound } from "../http/errors.ts";

export async function listImportMappings(tx: Queryable, workspaceId: string, kind: string) {
  return tx
    .select({
      id: importMappings.id,
      name: importMappings.name,
      mapping: importMappings.mapping,
      updatedAt: importMappings.updatedAt,
    })
    .from(importMappings)
    .where(and(eq(importMappings.workspaceId, workspaceId), eq(importMappings.kind, kind)))
    .orderBy(asc(importMappings.name));
}

/** Remembers a column mapping under a name (replacing one of the same name). */
export async function rememberImportMapping(
  tx: Queryable,
  workspaceId: string,
  input: { kind: string; name: string; mapping: Record<string, string> },
) {
  await tx
    .insert(importMappings)
    .values({ workspaceId, ...input })
    .onConflictDoUpdate({
      target: [importMappings.workspaceId, importMappings.kind, importMappings.name],
      set: { mapping: input.mapping, updatedAt: sql`now()` },
    });
}

export async function forgetImportMapping(tx: Queryable, workspaceId: string, id: string) {
  if (!z.uuid().safeParse(id).success) throw notFound("Import mapping");
  const gone = await tx
    .delete(importMappings)
    .where(and(eq(importMappings.workspaceId, workspaceId), eq(importMappings.id, id)))
    .returning({ id: importMappings.id });
  if (gone.length === 0) throw notFound("Import mapping");
}
