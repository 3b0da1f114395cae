import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { kpiAlertNotices, memberships, workspaces } from "../platform/db/schema.ts";
import type { Services } from "../platform/http/context.ts";
import { startRecurringJob } from "../platform/jobs/recurring-job.ts";
import { queueChatNotification, queueStaffNotification } from "../platform/mail/outbox.ts";
import { dateInZone } from "../platform/time.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { computeKpiAlerts, type ReviewReminder } from "./kpi-alerts.ts";
import { kpiAlertNotice, type PeriodAlert } from "./kpi-alerts-mail.ts";
import { nextMonth } from "./kpi-period.ts";
import { addMonths } from "./kpi-targets-logic.ts";

/** How often the KPI alert job looks for new off-track KPIs and due reviews. */
export const KPI_ALERT_JOB_EVERY_MS = 60 * 60 * 1000;

/** A month is judged once it has ended, and the running one from this day on (earlier it says too little). */
export const CURRENT_MONTH_FROM_DAY = 16;

/** The months whose KPIs are checked on `today`: the one that just ended, and the current one after its middle. */
export function monthsToCheck(today: string): { from: string; to: string }[] {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const months = [{ from: addMonths(thisMonth, -1), to: thisMonth }];
  if (Number(today.slice(8, 10)) >= CURRENT_MONTH_FROM_DAY)
    months.push({ from: thisMonth, to: nextMonth(thisMonth) });
  return months;
}

const alertKey = (a: PeriodAlert) =>
  `alert:${a.period.from}:${a.period.to}:${a.kpiId}:${a.scope?.dimension ?? ""}:${a.scope?.value ?? ""}`;
const reviewKey = (r: ReviewReminder) =>
  r.kind === "definitions" ? `review:definitions:${r.dueOn}` : `review:target:${r.targetId}:${r.dueOn}`;

/**
 * Sends a workspace's new KPI alerts and due reviews to its managers and admins (e-mail, each in their
 * language) and to the chat webhook, as the setting `kpi.alertNotifications` says. Each alert (period,
 * KPI, scope) and each due review goes out once: it is claimed in kpi_alert_notices in the same
 * transaction as the messages are queued, so a second run (or instance) finds nothing new.
 */
export async function notifyKpiAlerts(db: Db, workspace: Workspace, publicUrl: string, now = new Date()) {
  const channel = workspace.settings["kpi.alertNotifications"];
  if (channel === "off") return { alerts: 0, reviews: 0 };
  const today = dateInZone(now, workspace.settings.timezone);
  const alerts: PeriodAlert[] = [];
  let reviews: ReviewReminder[] = [];
  for (const period of monthsToCheck(today)) {
    const found = await computeKpiAlerts(db, workspace, period, now);
    alerts.push(...found.alerts.map((a) => ({ ...a, period })));
    reviews = found.reviews;
  }
  if (alerts.length === 0 && reviews.length === 0) return { alerts: 0, reviews: 0 };

  return inWorkspace(db, workspace.id, async (tx) => {
    const keys = [...alerts.map(alertKey), ...reviews.map(reviewKey)];
    const claimed = new Set(
      (
        await tx
          .insert(kpiAlertNotices)
          .values(keys.map((key) => ({ workspaceId: workspace.id, key })))
          .onConflictDoNothing()
          .returning({ key: kpiAlertNotices.key })
      ).map((r) => r.key),
    );
    const newAlerts = alerts.filter((a) => claimed.has(alertKey(a)));
    const newReviews = reviews.filter((r) => claimed.has(reviewKey(r)));
    if (newAlerts.length === 0 && newReviews.length === 0) return { alerts: 0, reviews: 0 };

    const notice = kpiAlertNotice({ alerts: newAlerts, reviews: newReviews, publicUrl });
    const batch = createHash("sha256")
      .update([...claimed].sort().join("\n"))
      .digest("hex")
      .slice(0, 24);
    if (channel === "email" || channel === "both") {
      const managers = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(eq(memberships.workspaceId, workspace.id), inArray(memberships.role, ["admin", "manager"])),
        );
      for (const { userId } of managers)
        await queueStaffNotification(tx, workspace.id, userId, notice, `kpi-alerts:${batch}:${userId}`, {
          category: "kpi_alert",
        });
    }
    if (channel === "chat" || channel === "both") {
      const texts = notice[workspace.settings["mail.language"]];
      await queueChatNotification(tx, workspace.id, {
        text: `${texts.subject}\n${texts.text}`,
        dedupeKey: `kpi-alerts-chat:${batch}`,
      });
    }
    return { alerts: newAlerts.length, reviews: newReviews.length };
  });
}

/** One run over every workspace that has KPI alert notifications on. */
export async function runKpiAlertJob(
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
    .where(sql`${workspaces.settings}->>'kpi.alertNotifications' in ('email', 'chat', 'both')`);
  let alerts = 0;
  let reviews = 0;
  for (const { id } of ids) {
    const workspace = await getWorkspaceById(db, id);
    if (!workspace) continue;
    // One workspace's trouble does not hold up the others.
    try {
      const sent = await notifyKpiAlerts(db, workspace, publicUrl, now);
      alerts += sent.alerts;
      reviews += sent.reviews;
    } catch (err) {
      onError(id, err);
    }
  }
  return { alerts, reviews };
}

/** Starts the KPI alert job (`embark start`). */
export function startKpiAlertJob(services: Services) {
  return startRecurringJob(services, {
    name: "kpi-alerts",
    everyMs: KPI_ALERT_JOB_EVERY_MS,
    run: async (s, now) => {
      await runKpiAlertJob(s.database.db, s.config.publicUrl, now, (workspaceId, err) =>
        s.log.error({ err, workspaceId, job: "kpi-alerts" }, "KPI alert job failed for a workspace"),
      );
    },
  });
}
