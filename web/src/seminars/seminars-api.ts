// Seminars (/api/v1/seminars, /api/v1/seminar-sessions, /api/v1/seminar-invitations);
// types mirror src/seminars/seminar-schemas.ts.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPatch, apiPost, apiUpload, toQueryString } from "../platform/api";
import type { Localized, TouchModel } from "../platform/types";

export type SeminarKind = "welcome" | "training" | "other";
export const seminarKinds: SeminarKind[] = ["welcome", "training", "other"];
export type InvitationStatus = "invited" | "registered" | "declined";

export type Counts = {
  invited: number;
  registered: number;
  declined: number;
  attended: number;
  absent: number;
};
export type Participation = { numerator: number; denominator: number; value: number | null };

export type SeminarSession = {
  id: string;
  seminarId: string;
  startsAt: string;
  durationMinutes: number;
  onlineUrl: string | null;
  capacity: number | null;
  cancelledAt: string | null;
  counts: Counts;
};

export type Seminar = {
  id: string;
  kind: SeminarKind;
  title: Localized;
  description: Localized | null;
  autoInviteTouchModels: TouchModel[];
  autoInviteSince: string | null;
  reminderHours: number;
  archivedAt: string | null;
  createdAt: string;
  counts: Counts;
  participation: Participation;
  nextSessions: SeminarSession[];
};
export type SeminarDetail = Seminar & { sessions: SeminarSession[] };

export type SeminarInput = {
  kind: SeminarKind;
  title: Localized;
  description: Localized | null;
  autoInviteTouchModels: TouchModel[];
  reminderHours: number;
};
export type SessionInput = {
  startsAt: string;
  durationMinutes: number;
  onlineUrl: string | null;
  capacity: number | null;
};

export type Invitation = {
  id: string;
  sessionId: string;
  seminarId: string;
  accountId: string;
  accountName: string;
  contactId: string | null;
  contactName: string | null;
  contactEmail: string;
  invitedAt: string;
  status: InvitationStatus;
  respondedAt: string | null;
  attended: boolean | null;
  source: string;
  reminderQueuedAt: string | null;
};

export type InviteInput = { contactIds?: string[]; segment?: string; touchModel?: TouchModel };
export type InviteResult = { invited: number; alreadyInvited: number; withoutEmail: number };
export type AttendanceResult = { emailColumn: string; attended: number; absent: number; unknown: string[] };
export type ContactChoice = {
  contactId: string;
  name: string | null;
  email: string;
  accountId: string;
  accountName: string;
};

export const seminarsQuery = (includeArchived: boolean) =>
  queryOptions({
    queryKey: ["seminars", "list", includeArchived],
    queryFn: ({ signal }) =>
      apiGet<{ items: Seminar[] }>(
        `/api/v1/seminars${toQueryString({ includeArchived: includeArchived ? "true" : undefined })}`,
        signal,
      ),
  });

export const seminarQuery = (id: string) =>
  queryOptions({
    queryKey: ["seminars", "detail", id],
    queryFn: ({ signal }) => apiGet<SeminarDetail>(`/api/v1/seminars/${id}`, signal),
  });

export const invitationsQuery = (sessionId: string) =>
  queryOptions({
    queryKey: ["seminars", "invitations", sessionId],
    queryFn: ({ signal }) =>
      apiGet<{ items: Invitation[] }>(`/api/v1/seminar-sessions/${sessionId}/invitations`, signal),
  });

export const contactSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ["seminars", "contacts", q],
    queryFn: ({ signal }) =>
      apiGet<{ items: ContactChoice[] }>(`/api/v1/seminar-contacts${toQueryString({ q })}`, signal),
  });

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["seminars"] });
}

export function useSaveSeminar(id: string | null) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Partial<SeminarInput> & { archived?: boolean }) =>
      id
        ? apiPatch<SeminarDetail>(`/api/v1/seminars/${id}`, input)
        : apiPost<SeminarDetail>("/api/v1/seminars", input),
    onSuccess: invalidate,
  });
}

export function useSaveSession(seminarId: string, sessionId: string | null) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Partial<SessionInput> & { cancelled?: boolean }) =>
      sessionId
        ? apiPatch<SeminarSession>(`/api/v1/seminar-sessions/${sessionId}`, input)
        : apiPost<SeminarSession>(`/api/v1/seminars/${seminarId}/sessions`, input),
    onSuccess: invalidate,
  });
}

export function useInvite(sessionId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: InviteInput) =>
      apiPost<InviteResult>(`/api/v1/seminar-sessions/${sessionId}/invitations`, input),
    onSuccess: invalidate,
  });
}

export function useUpdateInvitation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; attended?: boolean | null; status?: InvitationStatus }) =>
      apiPatch<Invitation>(`/api/v1/seminar-invitations/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useUploadAttendance(sessionId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return apiUpload<AttendanceResult>(`/api/v1/seminar-sessions/${sessionId}/attendance`, form);
    },
    onSuccess: invalidate,
  });
}

/** "YYYY-MM-DD HH:mm[:ss]" read in `timeZone` as an ISO instant. */
export function zonedToInstant(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    }).formatToParts(new Date(at));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute")) - at;
  };
  const first = guess - offset(guess);
  return new Date(guess - offset(first)).toISOString();
}

/** An instant as "YYYY-MM-DD HH:mm:00" in `timeZone` (the date-time picker's value). */
export function instantToZoned(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:00`;
}
