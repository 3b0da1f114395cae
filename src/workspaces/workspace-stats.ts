import { sql } from "drizzle-orm";
import { type Db, inWorkspace, rowsOf } from "../platform/db/client.ts";

/** What `embark stats` counts (CONTRACT.md), each with the table that holds it. */
const counted = {
  accounts: "accounts",
  contacts: "contacts",
  onboardings: "onboardings",
  events: "events",
  surveyResponses: "survey_responses",
  inquiries: "inquiries",
  seminarInvitations: "seminar_invitations",
} as const;

export type WorkspaceStats = Record<keyof typeof counted, number>;

/** Counts the workspace's records; a capability whose table this installation lacks counts 0. */
export async function countWorkspace(db: Db, workspaceId: string): Promise<WorkspaceStats> {
  return inWorkspace(db, workspaceId, async (tx) => {
    const existing = new Set(
      rowsOf<{ name: string }>(
        await tx.execute(
          sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname = current_schema() and c.relname in (${sql.join(
                Object.values(counted).map((t) => sql`${t}`),
                sql`, `,
              )})`,
        ),
      ).map((r) => r.name),
    );
    const stats = {} as WorkspaceStats;
    for (const [key, table] of Object.entries(counted) as [keyof WorkspaceStats, string][]) {
      if (!existing.has(table)) {
        stats[key] = 0;
        continue;
      }
      const [row] = rowsOf<{ n: number }>(
        await tx.execute(
          sql`select count(*)::int as n from ${sql.identifier(table)} where workspace_id = ${workspaceId}`,
        ),
      );
      stats[key] = row?.n ?? 0;
    }
    return stats;
  });
}

export function formatStats(slug: string, stats: WorkspaceStats): string {
  const labels: Record<keyof WorkspaceStats, string> = {
    accounts: "accounts",
    contacts: "contacts",
    onboardings: "onboardings",
    events: "events",
    surveyResponses: "survey responses",
    inquiries: "inquiries",
    seminarInvitations: "seminar invitations",
  };
  const width = Math.max(...Object.values(labels).map((l) => l.length));
  return [
    `workspace ${slug}`,
    ...Object.entries(stats).map(
      ([k, v]) => `  ${labels[k as keyof WorkspaceStats].padEnd(width)}  ${v.toLocaleString("en-US")}`,
    ),
  ].join("\n");
}
