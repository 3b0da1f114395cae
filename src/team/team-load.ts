import { sql } from "drizzle-orm";
import { type Queryable, rowsOf } from "../platform/db/client.ts";
import { type CsmLoad, findTeamWarnings } from "./team-warnings.ts";

interface LoadRow {
  owner_id: string | null;
  touch_model: string | null;
  segment: string | null;
  accounts: number;
  without_backup: number;
}

/** Accounts per CSM by touch model and segment, with the 属人化 warnings. Churned accounts do not count. */
export async function computeTeamLoad(tx: Queryable, workspaceId: string, highTouchShareLimit: number) {
  const [groups, staff, backups] = await Promise.all([
    tx.execute(sql`
      select owner_id, touch_model, segment, count(*)::int as accounts,
             count(*) filter (where backup_owner_id is null)::int as without_backup
      from accounts
      where workspace_id = ${workspaceId} and lifecycle_phase <> 'churned'
      group by owner_id, touch_model, segment`),
    tx.execute(sql`
      select u.id, u.name, u.email from memberships m join users u on u.id = m.user_id
      where m.workspace_id = ${workspaceId} and m.role in ('csm', 'manager', 'admin')`),
    tx.execute(sql`
      select backup_owner_id as id, count(*)::int as n from accounts
      where workspace_id = ${workspaceId} and lifecycle_phase <> 'churned' and backup_owner_id is not null
      group by backup_owner_id`),
  ]);
  const people = new Map(rowsOf<{ id: string; name: string; email: string }>(staff).map((p) => [p.id, p]));
  const backupFor = new Map(rowsOf<{ id: string; n: number }>(backups).map((b) => [b.id, b.n]));
  const loads = new Map<string, CsmLoad>();
  let unassigned = 0;
  for (const g of rowsOf<LoadRow>(groups)) {
    const person = g.owner_id ? people.get(g.owner_id) : undefined;
    if (!g.owner_id || !person) {
      unassigned += g.accounts;
      continue;
    }
    let load = loads.get(g.owner_id);
    if (!load) {
      load = {
        userId: person.id,
        name: person.name,
        email: person.email,
        accounts: 0,
        byTouchModel: {},
        bySegment: {},
        withoutBackup: 0,
        backupFor: backupFor.get(person.id) ?? 0,
      };
      loads.set(g.owner_id, load);
    }
    const touch = g.touch_model ?? "none";
    const segment = g.segment ?? "none";
    load.accounts += g.accounts;
    load.withoutBackup += g.without_backup;
    load.byTouchModel[touch] = (load.byTouchModel[touch] ?? 0) + g.accounts;
    load.bySegment[segment] = (load.bySegment[segment] ?? 0) + g.accounts;
  }
  const csms = [...loads.values()].sort((a, b) => b.accounts - a.accounts);
  return {
    csms,
    unassigned,
    highTouchShareLimit,
    warnings: findTeamWarnings(csms, unassigned, highTouchShareLimit),
  };
}
