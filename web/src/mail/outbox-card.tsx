// The outbox: every outgoing e-mail and chat notification with its state, filters, and a detail drawer.
import {
  Alert,
  Badge,
  Button,
  Card,
  CloseButton,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconBrandSlack, IconInbox, IconMail, IconSearch } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import {
  type MailChannel,
  type MailStatus,
  mailCategories,
  mailStatuses,
  type OutboxFilters,
  outboxQuery,
} from "./mail-api";
import { MailStatusBadge } from "./mail-status-badge";
import { OutboxDrawer } from "./outbox-drawer";

export function OutboxCard({ canRetry }: { canRetry: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [status, setStatus] = useState<MailStatus | null>(null);
  const [channel, setChannel] = useState<MailChannel | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [account, setAccount] = useState<{ id: string; name: string } | null>(null);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [openId, setOpenId] = useState<string | null>(null);

  const filters: OutboxFilters = {
    status: status ?? undefined,
    channel: channel ?? undefined,
    category: category ?? undefined,
    accountId: account?.id,
    q: q || undefined,
  };
  const outbox = useInfiniteQuery(outboxQuery(filters));
  const first = outbox.data?.pages[0];
  const items = outbox.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(status || channel || category || account || q);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="mail-outbox">
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <div style={{ flex: "1 1 280px" }}>
          <Title order={2} size="h4">
            {t("mail.outbox.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("mail.outbox.description")}
          </Text>
        </div>
        {first && (
          <Group gap={6} data-testid="mail-outbox-counts">
            {mailStatuses
              .filter((s) => first.counts[s] > 0)
              .map((s) => (
                <MailStatusBadge key={s} status={s} count={first.counts[s]} />
              ))}
          </Group>
        )}
      </Group>
      {first && !first.smtp.configured && (first.counts.queued > 0 || first.counts.sending > 0) && (
        <Alert
          color="orange"
          variant="light"
          mb="md"
          icon={<IconInbox size={18} />}
          data-testid="mail-would-have-sent"
        >
          {t("mail.outbox.wouldHaveBeenSent")}
        </Alert>
      )}
      <Group gap="sm" mb="md" align="flex-end">
        <TextInput
          aria-label={t("mail.outbox.search")}
          placeholder={t("mail.outbox.search")}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: "1 1 220px" }}
          data-testid="mail-outbox-search"
        />
        <Select
          aria-label={t("mail.outbox.status")}
          placeholder={t("mail.outbox.allStatuses")}
          data={mailStatuses.map((s) => ({ value: s, label: t(`mail.statuses.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as MailStatus | null)}
          clearable
          w={160}
          data-testid="mail-outbox-status"
        />
        <Select
          aria-label={t("mail.outbox.channel")}
          placeholder={t("mail.outbox.allChannels")}
          data={(["email", "chat"] as const).map((c) => ({ value: c, label: t(`mail.channels.${c}`) }))}
          value={channel}
          onChange={(v) => setChannel(v as MailChannel | null)}
          clearable
          w={180}
          data-testid="mail-outbox-channel"
        />
        <Select
          aria-label={t("mail.outbox.category")}
          placeholder={t("mail.outbox.allCategories")}
          data={mailCategories.map((c) => ({ value: c, label: t(`mail.categories.${c}`) }))}
          value={category}
          onChange={setCategory}
          clearable
          w={200}
          data-testid="mail-outbox-category"
        />
      </Group>
      {account && (
        <Group gap={4} mb="sm">
          <Badge
            variant="light"
            tt="none"
            size="lg"
            rightSection={
              <CloseButton size="xs" onClick={() => setAccount(null)} aria-label={t("mail.outbox.account")} />
            }
            data-testid="mail-outbox-account-filter"
          >
            {t("mail.outbox.account")}: {account.name}
          </Badge>
        </Group>
      )}
      {!outbox.data ? (
        <Stack gap="xs">
          <Skeleton height={36} />
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : items.length === 0 ? (
        <Group gap="sm" py="lg" justify="center" wrap="nowrap" data-testid="mail-outbox-empty">
          <IconInbox size={28} stroke={1.5} color="var(--mantine-color-gray-5)" style={{ flexShrink: 0 }} />
          <Text size="sm" c="dimmed">
            {filtered ? t("mail.outbox.noMatch") : t("mail.outbox.empty")}
          </Text>
        </Group>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing={8} highlightOnHover data-testid="mail-outbox-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t("mail.outbox.status")}</Table.Th>
                <Table.Th w={150}>{t("mail.outbox.created")}</Table.Th>
                <Table.Th>{t("mail.outbox.to")}</Table.Th>
                <Table.Th>{t("mail.outbox.subject")}</Table.Th>
                <Table.Th w={90} ta="right">
                  {t("mail.outbox.attempts")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr
                  key={m.id}
                  onClick={() => setOpenId(m.id)}
                  style={{ cursor: "pointer" }}
                  data-testid="mail-outbox-row"
                  data-status={m.status}
                >
                  <Table.Td>
                    <MailStatusBadge status={m.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">{f.dateTime(m.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Group gap={6} wrap="nowrap">
                      {m.channel === "chat" ? (
                        <IconBrandSlack size={16} stroke={1.6} style={{ flexShrink: 0 }} />
                      ) : (
                        <IconMail size={16} stroke={1.6} style={{ flexShrink: 0 }} />
                      )}
                      <Text size="sm" truncate title={m.to}>
                        {m.to}
                      </Text>
                    </Group>
                    {m.accountName && m.accountId && (
                      <UnstyledButton
                        onClick={(e) => {
                          e.stopPropagation();
                          setAccount({ id: m.accountId!, name: m.accountName! });
                        }}
                      >
                        <Text size="xs" c="dimmed" truncate td="underline dotted">
                          {m.accountName}
                        </Text>
                      </UnstyledButton>
                    )}
                  </Table.Td>
                  <Table.Td maw={380}>
                    <Text size="sm" fw={500} truncate title={m.subject || m.to}>
                      {m.subject ||
                        (m.channel === "chat" ? t("mail.channels.chat") : t("mail.detail.noSubject"))}
                    </Text>
                    <Group gap={6} wrap="nowrap">
                      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap", flexShrink: 0 }}>
                        {t(`mail.categories.${m.category}`, { defaultValue: m.category })}
                      </Text>
                      {m.status === "failed" && m.lastError && (
                        <Text size="xs" c="red.7" truncate title={m.lastError}>
                          {m.lastError}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{m.attempts}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {outbox.hasNextPage && (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            onClick={() => void outbox.fetchNextPage()}
            loading={outbox.isFetchingNextPage}
            data-testid="mail-outbox-more"
          >
            {t("mail.outbox.more")}
          </Button>
        </Group>
      )}
      <OutboxDrawer id={openId} canRetry={canRetry} onClose={() => setOpenId(null)} />
    </Card>
  );
}
