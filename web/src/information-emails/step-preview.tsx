// One step as a chosen account's contact would read it, in Japanese or English (the unsaved text).
import {
  Alert,
  Card,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconInfoCircle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { accountsListQuery } from "../accounts/accounts-api";
import { currentLanguage } from "../platform/i18n";
import type { ContactRole } from "../platform/types";
import { type PreviewInput, previewQuery, type StepInput } from "./information-emails-api";

export function StepPreview({
  steps,
  index,
  onIndex,
  touchModels,
  contactRoles,
}: {
  steps: StepInput[];
  index: number;
  onIndex: (i: number) => void;
  touchModels: string[];
  contactRoles: ContactRole[];
}) {
  const { t } = useTranslation();
  const [lang, setLang] = useState<"ja" | "en">(currentLanguage());
  const [accountId, setAccountId] = useState<string | null>(null);
  const accounts = useQuery(
    accountsListQuery({ touchModel: touchModels.length === 1 ? touchModels[0] : undefined, pageSize: 100 }),
  );
  const options = (accounts.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  const chosen = accountId ?? options[0]?.value ?? null;

  const step = steps[index];
  const input: PreviewInput | null =
    step && chosen ? { accountId: chosen, contactRoles, subject: step.subject, body: step.body } : null;
  const [debounced] = useDebouncedValue(input, 400);
  const preview = useQuery(previewQuery(debounced));
  const shown = preview.data?.[lang];

  return (
    <Card withBorder radius="md" padding="lg" data-testid="information-preview">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t("informationEmails.preview.title")}
        </Title>
        <SegmentedControl
          size="xs"
          value={lang}
          onChange={(v) => setLang(v as "ja" | "en")}
          data={[
            { value: "ja", label: "日本語" },
            { value: "en", label: "English" },
          ]}
          data-testid="information-preview-lang"
        />
      </Group>
      <Group grow gap="sm" mb="sm">
        <Select
          label={t("informationEmails.preview.account")}
          placeholder={t("informationEmails.preview.accountPlaceholder")}
          data={options}
          value={chosen}
          onChange={setAccountId}
          searchable
          comboboxProps={{ withinPortal: true }}
          data-testid="information-preview-account"
        />
        <Select
          label={t("informationEmails.preview.step")}
          data={steps.map((s, i) => ({
            value: String(i),
            label: `${t("informationEmails.editor.step", { n: i + 1 })} · ${t("informationEmails.editor.dayLabel", { count: s.dayOffset })}`,
          }))}
          value={steps.length ? String(index) : null}
          onChange={(v) => v !== null && onIndex(Number(v))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {!input ? (
        <Text size="sm" c="dimmed">
          {t("informationEmails.preview.pick")}
        </Text>
      ) : !shown ? (
        <Skeleton height={240} radius="sm" />
      ) : (
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t("informationEmails.preview.to")}:{" "}
            {preview.data?.contactEmail
              ? `${preview.data.contactName ?? ""} <${preview.data.contactEmail}>`
              : t("informationEmails.preview.noContact")}
          </Text>
          <Paper withBorder radius="sm" p="md" bg="var(--mantine-color-gray-0)" lang={lang}>
            <Text size="xs" c="dimmed">
              {t("informationEmails.preview.subject")}
            </Text>
            <Text fw={600} mb="sm" data-testid="information-preview-subject">
              {shown.subject}
            </Text>
            <Text
              size="sm"
              style={{ whiteSpace: "pre-wrap", lineHeight: 1.7 }}
              data-testid="information-preview-text"
            >
              {shown.text}
            </Text>
          </Paper>
          {preview.data && !preview.data.hasPortalLink && (
            <Alert variant="light" color="gray" icon={<IconInfoCircle size={16} />} p="xs">
              <Text size="xs">{t("informationEmails.preview.noPortalLink")}</Text>
            </Alert>
          )}
        </Stack>
      )}
    </Card>
  );
}
