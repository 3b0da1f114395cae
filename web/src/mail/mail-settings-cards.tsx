// Settings → Mail: how e-mail is sent (SMTP, from address, default language) and the chat webhook.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconBrandSlack, IconMailCheck, IconMailOff, IconSend } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../platform/notify";
import type { WorkspaceSettings } from "../platform/types";
import { settingsQuery, useSaveSettings } from "../settings/settings-api";
import { type SmtpStatus, useSendTestChat, useSendTestEmail } from "./mail-api";

/** The settings this capability adds (the shared WorkspaceSettings type does not list them). */
export type MailSettings = WorkspaceSettings & {
  "notifications.chatWebhookUrl"?: string;
  "mail.language"?: "ja" | "en";
};

const isWebUrl = (v: string) => {
  try {
    const url = new URL(v);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
};

export function SmtpCard({ smtp, editable }: { smtp: SmtpStatus | undefined; editable: boolean }) {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);
  const save = useSaveSettings();
  const testEmail = useSendTestEmail();
  const language = (settings.data as MailSettings | undefined)?.["mail.language"] ?? "ja";
  return (
    <Card withBorder radius="md" padding="lg" h="100%" data-testid="mail-smtp">
      <Group justify="space-between" align="flex-start" gap="sm" mb="xs">
        <Title order={2} size="h4">
          {t("mail.smtp.title")}
        </Title>
        {smtp && (
          <Badge
            color={smtp.configured ? "teal" : "orange"}
            variant="light"
            leftSection={smtp.configured ? <IconMailCheck size={14} /> : <IconMailOff size={14} />}
            tt="none"
            data-testid="mail-smtp-status"
          >
            {smtp.configured ? t("mail.smtp.configured") : t("mail.smtp.notConfigured")}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t("mail.smtp.description")}
      </Text>
      {!smtp ? (
        <Skeleton height={80} />
      ) : (
        <Stack gap="md">
          {!smtp.configured && (
            <Alert color="orange" variant="light" data-testid="mail-smtp-missing">
              {t("mail.smtp.notConfiguredBody")}
            </Alert>
          )}
          <Table variant="vertical" layout="fixed" withTableBorder={false}>
            <Table.Tbody>
              {smtp.configured && (
                <Table.Tr>
                  <Table.Th w={140}>{t("mail.smtp.server")}</Table.Th>
                  <Table.Td ff="monospace" data-testid="mail-smtp-host">
                    {smtp.host ?? "—"}
                    {smtp.secure ? ` · ${t("mail.smtp.secure")}` : ""}
                  </Table.Td>
                </Table.Tr>
              )}
              <Table.Tr>
                <Table.Th w={140}>{t("mail.smtp.from")}</Table.Th>
                <Table.Td style={{ wordBreak: "break-all" }} data-testid="mail-smtp-from">
                  {smtp.from}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <div>
            <Text size="sm" fw={500}>
              {t("mail.smtp.language")}
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              {t("mail.smtp.languageHint")}
            </Text>
            <SegmentedControl
              value={language}
              disabled={!editable || !settings.data || save.isPending}
              onChange={(v) =>
                save.mutate({ "mail.language": v as "ja" | "en" } as Partial<WorkspaceSettings>, {
                  onSuccess: () => notifySuccess(t("settings.saved")),
                })
              }
              data={[
                { value: "ja", label: "日本語" },
                { value: "en", label: "English" },
              ]}
              data-testid="mail-language"
            />
          </div>
          {editable && (
            <Group>
              <Button
                variant="light"
                leftSection={<IconSend size={16} />}
                loading={testEmail.isPending}
                onClick={() =>
                  testEmail.mutate(undefined, {
                    onSuccess: (r) => notifySuccess(t("mail.smtp.testEmailQueued", { to: r.to })),
                  })
                }
                data-testid="mail-test-email"
              >
                {t("mail.smtp.testEmail")}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Card>
  );
}

export function ChatWebhookCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);
  const save = useSaveSettings();
  const testChat = useSendTestChat();
  const stored = (settings.data as MailSettings | undefined)?.["notifications.chatWebhookUrl"] ?? "";
  const [url, setUrl] = useState(stored);
  useEffect(() => setUrl(stored), [stored]);
  const trimmed = url.trim();
  const invalid = trimmed !== "" && !isWebUrl(trimmed);
  return (
    <Card withBorder radius="md" padding="lg" h="100%" data-testid="mail-chat">
      <Group gap="xs" mb="xs">
        <IconBrandSlack size={20} stroke={1.6} />
        <Title order={2} size="h4">
          {t("mail.chat.title")}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t("mail.chat.description")}
      </Text>
      {!settings.data ? (
        <Skeleton height={64} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (invalid) return;
            save.mutate({ "notifications.chatWebhookUrl": trimmed } as Partial<WorkspaceSettings>, {
              onSuccess: () => notifySuccess(t("mail.chat.saved")),
            });
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t("mail.chat.url")}
              placeholder={t("mail.chat.urlPlaceholder")}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={invalid ? t("mail.chat.invalidUrl") : undefined}
              readOnly={!editable}
              autoComplete="off"
              spellCheck={false}
              data-testid="mail-chat-url"
            />
            {!stored && (
              <Text size="xs" c="dimmed" data-testid="mail-chat-off">
                {t("mail.chat.notSet")}
              </Text>
            )}
            {editable && (
              <Group gap="sm">
                <Button
                  type="submit"
                  disabled={invalid || trimmed === stored}
                  loading={save.isPending}
                  data-testid="mail-chat-save"
                >
                  {t("mail.chat.save")}
                </Button>
                <Button
                  variant="light"
                  leftSection={<IconSend size={16} />}
                  disabled={!stored || trimmed !== stored}
                  loading={testChat.isPending}
                  onClick={() =>
                    testChat.mutate(undefined, { onSuccess: () => notifySuccess(t("mail.chat.testQueued")) })
                  }
                  data-testid="mail-chat-test"
                >
                  {t("mail.chat.test")}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      )}
    </Card>
  );
}
