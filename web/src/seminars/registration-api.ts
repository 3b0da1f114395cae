// The public registration page's API (/api/seminar/{token}) and the portal's (/api/portal/{token}/seminars).
import { apiRequest } from "../platform/api";
import type { Localized } from "../platform/types";
import type { InvitationStatus, SeminarKind } from "./seminars-api";

export type RegistrationView = {
  locale: "ja" | "en";
  timeZone: string;
  contact: { name: string | null; email: string };
  seminar: { kind: SeminarKind; title: Localized; description: Localized | null };
  invitation: { status: InvitationStatus; attended: boolean | null };
  session: {
    id: string;
    startsAt: string;
    durationMinutes: number;
    onlineUrl: string | null;
    cancelled: boolean;
    past: boolean;
  };
  sessions: { id: string; startsAt: string; durationMinutes: number; full: boolean }[];
};

export type PortalSeminars = {
  timeZone: string;
  identified: boolean;
  items: {
    sessionId: string;
    seminar: { id: string; kind: SeminarKind; title: Localized; description: Localized | null };
    startsAt: string;
    durationMinutes: number;
    status: InvitationStatus | null;
    registeredElsewhere: boolean;
    onlineUrl: string | null;
  }[];
};

const enc = encodeURIComponent;

export const fetchRegistration = (token: string, signal?: AbortSignal) =>
  apiRequest<RegistrationView>(`/api/seminar/${enc(token)}`, { signal, withoutWorkspace: true });
export const registerFor = (token: string, sessionId?: string) =>
  apiRequest<RegistrationView>(`/api/seminar/${enc(token)}/register`, {
    method: "POST",
    body: sessionId ? { sessionId } : {},
    withoutWorkspace: true,
  });
export const declineInvitation = (token: string) =>
  apiRequest<RegistrationView>(`/api/seminar/${enc(token)}/decline`, {
    method: "POST",
    body: {},
    withoutWorkspace: true,
  });

export const fetchPortalSeminars = (token: string, signal?: AbortSignal) =>
  apiRequest<PortalSeminars>(`/api/portal/${enc(token)}/seminars`, { signal, withoutWorkspace: true });
export const registerInPortal = (token: string, sessionId: string) =>
  apiRequest<PortalSeminars>(`/api/portal/${enc(token)}/seminars/${enc(sessionId)}/register`, {
    method: "POST",
    body: {},
    withoutWorkspace: true,
  });
