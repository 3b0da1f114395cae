import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { mailOutbox, workspaces } from "../platform/db/schema.ts";
import type { Services } from "../platform/http/context.ts";
import { AppError } from "../platform/http/errors.ts";
import { startRecurringJob } from "../platform/jobs/recurring-job.ts";
import { queueMail } from "../platform/mail/outbox.ts";
import { dateInZone, zonedTimeToInstant } from "../platform/time.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { buildMonthlyReport } from "./build-monthly-report.ts";
import { renderReportEmail } from "./report-email.ts";
import { previousReportMonth } from "./report-month.ts";

/** How often the job looks whether a workspace's monthly report is due. */
export const MONTHLY_REPORT_EVERY_MS = 15 * 60 * 1000;
/** Sent from 09:00 on the 1st (workspace time); an instance that was down then catches up until the 3rd. */
const SEND_HOUR = 9;
const CATCH_UP_DAYS = 3;

/** The month whose report is due at `now` in the zone (last month, from the 1st 09:00 to the 3rd), else null. */
export function dueReportMonth(timeZone: string, now: Date): string | null {
  const today = dateInZone(now, timeZone);
  const [y, m, d] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10))];
  if (d > CATCH_UP_DAYS) return null;
  if (d === 1 && now.getTime() < zonedTimeToInstant(y, m, 1, timeZone, SEND_HOUR).getTime()) return null;
  return previousReportMonth(today.slice(0, 7));
}

const dedupeKey = (month: string, to: string) => `monthly-report:${month}:${to}`;

/**
 * Queues the report of `month` to each recipient in the workspace's mail language. Scheduled sends
 * are keyed on (month, recipient), so another run or another instance queues nothing twice; a send
 * that someone asks for (`manual`) always queues. Returns how many were queued.
 */
export async function queueMonthlyReport(
  db: Db,
  workspace: Workspace,
  month: string,
  options: { publicUrl: string; now?: Date; manual?: boolean },
): Promise<number> {
  const now = options.now ?? new Date();
  const recipients = workspace.settings["report.recipients"];
  if (recipients.length === 0)
    throw new AppError("validation_failed", "Nobody gets the monthly report: set report.recipients first");
  const due = options.manual ? recipients : await notYetQueued(db, workspace, month, recipients);
  if (due.length === 0) return 0;
  const report = await buildMonthlyReport(db, workspace, { month }, now);
  const mail = renderReportEmail(report, `${options.publicUrl}/app/dashboard`);
  return inWorkspace(db, workspace.id, async (tx) => {
    let queued = 0;
    for (const to of due) {
      const result = await queueMail(tx, workspace.id, {
        to,
        locale: report.lang,
        purpose: "transactional",
        category: "notification",
        ...mail,
        dedupeKey: options.manual ? undefined : dedupeKey(month, to),
      });
      if (result.queued) queued++;
    }
    return queued;
  });
}

async function notYetQueued(db: Db, workspace: Workspace, month: string, recipients: string[]) {
  const keys = recipients.map((to) => dedupeKey(month, to));
  const rows = await inWorkspace(db, workspace.id, (tx) =>
    tx
      .select({ key: mailOutbox.dedupeKey })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.workspaceId, workspace.id), inArray(mailOutbox.dedupeKey, keys))),
  );
  const done = new Set(rows.map((r) => r.key));
  return recipients.filter((to) => !done.has(dedupeKey(month, to)));
}

/** One run over the workspaces with report recipients: queues last month's report where it is due. */
export async function runMonthlyReportMail(
  db: Db,
  publicUrl: string,
  now = new Date(),
  onError: (workspaceId: string, err: unknown) => void = (_id, err) => {
    throw err;
  },
) {
  const ids = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(
      sql`jsonb_typeof(${workspaces.settings} -> 'report.recipients') = 'array'
          and ${workspaces.settings} -> 'report.recipients' <> '[]'::jsonb`,
    );
  let queued = 0;
  for (const { id } of ids) {
    try {
      const workspace = await getWorkspaceById(db, id);
      if (!workspace || workspace.settings["report.recipients"].length === 0) continue;
      const month = dueReportMonth(workspace.settings.timezone, now);
      if (month) queued += await queueMonthlyReport(db, workspace, month, { publicUrl, now });
    } catch (err) {
      onError(id, err);
    }
  }
  return { queued };
}

/** Starts the monthly report e-mail (`embark start`). */
export function startMonthlyReportMail(services: Services) {
  return startRecurringJob(services, {
    name: "monthly-report",
    everyMs: MONTHLY_REPORT_EVERY_MS,
    run: async (s, now) => {
      await runMonthlyReportMail(s.database.db, s.config.publicUrl, now, (workspaceId, err) =>
        s.log.error({ err, workspaceId, job: "monthly-report" }, "monthly report failed for a workspace"),
      );
    },
  });
}
