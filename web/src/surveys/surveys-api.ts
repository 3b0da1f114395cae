// Surveys (/api/v1/surveys, /api/v1/survey-responses); types mirror src/surveys/surveys.routes.ts.
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPost, apiPut, toQueryString } from "../platform/api";
import type { ContactRole, Localized } from "../platform/types";

export type SurveyKind = "nps" | "csat" | "custom";
export type QuestionType = "scale" | "choice" | "text";
export type TriggerKind = "days_after_start" | "at_completion";

export type SurveyQuestion = {
  id: string;
  type: QuestionType;
  text: Localized;
  options?: { value: string; label: Localized }[];
  required: boolean;
};

export type SurveyTrigger = {
  id: string;
  kind: TriggerKind;
  days: number | null;
  segments: string[];
  touchModels: string[];
  roles: string[];
  createdAt: string;
};

export type Survey = {
  id: string;
  kind: SurveyKind;
  title: Localized;
  intro: Localized;
  questions: SurveyQuestion[];
  closeAfterDays: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  sends: number;
  responses: number;
  triggers: SurveyTrigger[];
};

export type SurveyInput = {
  kind: SurveyKind;
  title: Localized;
  intro: Localized;
  questions: (Omit<SurveyQuestion, "id"> & { id?: string })[];
  closeAfterDays: number;
  triggers: (Omit<SurveyTrigger, "id" | "createdAt"> & { id?: string })[];
};

export type Recipient = {
  contactId: string;
  name: string | null;
  email: string;
  role: string | null;
  accountId: string;
  accountName: string;
};
export type SkipReason = "unsubscribed" | "already_open" | "churned";
export type SendPlan = { recipients: Recipient[]; skipped: (Recipient & { reason: SkipReason })[] };
export type SendInput = { contactIds?: string[]; segment?: string; roles: ContactRole[] };

export type SurveySend = {
  id: string;
  accountId: string;
  accountName: string;
  contactId: string;
  contactName: string | null;
  contactEmail: string;
  source: string;
  sentAt: string;
  closesAt: string;
  openedAt: string | null;
  answeredAt: string | null;
  score: number | null;
  status: "sent" | "opened" | "answered" | "closed";
};

export type Nps = {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  value: number | null;
};
export type Csat = { n: number; satisfied: number; value: number | null; mean: number | null };

export type SurveyResults = {
  surveyId: string;
  kind: SurveyKind;
  sends: number;
  opened: number;
  answeredSends: number;
  responses: number;
  responseRate: number | null;
  nps: Nps | null;
  csat: Csat | null;
  distribution: { score: number; count: number }[];
  questions: {
    id: string;
    type: QuestionType;
    answered: number;
    mean: number | null;
    counts: { value: string; count: number }[];
  }[];
};

export type Band = "detractor" | "passive" | "promoter" | "low" | "neutral" | "high";

export type SurveyResponse = {
  id: string;
  surveyId: string | null;
  surveyTitle: Localized | null;
  kind: SurveyKind;
  score: number | null;
  band: Band | null;
  comment: string | null;
  answers: Record<string, string | number | null>;
  source: "link" | "portal" | "import";
  answeredAt: string;
  updatedAt: string;
  accountId: string;
  accountName: string;
  segment: string | null;
  touchModel: string | null;
  contactId: string | null;
  contactName: string | null;
  contactEmail: string | null;
  followedUp: boolean;
};

export type ResponseFilters = {
  surveyId?: string | null;
  kind?: SurveyKind | null;
  band?: Band | null;
  segment?: string | null;
  touchModel?: string | null;
  from?: string | null;
  to?: string | null;
  page?: number;
  pageSize?: number;
};

export type ResponseList = {
  items: SurveyResponse[];
  total: number;
  page: number;
  pageSize: number;
  summary: { nps: Nps; csat: Csat };
};

const enc = encodeURIComponent;

export const surveysQuery = (archived = false) =>
  queryOptions({
    queryKey: ["surveys", "list", archived],
    queryFn: ({ signal }) =>
      apiGet<{ items: Survey[] }>(`/api/v1/surveys${archived ? "?archived=true" : ""}`, signal),
  });

export const surveyQuery = (id: string) =>
  queryOptions({
    queryKey: ["surveys", "one", id],
    queryFn: ({ signal }) => apiGet<Survey>(`/api/v1/surveys/${enc(id)}`, signal),
  });

export const surveyResultsQuery = (id: string) =>
  queryOptions({
    queryKey: ["surveys", "results", id],
    queryFn: ({ signal }) => apiGet<SurveyResults>(`/api/v1/surveys/${enc(id)}/results`, signal),
  });

export const surveySendsQuery = (id: string) =>
  queryOptions({
    queryKey: ["surveys", "sends", id],
    queryFn: ({ signal }) => apiGet<{ items: SurveySend[] }>(`/api/v1/surveys/${enc(id)}/sends`, signal),
  });

export const responsesQuery = (filters: ResponseFilters) =>
  queryOptions({
    queryKey: ["surveys", "responses", filters],
    queryFn: ({ signal }) =>
      apiGet<ResponseList>(
        `/api/v1/survey-responses${toQueryString({
          surveyId: filters.surveyId,
          kind: filters.kind,
          band: filters.band,
          segment: filters.segment,
          touchModel: filters.touchModel,
          from: filters.from,
          to: filters.to,
          page: filters.page,
          pageSize: filters.pageSize,
        })}`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export const recipientSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ["surveys", "recipients", q],
    queryFn: ({ signal }) =>
      apiGet<{ items: (Recipient & { unsubscribed: boolean })[] }>(
        `/api/v1/survey-recipients${toQueryString({ q })}`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });

export function useSaveSurvey(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SurveyInput) =>
      id ? apiPut<Survey>(`/api/v1/surveys/${enc(id)}`, input) : apiPost<Survey>("/api/v1/surveys", input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["surveys"] }),
  });
}

export function useArchiveSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      apiPost<Survey>(`/api/v1/surveys/${enc(id)}/${archived ? "archive" : "unarchive"}`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["surveys"] }),
  });
}

export const previewSend = (id: string, input: SendInput) =>
  apiPost<SendPlan>(`/api/v1/surveys/${enc(id)}/send/preview`, input);

export function useSendSurvey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SendInput) =>
      apiPost<SendPlan & { sent: number }>(`/api/v1/surveys/${enc(id)}/send`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["surveys"] }),
  });
}
