// Onboarding plans, templates (playbooks), the measures catalogue and an account's portal links.
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPatch, apiPost, apiPut, toQueryString } from "../platform/api";
import type { Localized, TouchModel } from "../platform/types";

export const stages = ["initial_response", "measure_design", "training"] as const;
export type Stage = (typeof stages)[number];
export const sides = ["cs", "customer"] as const;
export type Side = (typeof sides)[number];
export const taskStatuses = ["todo", "in_progress", "done", "skipped"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const onboardingStatuses = ["on_track", "at_risk", "overdue", "completed", "churned"] as const;
export type OnboardingStatus = (typeof onboardingStatuses)[number];
export const meetingKinds = ["kickoff", "progress_check", "completion"] as const;
export type MeetingKind = (typeof meetingKinds)[number];
export const criterionKinds = ["manual", "event", "usage"] as const;
export type CriterionKind = (typeof criterionKinds)[number];
export const resourceKinds = ["manual", "faq", "video", "other"] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** A text in both languages, or (for what a person typed) a single string. */
export type Text = Localized | string;

export type StatusReason =
  | { code: "completed"; source?: string }
  | { code: "churned"; reason?: string | null }
  | { code: "past_due"; days: number }
  | { code: "tasks_overdue"; count: number; oldestDays: number }
  | { code: "stalled"; days: number }
  | { code: "behind_schedule"; expected: number; actual: number }
  | { code: "not_agreed"; days: number }
  | { code: "criteria_unmet"; count: number; daysLeft: number };

export type OnboardingSummary = {
  id: string;
  accountId: string;
  accountName: string;
  touchModel: TouchModel | null;
  segment: string | null;
  ownerId: string | null;
  ownerName: string | null;
  startedAt: string;
  targetDate: string | null;
  completedAt: string | null;
  status: OnboardingStatus;
  statusReasons: StatusReason[];
  progress: number;
  tasksDone: number;
  tasksTotal: number;
  criteriaMet: number;
  criteriaTotal: number;
  proposedAt: string | null;
  agreedAt: string | null;
  nextTask: { title: Text; dueOn: string } | null;
  lastProgressAt: string | null;
};

export type Task = {
  id: string;
  key: string;
  stage: Stage;
  title: Text;
  description: Text | null;
  side: Side;
  measure: string | null;
  assigneeUserId: string | null;
  assigneeName: string | null;
  assigneeContactId: string | null;
  assigneeContactName: string | null;
  startsOn: string;
  dueOn: string;
  dependsOn: string[];
  status: TaskStatus;
  doneAt: string | null;
  doneByLabel: string | null;
  internalNote: string | null;
  source: "template" | "manual" | "follow_up";
  position: number;
  overdue: boolean;
};

export type Meeting = {
  id: string;
  type: MeetingKind;
  title: Text;
  scheduledAt: string;
  durationMinutes: number;
  location: string | null;
  heldAt: string | null;
  notes: string | null;
};

export type Criterion = {
  id: string;
  key: string;
  title: Text;
  kind: CriterionKind;
  rule: { event?: string; minActiveUsers?: number; minDays?: number; windowDays?: number };
  metAt: string | null;
  metByLabel: string | null;
  evidence: Record<string, unknown> | null;
  waitingForEvents: boolean;
};

export type Resource = { key: string; title: Text; url: string; kind: ResourceKind };

export type Plan = OnboardingSummary & {
  templateId: string | null;
  templateName: string | null;
  tasks: Task[];
  meetings: Meeting[];
  criteria: Criterion[];
  resources: Resource[];
  proposedByName: string | null;
  agreedByLabel: string | null;
  completionSource: "customer" | "csm" | "import" | null;
  completionReason: string | null;
  completedByLabel: string | null;
  confirmation: {
    available: boolean;
    blockedBy: ("not_agreed" | "completion_meeting_not_held" | "completed" | "churned")[];
  };
};

export type Measure = {
  key: string;
  label: Localized;
  description: Localized;
  touchModels: TouchModel[];
};

export type TemplateTask = {
  key: string;
  stage: Stage;
  title: Localized;
  description?: Localized;
  side: Side;
  offsetDays: number;
  durationDays: number;
  dependsOn: string[];
  measure: string | null;
};
export type TemplateMeeting = {
  key: string;
  type: MeetingKind;
  title: Localized;
  offsetDays: number;
  everyDays?: number;
  durationMinutes: number;
};
export type TemplateCriterion = {
  key: string;
  title: Localized;
  kind: CriterionKind;
  event?: string;
  minActiveUsers?: number;
  minDays?: number;
  windowDays?: number;
};
export type TemplateResource = { key: string; title: Localized; url: string; kind: ResourceKind };
export type TemplateDefinition = {
  targetDays: number;
  businessDays: boolean;
  tasks: TemplateTask[];
  meetings: TemplateMeeting[];
  criteria: TemplateCriterion[];
  resources: TemplateResource[];
};
export type TemplateSummary = {
  id: string;
  name: string;
  touchModel: TouchModel;
  segment: string | null;
  taskCount: number;
  updatedAt: string;
};
export type Template = {
  id: string;
  name: string;
  touchModel: TouchModel;
  segment: string | null;
  definition: TemplateDefinition;
  updatedAt: string;
};
export type TemplateInput = {
  name: string;
  touchModel: TouchModel;
  segment: string | null;
  definition: TemplateDefinition;
};

export type PortalLink = {
  id: string;
  accountId: string;
  label: string | null;
  status: "active" | "revoked" | "expired";
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  createdBy: string | null;
  createdByName: string | null;
  visitors: {
    id: string;
    name: string | null;
    email: string;
    contactId: string | null;
    lastSeenAt: string;
    createdAt: string;
  }[];
};

export type OverviewFilters = {
  status?: string;
  ownerId?: string;
  touchModel?: string;
  q?: string;
  page?: number;
  pageSize?: number;
};

export type OverviewPage = {
  items: OnboardingSummary[];
  total: number;
  counts: Record<OnboardingStatus, number>;
};

const enc = encodeURIComponent;

export function overviewQuery(filters: OverviewFilters) {
  const params = {
    status: filters.status ?? "running",
    ownerId: filters.ownerId,
    touchModel: filters.touchModel,
    q: filters.q,
    page: filters.page ?? 1,
    pageSize: filters.pageSize ?? 50,
  };
  return queryOptions({
    queryKey: ["onboardings", "list", params],
    queryFn: ({ signal }) => apiGet<OverviewPage>(`/api/v1/onboardings${toQueryString(params)}`, signal),
    placeholderData: keepPreviousData,
  });
}

export const accountOnboardingsQuery = (accountId: string) =>
  queryOptions({
    queryKey: ["onboardings", "account", accountId],
    queryFn: ({ signal }) =>
      apiGet<{ items: OnboardingSummary[] }>(`/api/v1/accounts/${enc(accountId)}/onboardings`, signal),
  });

export const planQuery = (onboardingId: string) =>
  queryOptions({
    queryKey: ["onboardings", "plan", onboardingId],
    queryFn: ({ signal }) => apiGet<Plan>(`/api/v1/onboardings/${enc(onboardingId)}`, signal),
  });

export const measuresQuery = queryOptions({
  queryKey: ["onboarding-measures"],
  queryFn: ({ signal }) => apiGet<{ items: Measure[] }>("/api/v1/onboarding/measures", signal),
  staleTime: 60 * 60_000,
});

export const templatesQuery = queryOptions({
  queryKey: ["onboarding-templates", "list"],
  queryFn: ({ signal }) => apiGet<{ items: TemplateSummary[] }>("/api/v1/onboarding/templates", signal),
});

export const templateQuery = (id: string) =>
  queryOptions({
    queryKey: ["onboarding-templates", "one", id],
    queryFn: ({ signal }) => apiGet<Template>(`/api/v1/onboarding/templates/${enc(id)}`, signal),
  });

export const portalLinksQuery = (accountId: string) =>
  queryOptions({
    queryKey: ["portal-links", accountId],
    queryFn: ({ signal }) =>
      apiGet<{ items: PortalLink[] }>(`/api/v1/accounts/${enc(accountId)}/portal-links`, signal),
  });

function useInvalidateOnboardings() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["onboardings"] }),
      queryClient.invalidateQueries({ queryKey: ["accounts", "timeline"] }),
      queryClient.invalidateQueries({ queryKey: ["follow-ups"] }),
    ]);
}

export function useStartOnboarding(accountId: string) {
  const invalidate = useInvalidateOnboardings();
  return useMutation({
    mutationFn: (input: { templateId?: string; startedAt?: string }) =>
      apiPost<Plan>(`/api/v1/accounts/${enc(accountId)}/onboardings`, input),
    onSuccess: invalidate,
  });
}

/** Any change to one plan: the path below /onboardings/{id}, the method and the body. */
export function usePlanChange(onboardingId: string) {
  const invalidate = useInvalidateOnboardings();
  return useMutation({
    mutationFn: ({
      path = "",
      method,
      body,
    }: {
      path?: string;
      method: "POST" | "PATCH" | "DELETE";
      body?: unknown;
    }) => {
      const url = `/api/v1/onboardings/${enc(onboardingId)}${path}`;
      if (method === "POST") return apiPost<unknown>(url, body ?? {});
      if (method === "PATCH") return apiPatch<unknown>(url, body ?? {});
      return apiDelete<unknown>(url);
    },
    meta: { silent: true },
    onSuccess: invalidate,
  });
}

export function useSaveTemplate(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TemplateInput) =>
      id
        ? apiPut<Template>(`/api/v1/onboarding/templates/${enc(id)}`, input)
        : apiPost<Template>("/api/v1/onboarding/templates", input),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["onboarding-templates"] }),
  });
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/v1/onboarding/templates/${enc(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["onboarding-templates"] }),
  });
}

export function useCreatePortalLink(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { label?: string; expiresInDays?: number }) =>
      apiPost<PortalLink & { url: string }>(`/api/v1/accounts/${enc(accountId)}/portal-links`, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["portal-links", accountId] }),
        queryClient.invalidateQueries({ queryKey: ["accounts", "timeline"] }),
      ]),
  });
}

export function useRevokePortalLink(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) =>
      apiPost<unknown>(`/api/v1/accounts/${enc(accountId)}/portal-links/${enc(linkId)}/revoke`, {}),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["portal-links", accountId] }),
        queryClient.invalidateQueries({ queryKey: ["accounts", "timeline"] }),
      ]),
  });
}
