import { asc, sql } from "drizzle-orm";
import { followUpStoredEvents } from "../events/event-facts-worker.ts";
import { refreshUsageFrequency } from "../events/usage-frequency.ts";
import { inWorkspace, rowsOf } from "../platform/db/client.ts";
import { workspaces } from "../platform/db/schema.ts";
import type { Services } from "../platform/http/context.ts";
import { dateInZone } from "../platform/time.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { reviewWorkspace } from "./review-follow-ups.ts";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Reviews the workspace unless today's review already ran. The day is claimed and the review done in
 * one transaction: a second instance waits on the claimed row and then finds the day taken, and a
 * review that fails gives the day back.
 */
export async function runDailyReview(
  services: Services,
  workspace: Workspace,
  now: Date = new Date(),
): Promise<boolean> {
  const today = dateInZone(now, workspace.settings.timezone);
  return inWorkspace(services.database.db, workspace.id, async (tx) => {
    const claimed = rowsOf(
      await tx.execute(sql`update ${workspaces}
        set follow_up_reviewed_on = ${today}::date
        where id = ${workspace.id} and (follow_up_reviewed_on is null or follow_up_reviewed_on < ${today}::date)
        returning id`),
    );
    if (claimed.length === 0) return false;
    // Usage frequency falls on days without use, so it is worked out again for every account daily;
    // events kept for groups and users that since got an account are attached first.
    await followUpStoredEvents(tx, workspace, [], "all", now);
    await refreshUsageFrequency(tx, workspace, undefined, now);
    const result = await reviewWorkspace(tx, workspace, now);
    services.log.info({ workspace: workspace.slug, ...result }, "daily follow-up review");
    return true;
  });
}

/** Runs the daily review of every workspace that has not had one today; returns how many ran. */
export async function runDailyReviews(services: Services, now: Date = new Date()): Promise<number> {
  const ids = await services.database.db
    .select({ id: workspaces.id })
    .from(workspaces)
    .orderBy(asc(workspaces.createdAt));
  let ran = 0;
  for (const { id } of ids) {
    const workspace = await getWorkspaceById(services.database.db, id);
    if (!workspace) continue;
    try {
      if (await runDailyReview(services, workspace, now)) ran++;
    } catch (err) {
      services.log.error({ err, workspace: workspace.slug }, "daily follow-up review failed");
    }
  }
  return ran;
}

export interface DailyReviewScheduler {
  /** Stops the timer and waits for a review under way to finish. */
  stop(): Promise<void>;
}

/**
 * Checks at start and then every `intervalMs` (an hour by default) whether today's review of each
 * workspace has run, and runs it if not. The timer does not keep the process alive.
 */
export function startDailyReviews(
  services: Services,
  options: { intervalMs?: number } = {},
): DailyReviewScheduler {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = runDailyReviews(services)
      .catch((err) => services.log.error({ err }, "daily follow-up review failed"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? HOUR_MS);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
