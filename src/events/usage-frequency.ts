import { sql } from "drizzle-orm";
import { addDays } from "../onboarding/onboarding-schedule.ts";
import { anyOf } from "../platform/db/any-of.ts";
import { type Queryable, rowsOf } from "../platform/db/client.ts";
import { dateInZone } from "../platform/time.ts";
import { refreshClassifications } from "../segmentation/refresh-classifications.ts";
import { type UsageFrequency, usageFrequencies } from "../segmentation/segment-rules.ts";
import { applySignals } from "../touch-models/apply-signal.ts";
import type { WorkspaceSettings } from "../workspaces/workspace-settings.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

/** daily / weekly / monthly by the days with use in the window; inactive when there were none. */
export function usageFrequencyOf(activeDays: number, settings: WorkspaceSettings): UsageFrequency {
  if (activeDays >= settings["usage.dailyMinDays"]) return "daily";
  if (activeDays >= settings["usage.weeklyMinDays"]) return "weekly";
  return activeDays >= 1 ? "monthly" : "inactive";
}

/**
 * Brings the usage frequency of accounts that ever sent events (all, or those named) up to date
 * from the daily rollups; accounts whose frequency changed are reclassified (segment rules may use
 * it) and a fall lets the touch-model switching rules react (`usage_dropped`). Returns how many changed.
 */
export async function refreshUsageFrequency(
  tx: Queryable,
  workspace: Workspace,
  accountIds?: readonly string[],
  now: Date = new Date(),
): Promise<number> {
  if (accountIds?.length === 0) return 0;
  const s = workspace.settings;
  const to = dateInZone(now, s.timezone);
  const from = addDays(to, -(s["usage.windowDays"] - 1));
  const ws = workspace.id;
  const only = (column: string) =>
    accountIds ? sql` and ${sql.raw(column)} = ${anyOf(accountIds, "uuid")}` : sql``;
  const used = rowsOf<{ id: string; before: UsageFrequency | null; days: number }>(
    await tx.execute(sql`select a.id, a.usage_frequency as before, u.days
      from accounts a join (
        select account_id, count(*) filter (where day between ${from}::date and ${to}::date)::int as days
        from account_usage_days where workspace_id = ${ws}${only("account_id")} group by account_id) u
      on u.account_id = a.id
      where a.workspace_id = ${ws}`),
  );
  const changed = used.flatMap((u) => {
    const after = usageFrequencyOf(u.days, s);
    return after === u.before ? [] : [{ id: u.id, before: u.before, after }];
  });
  if (changed.length === 0) return 0;
  await tx.execute(sql`update accounts a set usage_frequency = c.after
    from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as c(id uuid, after text)
    where a.workspace_id = ${ws} and a.id = c.id`);
  await refreshClassifications(
    tx,
    workspace,
    changed.map((c) => c.id),
  );
  const rank = (f: UsageFrequency) => usageFrequencies.indexOf(f);
  await applySignals(
    tx,
    workspace,
    changed.flatMap((c) =>
      c.before && usageFrequencies.includes(c.before) && rank(c.after) > rank(c.before)
        ? [
            {
              accountId: c.id,
              signal: { type: "usage_dropped" as const, from: c.before, to: c.after, at: now },
            },
          ]
        : [],
    ),
  );
  return changed.length;
}
