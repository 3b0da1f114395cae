import { and, eq, inArray } from "drizzle-orm";
import { autoStartOnboardings } from "../onboarding/start-onboarding.ts";
import type { Queryable, Tx } from "../platform/db/client.ts";
import { accounts } from "../platform/db/schema.ts";
import { applySignals } from "../touch-models/apply-signal.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { LifecyclePhase } from "./lifecycle-transitions.ts";
import { type RefreshOptions, refreshClassifications } from "./refresh-classifications.ts";

/**
 * After accounts were created or edited (by the API or an import), in the same transaction:
 * reclassify them (set-based), fire `lifecycle_changed` for those whose phase changed, and start
 * onboardings for those created in or entering the onboarding phase when the workspace asks for it.
 * `previousPhase` is null for a new account.
 */
export async function classifyWrittenAccounts(
  tx: Queryable,
  workspace: Workspace,
  written: readonly { id: string; previousPhase: string | null }[],
  options: Pick<RefreshOptions, "actorUserId" | "source" | "overrideReason"> = {},
) {
  if (written.length === 0) return;
  await refreshClassifications(
    tx,
    workspace,
    written.map((w) => w.id),
    options,
  );
  await autoStartOnboardings(tx as Tx, workspace, written, options.actorUserId ?? null);
  const existing = written.filter((w) => w.previousPhase !== null);
  if (existing.length === 0) return;
  const phases = new Map<string, string>();
  for (let i = 0; i < existing.length; i += 2_000) {
    const rows = await tx
      .select({ id: accounts.id, phase: accounts.lifecyclePhase })
      .from(accounts)
      .where(
        and(
          eq(accounts.workspaceId, workspace.id),
          inArray(
            accounts.id,
            existing.slice(i, i + 2_000).map((w) => w.id),
          ),
        ),
      );
    for (const r of rows) phases.set(r.id, r.phase);
  }
  const at = new Date();
  await applySignals(
    tx,
    workspace,
    existing.flatMap((w) => {
      const now = phases.get(w.id);
      return now && now !== w.previousPhase
        ? [
            {
              accountId: w.id,
              signal: {
                type: "lifecycle_changed" as const,
                from: w.previousPhase as LifecyclePhase,
                to: now as LifecyclePhase,
                at,
              },
            },
          ]
        : [];
    }),
  );
}

/** The lifecycle phases of accounts by external id before an import writes them (id → phase). */
export async function readPhasesBeforeImport(
  tx: Queryable,
  workspaceId: string,
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  const rows =
    externalIds.length === 0
      ? []
      : await tx
          .select({ id: accounts.id, phase: accounts.lifecyclePhase })
          .from(accounts)
          .where(and(eq(accounts.workspaceId, workspaceId), inArray(accounts.externalId, [...externalIds])));
  return new Map(rows.map((r) => [r.id, r.phase]));
}
