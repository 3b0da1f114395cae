// Hearing templates (managers define the questions) and each account's hearing sheets (CSMs answer).
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPatch, apiPost, apiPut } from "../platform/api";
import type { Localized } from "../platform/types";

export const questionTypes = ["text", "choice", "number", "date"] as const;
export type QuestionType = (typeof questionTypes)[number];

export type HearingQuestion = {
  id: string;
  type: QuestionType;
  label: Localized;
  options?: { value: string; label: Localized }[];
  required: boolean;
};
export type HearingTemplate = {
  id: string;
  name: string;
  questions: HearingQuestion[];
  removedQuestions: { id: string; type: QuestionType; label: Localized; removedAt: string }[];
  archived: boolean;
  archivedAt: string | null;
};
export type AnswerValue = string | number | null;
type Answer = { value: AnswerValue; by: string | null; byName: string | null; at: string };
export type HearingSheet = {
  template: HearingTemplate;
  answers: Record<string, Answer & { outdated: boolean }>;
  removedAnswers: (Answer & { questionId: string; label: Localized | null; type: string | null })[];
  missingRequired: string[];
  answeredCount: number;
  questionCount: number;
  updatedAt: string | null;
};
export type QuestionInput = Omit<HearingQuestion, "id"> & { id?: string };
export type TemplateInput = { name: string; questions: QuestionInput[] };

const sheetsPath = (accountId: string) => `/api/v1/accounts/${encodeURIComponent(accountId)}/hearing-sheets`;

export const hearingSheetsQuery = (accountId: string) =>
  queryOptions({
    queryKey: ["accounts", "hearing-sheets", accountId],
    queryFn: ({ signal }) => apiGet<{ items: HearingSheet[] }>(sheetsPath(accountId), signal),
  });

export const hearingTemplatesQuery = queryOptions({
  queryKey: ["hearing-templates"],
  queryFn: ({ signal }) =>
    apiGet<{ items: HearingTemplate[] }>("/api/v1/hearing-templates?includeArchived=true", signal),
});

export function useSaveHearingAnswers(accountId: string, templateId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, AnswerValue>) =>
      apiPut<HearingSheet>(`${sheetsPath(accountId)}/${encodeURIComponent(templateId)}`, { answers }),
    meta: { silent: true },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: hearingSheetsQuery(accountId).queryKey }),
        queryClient.invalidateQueries({ queryKey: ["accounts", "timeline", accountId] }),
      ]),
  });
}

export function useSaveHearingTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: TemplateInput }) =>
      id
        ? apiPatch<HearingTemplate>(`/api/v1/hearing-templates/${encodeURIComponent(id)}`, input)
        : apiPost<HearingTemplate>("/api/v1/hearing-templates", input),
    meta: { silent: true },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["hearing-templates"] }),
        queryClient.invalidateQueries({ queryKey: ["accounts", "hearing-sheets"] }),
      ]),
  });
}

export function useArchiveHearingTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      apiPost<HearingTemplate>(
        `/api/v1/hearing-templates/${encodeURIComponent(id)}/${archived ? "archive" : "restore"}`,
        {},
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["hearing-templates"] }),
        queryClient.invalidateQueries({ queryKey: ["accounts", "hearing-sheets"] }),
      ]),
  });
}
