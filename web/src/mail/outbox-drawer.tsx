// One message of the outbox: as it is (or would be) sent, its attempts and the last error.
import {
  Alert,
  Box,
  Button,
  Code,
  Drawer,
  Group,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import { notifySuccess } from "../platform/notify";
import { outboxMessageQuery, useRetryMessage } from "./mail-api";
import { MailStatusBadge } from "./mail-status-badge";

export function OutboxDrawer({
  id,
  canRetry,
  onClose,
}: {
  id: string | null;
  canRetry: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={<Text fw={600}>{t("mail.detail.title")}</Text>}
      data-testid="mail-drawer"
    >
      {id && <MessageDetail id={id} canRetry={canRetry} />}
    </Drawer>
  );
}

function MessageDetail({ id, canRetry }: { id: string; canRetry: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const message = useQuery(outboxMessageQuery(id));
  const retry = useRetryMessage();
  const m = message.data;
  if (!m)
    return (
      <Stack>
        <Skeleton height={28} />
        <Skeleton height={120} />
        <Skeleton height={240} />
      </Stack>
    );
  const rows: [string, React.ReactNode][] = [
    [t("mail.detail.to"), m.to],
    [t("mail.outbox.category"), t(`mail.categories.${m.category}`, { defaultValue: m.category })],
    [t("mail.detail.purpose"), t(`mail.purposes.${m.purpose}`)],
    [t("mail.detail.language"), m.locale === "en" ? "English" : "日本語"],
    ...(m.accountName ? [[t("mail.outbox.account"), m.accountName] as [string, React.ReactNode]] : []),
    [t("mail.detail.created"), f.dateTime(m.createdAt)],
    ...(m.sentAt ? [[t("mail.detail.sent"), f.dateTime(m.sentAt)] as [string, React.ReactNode]] : []),
    ...(m.status === "queued" && m.attempts > 0
      ? [[t("mail.detail.nextAttempt"), f.dateTime(m.nextAttemptAt)] as [string, React.ReactNode]]
      : []),
    [t("mail.detail.attempts"), String(m.attempts)],
  ];
  return (
    <Stack gap="md" data-testid="mail-detail">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={3} size="h4" style={{ wordBreak: "break-word" }}>
          {m.subject || (m.channel === "chat" ? t("mail.channels.chat") : t("mail.detail.noSubject"))}
        </Title>
        <MailStatusBadge status={m.status} />
      </Group>
      <Table variant="vertical" layout="fixed">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={150}>{label}</Table.Th>
              <Table.Td style={{ wordBreak: "break-all" }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {m.lastError && (
        <Alert
          color={m.status === "failed" ? "red" : m.status === "suppressed" ? "gray" : "orange"}
          icon={<IconAlertTriangle size={18} />}
          title={t("mail.detail.lastError")}
          data-testid="mail-detail-error"
        >
          <Text size="sm" style={{ wordBreak: "break-word" }}>
            {m.lastError}
          </Text>
        </Alert>
      )}
      {canRetry && m.status === "failed" && (
        <Group>
          <Button
            leftSection={<IconRefresh size={16} />}
            loading={retry.isPending}
            onClick={() => retry.mutate(m.id, { onSuccess: () => notifySuccess(t("mail.detail.retried")) })}
            data-testid="mail-retry"
          >
            {t("mail.detail.retry")}
          </Button>
        </Group>
      )}
      <Tabs defaultValue={m.html ? "preview" : "text"} keepMounted={false}>
        <Tabs.List>
          {m.html && <Tabs.Tab value="preview">{t("mail.detail.preview")}</Tabs.Tab>}
          <Tabs.Tab value="text">{t("mail.detail.text")}</Tabs.Tab>
          {Object.keys(m.headers).length > 0 && (
            <Tabs.Tab value="headers">{t("mail.detail.headers")}</Tabs.Tab>
          )}
        </Tabs.List>
        {m.html && (
          <Tabs.Panel value="preview" pt="sm">
            {/* The mail's own HTML, isolated: no scripts, no access to the app. */}
            <Box
              component="iframe"
              title={t("mail.detail.preview")}
              sandbox=""
              srcDoc={m.html}
              w="100%"
              h={520}
              style={{ border: "1px solid var(--mantine-color-gray-3)", borderRadius: 8 }}
              data-testid="mail-preview"
            />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="text" pt="sm">
          <Code block style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }} data-testid="mail-text">
            {m.text}
          </Code>
        </Tabs.Panel>
        <Tabs.Panel value="headers" pt="sm">
          <Code block style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
            {Object.entries(m.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join("\n")}
          </Code>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
