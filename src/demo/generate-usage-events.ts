import { sql } from "drizzle-orm";
import type { UsageMessage } from "../events/segment-message.ts";
import { storeMessages } from "../events/store-events.ts";
import { refreshUsageFrequency } from "../events/usage-frequency.ts";
import { addDays } from "../onboarding/onboarding-schedule.ts";
import { rowsOf, type Tx } from "../platform/db/client.ts";
import { accounts } from "../platform/db/schema.ts";
import { dateInZone, zonedTimeToInstant } from "../platform/time.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { createRandom, mixSeed, pickOne, randomInt } from "./seeded-random.ts";

const DAYS = 35;
const everyday = ["Logged In", "Dashboard Viewed", "Report Viewed", "Task Created", "Comment Added"];
const now_and_then = ["Report Exported", "Member Invited", "Integration Connected", "Data Imported"];
/** Groups the demo product reports that the CRM does not know yet (trials signed up on the web). */
const trials = [
  { groupId: "trial-hanamaru", name: "はなまる工務店" },
  { groupId: "trial-northwind", name: "Northwind Traders" },
];

type Profile = { dayChance: number; users: [number, number]; tutorial: boolean; imported: boolean };

/** How much an account uses the product, from its phase and the state of its onboarding. */
function profileOf(phase: string, status: string | null, random: () => number): Profile | null {
  if (phase === "churned")
    return random() < 0.3 ? { dayChance: 0.02, users: [1, 2], tutorial: true, imported: false } : null;
  switch (status) {
    case "stalled":
    case "not_agreed":
      return { dayChance: 0.05, users: [1, 2], tutorial: false, imported: false };
    case "overdue":
    case "at_risk":
      return { dayChance: 0.25, users: [2, 4], tutorial: random() < 0.5, imported: false };
    case "on_track":
      return { dayChance: 0.6, users: [3, 6], tutorial: random() < 0.7, imported: random() < 0.4 };
    default: {
      const roll = random();
      const dayChance = roll < 0.45 ? 0.7 : roll < 0.8 ? 0.2 : 0.04;
      return { dayChance, users: [2, 8], tutorial: true, imported: true };
    }
  }
}

/**
 * Gives the demo accounts the usage events their product would have sent over the last weeks, in
 * keeping with their phase and onboarding (active accounts use it daily, stalled ones hardly), half
 * of them attributed by `context.groupId` and half through `group` calls, plus two trial groups the
 * CRM does not know yet. Stored as ingestion stores them, so rollups, activation and usage frequency
 * follow.
 */
export async function generateUsageEvents(tx: Tx, workspace: Workspace, seed: number, now: Date) {
  const tz = workspace.settings.timezone;
  const today = dateInZone(now, tz);
  const list = rowsOf<{
    id: string;
    group_id: string;
    phase: string;
    status: string | null;
    started: Date | null;
  }>(
    await tx.execute(sql`select a.id, a.group_id, a.lifecycle_phase as phase, o.status, o.started_at as started
      from ${accounts} a
      left join lateral (select status, started_at from onboardings o
        where o.account_id = a.id order by started_at desc limit 1) o on true
      where a.workspace_id = ${workspace.id} order by a.external_id`),
  );
  const messages: UsageMessage[] = [];
  let n = 0;
  const push = (
    m: Omit<UsageMessage, "messageId" | "receivedAt" | "message" | "previousId" | "traits"> & {
      traits?: Record<string, unknown>;
    },
  ) => {
    const messageId = `demo-${++n}`;
    messages.push({
      ...m,
      messageId,
      previousId: null,
      traits: m.traits ?? {},
      receivedAt: m.timestamp,
      message: {
        ...(m.groupId && m.type !== "group" ? { context: { groupId: m.groupId } } : {}),
        ...(m.type === "group" ? { groupId: m.groupId, traits: m.traits } : {}),
      },
    });
  };
  const instant = (day: string, random: () => number) => {
    const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
    return new Date(
      zonedTimeToInstant(y, mo, d, tz, randomInt(random, 9, 18)).getTime() +
        randomInt(random, 0, 3599) * 1000,
    );
  };

  const sendUsage = (
    groupId: string,
    profile: Profile,
    random: () => number,
    viaGroupCall: boolean,
    name?: string,
  ) => {
    const users = Array.from(
      { length: randomInt(random, ...profile.users) },
      (_, i) => `${groupId}-user-${i + 1}`,
    );
    const first = addDays(today, -(DAYS - 1));
    if (viaGroupCall)
      for (const userId of users)
        push({
          type: "group",
          userId,
          anonymousId: null,
          groupId,
          event: null,
          timestamp: instant(first, random),
          traits: name ? { name } : {},
        });
    const group = viaGroupCall ? null : groupId;
    for (let i = DAYS - 1; i >= 0; i--) {
      const day = addDays(today, -i);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const chance = weekday === 0 || weekday === 6 ? profile.dayChance / 4 : profile.dayChance;
      for (const userId of users) {
        if (random() >= chance) continue;
        const count = randomInt(random, 1, 2);
        for (let k = 0; k < count; k++)
          push({
            type: "track",
            userId,
            anonymousId: null,
            groupId: group,
            event: random() < 0.85 ? pickOne(random, everyday) : pickOne(random, now_and_then),
            timestamp: instant(day, random),
          });
      }
    }
    const milestone = (event: string, daysAgo: number) =>
      push({
        type: "track",
        userId: users[0]!,
        anonymousId: null,
        groupId: group,
        event,
        timestamp: instant(addDays(today, -daysAgo), random),
      });
    if (profile.tutorial) milestone("Tutorial Completed", randomInt(random, 10, DAYS - 2));
    if (profile.imported) milestone("First Data Imported", randomInt(random, 3, 9));
  };

  list.forEach((a, index) => {
    const random = createRandom(mixSeed(seed ^ 0x0e7e, index));
    const profile = profileOf(a.phase, a.status, random);
    if (profile) sendUsage(a.group_id, profile, random, index % 2 === 0);
  });
  trials.forEach((t, index) => {
    const random = createRandom(mixSeed(seed ^ 0x7a1a, index));
    sendUsage(
      t.groupId,
      { dayChance: 0.4, users: [2, 3], tutorial: true, imported: false },
      random,
      true,
      t.name,
    );
  });

  // Group calls first, as a product sends them when a user signs in.
  messages.sort((x, y) => x.timestamp.getTime() - y.timestamp.getTime());
  for (let i = 0; i < messages.length; i += 5_000)
    await storeMessages(tx, workspace, messages.slice(i, i + 5_000));
  await refreshUsageFrequency(tx, workspace, undefined, now);
  return messages.length;
}
