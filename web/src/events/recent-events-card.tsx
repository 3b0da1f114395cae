import {
  Badge,
  Box,
  Card,
  Code,
  Group,
  SegmentedControl,
  Skeleton,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters } from "../platform/format";
import { recentEventsQuery } from "./events-api";
import type { ReceivedEvent, RejectedEvent } from "./events-types";

/** What arrived lately, refreshed every few seconds, and what was refused with the reason. */
export function RecentEventsCard() {
  const { t } = useTranslation();
  const recent = useQuery(recentEventsQuery);
  const [view, setView] = useState<"received" | "rejected">("received");
  const received = recent.data?.received;
  const rejected = recent.data?.rejected;

  return (
    <Card withBorder radius="md" padding="lg" data-testid="events-recent">
      <Group justify="space-between" align="flex-start" mb="md" gap="sm">
        <div style={{ flex: "1 1 320px" }}>
          <Group gap="xs">
            <Title order={2} size="h4">
              {t("events.recent.title")}
            </Title>
            <Badge
              variant="dot"
              color={recent.isError ? "gray" : "teal"}
              tt="none"
              styles={{ label: { overflow: "visible" } }}
            >
              {t("events.recent.live")}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t("events.recent.description")}
          </Text>
        </div>
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as "received" | "rejected")}
          data-testid="events-recent-view"
          data={[
            { value: "received", label: t("events.recent.received", { count: received?.length ?? 0 }) },
            { value: "rejected", label: t("events.recent.rejected", { count: rejected?.length ?? 0 }) },
          ]}
        />
      </Group>
      {!recent.data ? (
        <Skeleton height={160} />
      ) : view === "received" ? (
        <ReceivedTable items={recent.data.received} />
      ) : (
        <RejectedTable items={recent.data.rejected} />
      )}
    </Card>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <Group gap="sm" py="lg" justify="center" wrap="nowrap" data-testid="events-recent-empty">
      <IconInbox size={28} stroke={1.5} color="var(--mantine-color-gray-5)" style={{ flexShrink: 0 }} />
      <Text size="sm" c="dimmed" maw={520}>
        {text}
      </Text>
    </Group>
  );
}

function ReceivedTable({ items }: { items: ReceivedEvent[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  if (items.length === 0) return <Empty text={t("events.recent.empty")} />;
  return (
    <Table.ScrollContainer minWidth={860} mah={460}>
      <Table verticalSpacing={6} striped stickyHeader data-testid="events-received-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("events.recent.receivedAt")}</Table.Th>
            <Table.Th>{t("events.recent.type")}</Table.Th>
            <Table.Th>{t("events.recent.event")}</Table.Th>
            <Table.Th>{t("events.recent.user")}</Table.Th>
            <Table.Th>{t("events.recent.account")}</Table.Th>
            <Table.Th>{t("events.recent.timestamp")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.messageId} data-testid="events-received-row">
              <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(e.receivedAt)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color="gray" tt="none" size="sm">
                  {e.type}
                </Badge>
              </Table.Td>
              <Table.Td maw={240}>
                <Text size="sm" fw={500} lineClamp={1} title={e.event ?? undefined}>
                  {e.event ?? "—"}
                </Text>
              </Table.Td>
              <Table.Td maw={200}>
                <Text size="sm" ff="monospace" lineClamp={1} title={e.userId ?? e.anonymousId ?? undefined}>
                  {e.userId ?? (e.anonymousId ? t("events.recent.anonymous", { id: e.anonymousId }) : "—")}
                </Text>
              </Table.Td>
              <Table.Td maw={260}>
                <AccountCell event={e} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(e.timestamp)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AccountCell({ event: e }: { event: ReceivedEvent }) {
  const { t } = useTranslation();
  if (e.accountId) {
    return (
      <Box>
        <AnchorLink
          to="/accounts/$accountId"
          params={{ accountId: e.accountId }}
          search={{ tab: "usage" }}
          size="sm"
          fw={500}
          lineClamp={1}
          data-testid="events-account-link"
        >
          {e.accountName ?? e.groupId}
        </AnchorLink>
        {e.groupId && (
          <Text size="xs" c="dimmed" ff="monospace" lineClamp={1}>
            {e.groupId}
          </Text>
        )}
      </Box>
    );
  }
  if (!e.groupId) return <Text size="sm">{t("events.recent.noGroup")}</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" ff="monospace" lineClamp={1}>
        {e.groupId}
      </Text>
      <Tooltip label={t("events.recent.unmatchedTitle")}>
        <Badge size="xs" color="yellow" variant="light" tt="none" style={{ flexShrink: 0 }}>
          {t("events.recent.unmatched")}
        </Badge>
      </Tooltip>
    </Group>
  );
}

function RejectedTable({ items }: { items: RejectedEvent[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  if (items.length === 0) return <Empty text={t("events.recent.noRejected")} />;
  return (
    <Table.ScrollContainer minWidth={760} mah={460}>
      <Table verticalSpacing={6} striped stickyHeader data-testid="events-rejected-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("events.recent.receivedAt")}</Table.Th>
            <Table.Th>{t("events.recent.type")}</Table.Th>
            <Table.Th>{t("events.recent.reason")}</Table.Th>
            <Table.Th>{t("events.recent.messageId")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e, i) => (
            <Table.Tr key={`${e.receivedAt}-${e.messageId ?? i}`} data-testid="events-rejected-row">
              <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(e.receivedAt)}</Table.Td>
              <Table.Td>
                {e.type ? (
                  <Badge variant="light" color="gray" tt="none" size="sm">
                    {e.type}
                  </Badge>
                ) : (
                  "—"
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="red.8">
                  {e.reason}
                </Text>
              </Table.Td>
              <Table.Td maw={220}>
                {e.messageId ? <Code style={{ overflowWrap: "anywhere" }}>{e.messageId}</Code> : "—"}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
