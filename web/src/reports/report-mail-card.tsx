// Settings → Mail: who gets the monthly KPI report on the 1st, with a preview and a send-now.
import { Button, Card, Group, Skeleton, Stack, TagsInput, Text, Title } from "@mantine/core";
import { IconEye, IconReportAnalytics, IconSend } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { toZonedDay, useWorkspaceTimeZone } from "../platform/format";
import { notifyError, notifySuccess } from "../platform/notify";
import type { WorkspaceSettings } from "../platform/types";
import { settingsQuery, useSaveSettings } from "../settings/settings-api";
import { openReport, recentMonths, sendReportNow } from "./report-download";

type ReportSettings = { "report.recipients"?: string[]; "mail.language"?: "ja" | "en" };

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function MonthlyReportMailCard({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const settings = useQuery(settingsQuery);
  const save = useSaveSettings();
  const tz = useWorkspaceTimeZone();
  const data = settings.data as (WorkspaceSettings & ReportSettings) | undefined;
  const stored = data?.["report.recipients"] ?? [];
  const [recipients, setRecipients] = useState<string[]>(stored);
  const storedKey = stored.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the saved list changes
  useEffect(() => setRecipients(stored), [storedKey]);
  const invalid = recipients.find((r) => !EMAIL.test(r));
  const reportLang = data?.["mail.language"] ?? "ja";
  const today = toZonedDay(new Date().toISOString(), tz) ?? new Date().toISOString().slice(0, 10);
  const lastMonth = recentMonths(today, 2)[1]!;
  const monthName = (m: string) =>
    new Intl.DateTimeFormat(i18n.resolvedLanguage === "en" ? "en-US" : "ja-JP", {
      year: "numeric",
      month: "long",
      timeZone: "UTC",
    }).format(new Date(`${m}-01T00:00:00Z`));
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: () => sendReportNow(lastMonth),
    onSuccess: (r) => {
      notifySuccess(t("reports.mail.sent", { count: r.queued, month: monthName(r.month) }));
      // The outbox below lists the new e-mails.
      return queryClient.invalidateQueries({ queryKey: ["mail"] });
    },
  });
  return (
    <Card withBorder radius="md" padding="lg" data-testid="report-mail">
      <Group gap="xs" mb="xs">
        <IconReportAnalytics size={20} stroke={1.6} />
        <Title order={2} size="h4">
          {t("reports.mail.title")}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t("reports.mail.description")}
      </Text>
      {!data ? (
        <Skeleton height={64} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (invalid) return;
            save.mutate({ "report.recipients": recipients } as Partial<WorkspaceSettings>, {
              onSuccess: () => notifySuccess(t("reports.mail.saved")),
            });
          }}
        >
          <Stack gap="sm">
            <TagsInput
              label={t("reports.mail.recipients")}
              placeholder={editable ? t("reports.mail.recipientsPlaceholder") : undefined}
              description={t("reports.mail.recipientsHint")}
              value={recipients}
              onChange={(v) => setRecipients(v.map((s) => s.trim().toLowerCase()).filter(Boolean))}
              splitChars={[",", ";", " "]}
              error={invalid ? t("reports.mail.invalid", { address: invalid }) : undefined}
              readOnly={!editable}
              acceptValueOnBlur
              data-testid="report-recipients"
            />
            <Text size="xs" c="dimmed">
              {stored.length === 0
                ? t("reports.mail.off")
                : t("reports.mail.language", { language: t(`reports.languages.${reportLang}`) })}
            </Text>
            <Group gap="sm">
              {editable && (
                <Button
                  type="submit"
                  disabled={Boolean(invalid) || same(recipients, stored)}
                  loading={save.isPending}
                  data-testid="report-recipients-save"
                >
                  {t("reports.mail.save")}
                </Button>
              )}
              <Button
                variant="default"
                leftSection={<IconEye size={16} />}
                onClick={() => openReport(lastMonth, "html", reportLang).catch(notifyError)}
                data-testid="report-preview"
              >
                {t("reports.mail.preview")}
              </Button>
              {editable && (
                <Button
                  variant="light"
                  leftSection={<IconSend size={16} />}
                  disabled={stored.length === 0 || !same(recipients, stored)}
                  loading={send.isPending}
                  onClick={() => send.mutate()}
                  data-testid="report-send-now"
                >
                  {t("reports.mail.sendNow")}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
