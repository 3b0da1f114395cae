// The customer portal's API (/api/portal/{token}); types copied from src/portal/portal-view.ts.
import { apiRequest } from "../platform/api";

export type Localized = { ja: string; en: string };

export type PortalTask = {
  id: string | null;
  stage: string;
  side: "cs" | "customer";
  title: Localized;
  description: Localized | null;
  startsOn: string;
  dueOn: string;
  done: boolean | null;
  doneAt: string | null;
  /** Who ticked it, by name only; null with doneByCsTeam false: a customer contact without a name. */
  doneByName: string | null;
  doneByCsTeam: boolean;
};

export type PortalOnboarding = {
  id: string;
  startedAt: string;
  targetDate: string | null;
  progress: number;
  tasksDone: number;
  tasksTotal: number;
  completed: boolean;
  completedAt: string | null;
  completedBy: "customer" | "csm" | null;
  completedByName: string | null;
  tasks: PortalTask[];
  criteria: { id: string; title: Localized; met: boolean }[];
  agreement: {
    proposed: boolean;
    proposedAt: string | null;
    agreedAt: string | null;
    agreedByName: string | null;
    canAgree: boolean;
  };
  confirmation: { available: boolean; blockedBy: string[] };
  resources: { title: Localized; url: string; kind: "manual" | "faq" | "video" | "other" }[];
  meetings: {
    type: string;
    title: Localized;
    scheduledAt: string;
    durationMinutes: number;
    location: string | null;
  }[];
};

export type PortalView = {
  account: { name: string };
  csm: { name: string; email: string } | null;
  visitor: { name: string | null; email: string } | null;
  linkExpiresAt: string;
  timeZone: string;
  onboarding: PortalOnboarding | null;
};

const base = (token: string) => `/api/portal/${encodeURIComponent(token)}`;
const post = (token: string, path: string, body?: unknown) =>
  apiRequest<PortalView>(`${base(token)}${path}`, { method: "POST", body, withoutWorkspace: true });

export const portalQueryKey = (token: string) => ["portal", token] as const;

export const fetchPortal = (token: string, signal?: AbortSignal) =>
  apiRequest<PortalView>(base(token), { signal, withoutWorkspace: true });
export const identify = (token: string, input: { email: string; name?: string }) =>
  post(token, "/identify", input);
export const forget = (token: string) => post(token, "/forget");
export const setTaskDone = (token: string, taskId: string, done: boolean) =>
  post(token, `/tasks/${encodeURIComponent(taskId)}/${done ? "done" : "undone"}`);
export const agree = (token: string) => post(token, "/agree");
export const confirmCompletion = (token: string) => post(token, "/confirm-completion");
