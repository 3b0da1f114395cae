import { and, eq } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { onboardingMeetings } from "../platform/db/schema.ts";
import { notFound } from "../platform/http/errors.ts";
import { parseDateOrInstant } from "../platform/time.ts";
import { recordTimeline } from "../timeline/timeline-entries.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { MeetingInput, MeetingPatch } from "./onboarding-schemas.ts";
import { type Actor, recordOnboardingChange } from "./onboarding-timeline.ts";
import { invalid, toLocalized } from "./plan-inputs.ts";
import { getOnboardingRow } from "./read-plan.ts";
import { refreshOnboarding } from "./refresh-onboarding.ts";

const when = (value: string, path: string, workspace: Workspace) => {
  const at = parseDateOrInstant(value, workspace.settings.timezone);
  if (!at) throw invalid(path, "must be YYYY-MM-DD or an ISO-8601 instant");
  return at;
};

const targetOf = (row: { workspaceId: string; accountId: string; id: string }) => ({
  workspaceId: row.workspaceId,
  accountId: row.accountId,
  onboardingId: row.id,
});

export async function createMeeting(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  input: MeetingInput,
  by: Actor,
) {
  const row = await getOnboardingRow(tx, workspace.id, onboardingId);
  const title = toLocalized(input.title);
  const [m] = await tx
    .insert(onboardingMeetings)
    .values({
      workspaceId: workspace.id,
      onboardingId: row.id,
      accountId: row.accountId,
      type: input.type,
      title,
      scheduledAt: when(input.scheduledAt, "scheduledAt", workspace),
      durationMinutes: input.durationMinutes,
      location: input.location ?? null,
    })
    .returning({ id: onboardingMeetings.id, scheduledAt: onboardingMeetings.scheduledAt });
  await recordOnboardingChange(tx, targetOf(row), "meeting_scheduled", by, {
    meetingId: m!.id,
    meetingType: input.type,
    meetingTitle: title,
    scheduledAt: m!.scheduledAt.toISOString(),
  });
  await refreshOnboarding(tx, workspace, row.id);
  return m!.id;
}

async function getMeeting(tx: Tx, onboardingId: string, meetingId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(meetingId)) throw notFound("Meeting");
  const [m] = await tx
    .select()
    .from(onboardingMeetings)
    .where(and(eq(onboardingMeetings.onboardingId, onboardingId), eq(onboardingMeetings.id, meetingId)));
  if (!m) throw notFound("Meeting");
  return m;
}

/** Edits a meeting; setting `heldAt` records it (a `meeting` entry on the account's timeline with its minutes). */
export async function updateMeeting(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  meetingId: string,
  patch: MeetingPatch,
  by: Actor,
) {
  const row = await getOnboardingRow(tx, workspace.id, onboardingId);
  const meeting = await getMeeting(tx, row.id, meetingId);
  const values: Partial<typeof onboardingMeetings.$inferInsert> = {};
  if (patch.type !== undefined) values.type = patch.type;
  if (patch.title !== undefined) values.title = toLocalized(patch.title);
  if (patch.scheduledAt !== undefined) values.scheduledAt = when(patch.scheduledAt, "scheduledAt", workspace);
  if (patch.durationMinutes !== undefined) values.durationMinutes = patch.durationMinutes;
  if (patch.location !== undefined) values.location = patch.location ?? null;
  if (patch.notes !== undefined) values.notes = patch.notes ?? null;
  if (patch.heldAt !== undefined)
    values.heldAt = patch.heldAt === null ? null : when(patch.heldAt, "heldAt", workspace);
  if (values.heldAt && values.heldAt > new Date(Date.now() + 60_000))
    throw invalid("heldAt", "must not be in the future");
  if (Object.keys(values).length === 0) return;
  await tx
    .update(onboardingMeetings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(onboardingMeetings.id, meeting.id));
  const type = values.type ?? meeting.type;
  const title = values.title ?? meeting.title;
  if (values.heldAt && !meeting.heldAt) {
    await recordTimeline(tx, {
      workspaceId: workspace.id,
      accountId: row.accountId,
      kind: "meeting",
      meetingType: type,
      title: title.ja === title.en ? title.ja : `${title.ja} / ${title.en}`,
      body: values.notes ?? meeting.notes ?? null,
      occurredAt: values.heldAt,
      actorUserId: by.kind === "staff" ? by.userId : null,
      data: { onboardingId: row.id, meetingId: meeting.id },
    });
  } else {
    await recordOnboardingChange(tx, targetOf(row), "meeting_changed", by, {
      meetingId: meeting.id,
      meetingType: type,
      meetingTitle: title,
      fields: Object.keys(values),
    });
  }
  await refreshOnboarding(tx, workspace, row.id);
}

export async function deleteMeeting(
  tx: Tx,
  workspace: Workspace,
  onboardingId: string,
  meetingId: string,
  by: Actor,
) {
  const row = await getOnboardingRow(tx, workspace.id, onboardingId);
  const meeting = await getMeeting(tx, row.id, meetingId);
  await tx.delete(onboardingMeetings).where(eq(onboardingMeetings.id, meeting.id));
  await recordOnboardingChange(tx, targetOf(row), "meeting_removed", by, {
    meetingId: meeting.id,
    meetingType: meeting.type,
    meetingTitle: meeting.title,
  });
  await refreshOnboarding(tx, workspace, row.id);
}
