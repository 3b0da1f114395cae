import { importCsv, loadQuarterData } from "../kpis/kpi-fixtures.ts";
import type { Db } from "../platform/db/client.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

export const REPORT_MONTH = "2026-03";
export const REPORT_AS_OF = "2026-04-15T00:00:00Z";

/**
 * The KPI tests' quarter (kpi-fixtures.ts) plus March answers with comments, so the report of
 * 2026-03 has a voice of the customer. Every expected number in the report tests comes from these.
 */
export async function loadReportData(db: Db, workspace: Workspace) {
  await loadQuarterData(db, workspace);
  await importCsv(db, workspace, "survey-responses", [
    "account_external_id,survey,score,answered_at,contact_email,comment",
    "A4,nps,2,2026-03-12,x@a4.example,問い合わせへの返信が遅く、作業が止まりました。",
    "A1,nps,10,2026-03-15,x@a1.example,導入支援が丁寧で、想定より早く立ち上がりました。",
    "A2,nps,8,2026-03-16,x@a2.example,おおむね満足です。",
    "A3,csat,5,2026-03-18,x@a3.example,トレーニングが分かりやすかった。",
    "A6,nps,1,2026-02-20,x@a6.example,先月の不満(対象外)",
  ]);
}
