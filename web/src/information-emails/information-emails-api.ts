// Information e-mail sequences (tech-touch onboarding): list, edit, preview, turn on and pause, enrolments.
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPost, apiPut } from "../platform/api";
import type { ContactRole, TouchModel } from "../platform/types";

export const stepCategories = ["tips", "success_story", "other"] as const;
export type StepCategory = (typeof stepCategories)[number];
export type StopReason = "completed" | "churned" | "left_target" | "sequence_paused" | "finished";
export type Localized = { ja: string; en: string };

export type StepInput = {
  id?: string;
  dayOffset: number;
  category: StepCategory;
  subject: Localized;
  body: Localized;
};

export type SequenceInput = {
  name: string;
  touchModels: TouchModel[];
  segments: string[];
  contactRoles: ContactRole[];
  steps: StepInput[];
};

export type SequenceSummary = {
  id: string;
  name: string;
  touchModels: TouchModel[];
  segments: string[];
  contactRoles: ContactRole[];
  active: boolean;
  activatedAt: string | null;
  pausedAt: string | null;
  createdAt: string;
  updatedAt: string;
  stepCount: number;
  enrolments: number;
  activeEnrolments: number;
  sentCount: number;
};

export type Sequence = SequenceSummary & {
  steps: (Required<StepInput> & { position: number; sent: number })[];
};

export type Enrolment = {
  id: string;
  sequenceId: string;
  sequenceName: string;
  accountId: string;
  accountName: string;
  onboardingId: string;
  startedAt: string;
  stoppedAt: string | null;
  stopReason: StopReason | null;
  stepsTotal: number;
  stepsSent: number;
  sentCount: number;
  lastSentAt: string | null;
  nextStep: { position: number; dueAt: string; subject: Localized } | null;
};

export type Preview = {
  accountName: string;
  contactName: string | null;
  contactEmail: string | null;
  hasPortalLink: boolean;
  ja: { subject: string; text: string };
  en: { subject: string; text: string };
};

const base = "/api/v1/information-sequences";

export const sequencesQuery = queryOptions({
  queryKey: ["information-emails", "sequences"],
  queryFn: ({ signal }) => apiGet<{ items: SequenceSummary[]; placeholders: string[] }>(base, signal),
});

export const sequenceQuery = (id: string) =>
  queryOptions({
    queryKey: ["information-emails", "sequence", id],
    queryFn: ({ signal }) => apiGet<Sequence>(`${base}/${encodeURIComponent(id)}`, signal),
  });

export const sequenceEnrolmentsQuery = (id: string) =>
  queryOptions({
    queryKey: ["information-emails", "enrolments", id],
    queryFn: ({ signal }) =>
      apiGet<{ items: Enrolment[] }>(`${base}/${encodeURIComponent(id)}/enrolments`, signal),
  });

export const accountEnrolmentsQuery = (accountId: string) =>
  queryOptions({
    queryKey: ["information-emails", "account", accountId],
    queryFn: ({ signal }) =>
      apiGet<{ items: Enrolment[] }>(
        `/api/v1/accounts/${encodeURIComponent(accountId)}/information-enrolments`,
        signal,
      ),
  });

export type PreviewInput = {
  accountId: string;
  contactRoles: ContactRole[];
  subject: Localized;
  body: Localized;
};

export const previewQuery = (input: PreviewInput | null) =>
  queryOptions({
    queryKey: ["information-emails", "preview", input],
    queryFn: () => apiPost<Preview>(`${base}/preview`, input),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["information-emails"] });
}

export function useSaveSequence(id: string | null) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: SequenceInput) =>
      id ? apiPut<Sequence>(`${base}/${encodeURIComponent(id)}`, input) : apiPost<Sequence>(base, input),
    meta: { silent: true },
    onSuccess: invalidate,
  });
}

export function useCreateStandardSequence() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (locale: "ja" | "en") => apiPost<Sequence>(`${base}/standard`, { locale }),
    onSuccess: invalidate,
  });
}

export function useSequenceSwitch() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, on }: { id: string; on: boolean }) =>
      apiPost<Sequence>(`${base}/${encodeURIComponent(id)}/${on ? "activate" : "pause"}`, {}),
    onSuccess: invalidate,
  });
}

export function useDeleteSequence() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`${base}/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}
