// Imports from CRM exports (CSV or .xlsx): read the file, map its columns, import.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiUpload } from "../platform/api";

export const importKinds = [
  "accounts",
  "contacts",
  "seminar-invitations",
  "survey-responses",
  "inquiries",
] as const;
export type ImportKind = (typeof importKinds)[number];

export const accountColumns = [
  "external_id",
  "name",
  "group_id",
  "industry",
  "employees",
  "annual_revenue",
  "plan",
  "contract_start",
  "contract_value",
  "owner_email",
  "touch_model",
  "lifecycle_phase",
  "churned_at",
  "churn_reason",
  "custom",
  "ignore",
];
export const contactColumns = ["account_external_id", "email", "name", "role", "literacy", "ignore"];
export const seminarInvitationColumns = [
  "account_external_id",
  "contact_email",
  "seminar",
  "session_at",
  "invited_at",
  "kind",
  "attended",
  "ignore",
];

export const surveyResponseColumns = [
  "account_external_id",
  "survey",
  "score",
  "answered_at",
  "contact_email",
  "comment",
  "ignore",
];

export const inquiryColumns = [
  "account_external_id",
  "opened_at",
  "external_id",
  "channel",
  "subject",
  "body",
  "first_response_at",
  "resolved_at",
  "ignore",
];

export type Mapping = Record<string, string>;
export type ImportPreview = {
  columns: string[];
  rows: Record<string, string>[];
  totalRows: number;
  suggestedMapping: Mapping;
  mappings: { id: string; name: string; mapping: Mapping }[];
};
export type ImportResult = {
  kind: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
};

export function usePreviewImport() {
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) => {
      const form = new FormData();
      form.append("file", file);
      return apiUpload<ImportPreview>(`/api/v1/imports/${kind}/preview`, form);
    },
  });
}

export function useRunImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      kind,
      file,
      mapping,
      saveMappingAs,
    }: {
      kind: ImportKind;
      file: File;
      mapping: Mapping;
      saveMappingAs?: string;
    }) => {
      const form = new FormData();
      form.append("file", file);
      form.append("mapping", JSON.stringify(mapping));
      if (saveMappingAs) form.append("saveMappingAs", saveMappingAs);
      return apiUpload<ImportResult>(`/api/v1/imports/${kind}`, form);
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["accounts"] }),
        queryClient.invalidateQueries({ queryKey: ["team"] }),
      ]),
  });
}
