import type { Db } from "../platform/db/client.ts";
import { accounts, onboardingCriteria, onboardings, onboardingTasks } from "../platform/db/schema.ts";

const DAY = 86_400_000;
/** The date `days` from today (UTC), as YYYY-MM-DD. */
export const dayFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

export interface FixtureTask {
  key: string;
  stage?: string;
  side?: "cs" | "customer";
  measure?: string | null;
  starts: number;
  due: number;
  status?: "todo" | "in_progress" | "done" | "skipped";
}

export interface FixtureOnboarding {
  name: string;
  touchModel: string;
  ownerId?: string | null;
  contractValue?: number | null;
  startedDaysAgo: number;
  targetInDays: number;
  agreed?: boolean;
  completed?: boolean;
  churned?: boolean;
  tasks?: FixtureTask[];
  criteria?: boolean[];
}

/** An account with an onboarding plan written straight into the tables (dates relative to today). */
export async function insertOnboarding(db: Db, workspaceId: string, f: FixtureOnboarding) {
  const startedAt = new Date(Date.now() - f.startedDaysAgo * DAY);
  const [account] = await db
    .insert(accounts)
    .values({
      workspaceId,
      externalId: f.name,
      name: f.name,
      groupId: f.name,
      ownerId: f.ownerId ?? null,
      touchModel: f.touchModel,
      contractValue: f.contractValue ?? null,
      lifecyclePhase: f.churned ? "churned" : "onboarding",
    })
    .returning({ id: accounts.id });
  const [onboarding] = await db
    .insert(onboardings)
    .values({
      workspaceId,
      accountId: account!.id,
      touchModel: f.touchModel,
      ownerId: f.ownerId ?? null,
      startedAt,
      targetDate: dayFromToday(f.targetInDays),
      agreedAt: f.agreed ? startedAt : null,
      agreedByLabel: f.agreed ? "Customer" : null,
      proposedAt: f.agreed ? startedAt : null,
      completedAt: f.completed ? new Date() : null,
      completionSource: f.completed ? "csm" : null,
      status: f.completed ? "completed" : "on_track",
      lastProgressAt: startedAt,
    })
    .returning({ id: onboardings.id });
  const tasks = f.tasks ?? [];
  if (tasks.length > 0)
    await db.insert(onboardingTasks).values(
      tasks.map((t, i) => ({
        workspaceId,
        onboardingId: onboarding!.id,
        accountId: account!.id,
        key: t.key,
        stage: t.stage ?? "initial_response",
        title: { ja: `${t.key}（タスク）`, en: `${t.key} (task)` },
        side: t.side ?? "customer",
        measure: t.measure ?? null,
        startsOn: dayFromToday(t.starts),
        dueOn: dayFromToday(t.due),
        status: t.status ?? "todo",
        doneAt: t.status === "done" ? startedAt : null,
        position: i,
      })),
    );
  const criteria = f.criteria ?? [];
  if (criteria.length > 0)
    await db.insert(onboardingCriteria).values(
      criteria.map((met, i) => ({
        workspaceId,
        onboardingId: onboarding!.id,
        accountId: account!.id,
        key: `c${i}`,
        title: { ja: `基準${i}`, en: `Criterion ${i}` },
        kind: "manual" as const,
        metAt: met ? startedAt : null,
        position: i,
      })),
    );
  return { accountId: account!.id, onboardingId: onboarding!.id };
}
