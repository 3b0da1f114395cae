import { and, eq } from "drizzle-orm";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { accounts } from "../platform/db/schema.ts";
import { parseCsv } from "../platform/imports/csv-rows.ts";
import { importTable } from "../platform/imports/import-file.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

/** Imports a CSV through the real importer and fails loudly on any rejected row. */
export async function importCsv(db: Db, workspace: Workspace, kind: string, lines: string[]) {
  const result = await importTable(db, workspace, kind, parseCsv(`${lines.join("\n")}\n`));
  if (result.rejected.length > 0) throw new Error(`${kind}: ${JSON.stringify(result.rejected)}`);
  return result;
}

/** Sets accounts' activation instants (what the activation rules derive from tracked events). */
export async function setActivatedAt(db: Db, workspace: Workspace, activated: Record<string, string>) {
  await inWorkspace(db, workspace.id, async (tx) => {
    for (const [externalId, at] of Object.entries(activated))
      await tx
        .update(accounts)
        .set({ activatedAt: new Date(at) })
        .where(and(eq(accounts.workspaceId, workspace.id), eq(accounts.externalId, externalId)));
  });
}

/**
 * The hand-made data set of compute-kpis.test.ts (UTC workspace, period 2026 Q1, targetDays 60).
 * Every expected number in the test is worked out from these rows.
 */
export async function loadQuarterData(db: Db, workspace: Workspace) {
  await importCsv(db, workspace, "accounts", [
    "external_id,name,plan,contract_start,churned_at",
    "A1,アルファ,premium,2025-12-01,",
    "A2,ベータ,premium,2025-12-01,",
    "A3,ガンマ,standard,2025-12-01,",
    "A4,デルタ,standard,2025-12-15,2026-02-15",
    "A5,イプシロン,basic,2026-01-01,2026-03-20",
    "A6,ゼータ,,,",
    "A7,イータ,,,",
    "A8,シータ,,,",
  ]);
  await importCsv(db, workspace, "onboardings", [
    "account_external_id,started_at,completed_at",
    "A1,2026-01-05,2026-02-04", // 30 days
    "A2,2026-01-10,2026-04-20", // completes after asOf (2026-04-15)
    "A3,2026-02-01,2026-04-10", // 68 days: late
    "A4,2026-02-10,", // churns 2026-02-15, during onboarding
    "A5,2026-01-20,2026-02-19", // 30 days; churns 2026-03-20, after completing
    "A6,2026-01-02,2026-01-22", // 20 days
    "A6,2026-03-01,", // A6 onboarded again
    "A7,2026-03-20,",
    "A8,2025-12-14,2026-01-09", // before the period; 26 days, completed in it
  ]);
  await setActivatedAt(db, workspace, {
    A1: "2026-01-20T00:00:00Z",
    A2: "2026-05-01T00:00:00Z", // after asOf
    A5: "2026-02-01T00:00:00Z",
    A6: "2026-01-10T00:00:00Z",
    A7: "2026-03-25T00:00:00Z",
  });
  await importCsv(db, workspace, "survey-responses", [
    "account_external_id,survey,score,answered_at",
    "A1,nps,10,2026-01-15",
    "A2,nps,9,2026-02-15",
    "A3,nps,8,2026-02-20",
    "A5,nps,7,2026-03-01",
    "A4,nps,6,2026-02-12",
    "A6,nps,0,2026-01-25",
    "A7,nps,9,2026-03-25",
    "A1,nps,0,2026-04-05", // after the period
    "A2,nps,0,2025-12-31", // before it
    "A1,csat,5,2026-02-05",
    "A2,csat,4,2026-02-06",
    "A3,csat,3,2026-03-07",
    "A5,csat,2,2026-03-08",
  ]);
  await importCsv(db, workspace, "inquiries", [
    "external_id,account_external_id,opened_at,first_response_at,channel,subject",
    "I1,A1,2026-01-10T09:00:00Z,2026-01-10T11:00:00Z,email,ログインできない", // 2 h
    "I2,A2,2026-02-01T00:00:00Z,2026-02-01T04:00:00Z,chat,", // 4 h
    "I3,A3,2026-03-01T00:00:00Z,2026-03-01T10:00:00Z,email,", // 10 h
    "I4,A5,2026-03-05T00:00:00Z,2026-03-06T00:00:00Z,phone,", // 24 h
    "I5,A6,2026-03-10T00:00:00Z,,email,", // unanswered
    "I6,A7,2026-03-30T00:00:00Z,2026-04-20T00:00:00Z,email,", // answered after asOf: unanswered then
    "I7,A1,2026-04-02T00:00:00Z,2026-04-02T01:00:00Z,email,", // after the period
  ]);
  await importCsv(db, workspace, "seminar-invitations", [
    "account_external_id,contact_email,seminar,session_at,invited_at,kind,attended",
    "A1,a@a1.example,ようこそセミナー,2026-02-10T05:00:00Z,2026-01-20,welcome,false",
    "A1,b@a1.example,ようこそセミナー,2026-02-10T05:00:00Z,2026-01-20,welcome,true",
    "A2,c@a2.example,ようこそセミナー,2026-02-10T05:00:00Z,2026-01-25,welcome,false",
    "A3,d@a3.example,ようこそセミナー,2026-03-10T05:00:00Z,2026-03-01,welcome,",
    "A5,e@a5.example,ようこそセミナー,2026-01-05T05:00:00Z,2025-12-20,welcome,true", // invited before the period
    "A6,f@a6.example,活用トレーニング,2026-01-20T05:00:00Z,2026-01-15,training,true", // not a welcome seminar
  ]);
}
