// The outbox API: messages, their detail, retry, test messages; and the public unsubscribe link.
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPost, apiRequest, toQueryString } from "../platform/api";

export const mailStatuses = ["queued", "sending", "sent", "failed", "suppressed"] as const;
export type MailStatus = (typeof mailStatuses)[number];
export type MailChannel = "email" | "chat";
export const mailCategories = [
  "survey",
  "seminar_invitation",
  "seminar_reminder",
  "information",
  "notification",
  "test",
] as const;

export type SmtpStatus = { configured: boolean; host: string | null; secure: boolean; from: string };

export type OutboxMessage = {
  id: string;
  channel: MailChannel;
  to: string;
  contactId: string | null;
  accountId: string | null;
  accountName: string | null;
  locale: "ja" | "en";
  purpose: "transactional" | "marketing";
  category: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
};

export type OutboxMessageDetail = OutboxMessage & {
  text: string;
  html: string | null;
  headers: Record<string, string>;
};

export type OutboxPage = {
  items: OutboxMessage[];
  nextCursor: string | null;
  smtp: SmtpStatus;
  chatWebhookConfigured: boolean;
  counts: Record<MailStatus, number>;
};

export type OutboxFilters = {
  status?: MailStatus;
  channel?: MailChannel;
  category?: string;
  accountId?: string;
  q?: string;
};

export const outboxQuery = (filters: OutboxFilters) =>
  infiniteQueryOptions({
    queryKey: ["mail", "outbox", filters],
    queryFn: ({ signal, pageParam }) =>
      apiGet<OutboxPage>(
        `/api/v1/mail/outbox${toQueryString({ ...filters, cursor: pageParam, limit: 50 })}`,
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Messages move from queued to sent in the background: keep the list current while it is open.
    refetchInterval: 10_000,
  });

export const outboxMessageQuery = (id: string) =>
  queryOptions({
    queryKey: ["mail", "message", id],
    queryFn: ({ signal }) =>
      apiGet<OutboxMessageDetail>(`/api/v1/mail/outbox/${encodeURIComponent(id)}`, signal),
  });

function useInvalidateMail() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ["mail"] });
}

export function useRetryMessage() {
  const invalidate = useInvalidateMail();
  return useMutation({
    mutationFn: (id: string) =>
      apiPost<OutboxMessage>(`/api/v1/mail/outbox/${encodeURIComponent(id)}/retry`, undefined),
    onSuccess: invalidate,
  });
}

export function useSendTestEmail() {
  const invalidate = useInvalidateMail();
  return useMutation({
    mutationFn: () => apiPost<{ id: string; to: string }>("/api/v1/mail/test-email", undefined),
    onSuccess: invalidate,
  });
}

export function useSendTestChat() {
  const invalidate = useInvalidateMail();
  return useMutation({
    mutationFn: () => apiPost<{ queued: boolean }>("/api/v1/mail/test-chat", undefined),
    onSuccess: invalidate,
  });
}

// ---- The public unsubscribe page ----

export type UnsubscribeView = { email: string; language: "ja" | "en"; sender: string; unsubscribed: boolean };

export const unsubscribeQuery = (token: string) =>
  queryOptions({
    queryKey: ["unsubscribe", token],
    queryFn: ({ signal }) =>
      apiRequest<UnsubscribeView>(`/api/unsubscribe/${encodeURIComponent(token)}`, {
        signal,
        withoutWorkspace: true,
      }),
    retry: false,
    meta: { silent: true },
  });

export const confirmUnsubscribe = (token: string) =>
  apiRequest<UnsubscribeView>(`/api/unsubscribe/${encodeURIComponent(token)}`, {
    method: "POST",
    withoutWorkspace: true,
  });
