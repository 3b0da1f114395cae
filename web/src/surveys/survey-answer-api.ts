// The public answer page's API (/api/survey/{token}) and the portal's (/api/portal/{token}/surveys).
import { apiRequest } from "../platform/api";
import type { Localized } from "../platform/types";
import type { SurveyKind, SurveyQuestion } from "./surveys-api";

export type AnswerView = {
  id: string;
  survey: { kind: SurveyKind; title: Localized; intro: Localized; questions: SurveyQuestion[] } | null;
  accountName: string;
  contactName: string | null;
  locale: "ja" | "en";
  closesAt: string;
  timeZone: string;
  response: {
    score: number | null;
    comment: string | null;
    answers: Record<string, string | number | null>;
    answeredAt: string;
    updatedAt: string;
  } | null;
};

export type AnswerInput = {
  score?: number | null;
  comment?: string | null;
  answers: Record<string, string | number | null>;
};

const enc = encodeURIComponent;

export const fetchAnswerView = (token: string, signal?: AbortSignal) =>
  apiRequest<AnswerView>(`/api/survey/${enc(token)}`, { signal, withoutWorkspace: true });
export const submitAnswer = (token: string, input: AnswerInput) =>
  apiRequest<AnswerView>(`/api/survey/${enc(token)}`, {
    method: "POST",
    body: input,
    withoutWorkspace: true,
  });

export const fetchPortalSurveys = (token: string, signal?: AbortSignal) =>
  apiRequest<{ items: AnswerView[] }>(`/api/portal/${enc(token)}/surveys`, {
    signal,
    withoutWorkspace: true,
  });
export const submitPortalAnswer = (token: string, sendId: string, input: AnswerInput) =>
  apiRequest<AnswerView>(`/api/portal/${enc(token)}/surveys/${enc(sendId)}`, {
    method: "POST",
    body: input,
    withoutWorkspace: true,
  });
