import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { type Localized, seminarSessions, seminars } from "../platform/db/schema.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { accountContacts, createInvitations } from "./invitations.ts";
import { formatSessionTime } from "./seminar-format.ts";

/** Follow-up actions whose acceptance also invites the account's contacts to the next training session. */
export const trainingFollowUpActions = ["supplementary_training", "webinar"] as const;

export type FollowUpSeminarResult =
  | {
      invited: number;
      seminarId: string;
      sessionId: string;
      startsAt: string;
      title: Localized;
      note: Localized;
    }
  | { invited: 0; sessionId: null; note: Localized };

/**
 * Invites the account's contacts to the next upcoming session of a training seminar (kind `training`),
 * in the caller's transaction. With no training session planned nothing is invited and the result
 * says so (the follow-up is still accepted).
 */
export async function inviteToNextTraining(
  tx: Tx,
  workspace: Workspace,
  accountId: string,
  options: { publicUrl: string; userId: string | null; now?: Date },
): Promise<FollowUpSeminarResult> {
  const now = options.now ?? new Date();
  const [next] = await tx
    .select({ session: seminarSessions, seminar: seminars })
    .from(seminarSessions)
    .innerJoin(seminars, eq(seminars.id, seminarSessions.seminarId))
    .where(
      and(
        eq(seminarSessions.workspaceId, workspace.id),
        eq(seminars.kind, "training"),
        isNull(seminars.archivedAt),
        isNull(seminarSessions.cancelledAt),
        gt(seminarSessions.startsAt, now),
      ),
    )
    .orderBy(asc(seminarSessions.startsAt))
    .limit(1);
  if (!next)
    return {
      invited: 0,
      sessionId: null,
      note: {
        ja: "予定されているトレーニングのセッションがないため、招待は送っていません。",
        en: "No training session is planned, so no invitation was sent.",
      },
    };
  const targets = (await accountContacts(tx, workspace.id, accountId)).filter((c) => c.email);
  const created = await createInvitations(tx, workspace, next.session, targets, {
    source: "follow_up",
    userId: options.userId,
    publicUrl: options.publicUrl,
    now,
  });
  const tz = workspace.settings.timezone;
  const when = (l: "ja" | "en") =>
    formatSessionTime(next.session.startsAt, next.session.durationMinutes, tz, l);
  return {
    invited: created.length,
    seminarId: next.seminar.id,
    sessionId: next.session.id,
    startsAt: next.session.startsAt.toISOString(),
    title: next.seminar.title,
    note: {
      ja: `トレーニング「${next.seminar.title.ja || next.seminar.title.en}」（${when("ja")}）に${created.length}名を招待しました。`,
      en: `Invited ${created.length} contact(s) to the training "${next.seminar.title.en || next.seminar.title.ja}" (${when("en")}).`,
    },
  };
}
