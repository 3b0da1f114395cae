import { Card, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import type { AccountUsage } from "./events-types";

function Heading({ title, hint }: { title: string; hint: string }) {
  return (
    <div>
      <Title order={3} size="h5">
        {title}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {hint}
      </Text>
    </div>
  );
}

export function TopEventsCard({ items }: { items: AccountUsage["topEvents"] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Card withBorder radius="md" padding="md" h="100%" data-testid="usage-top-events">
      <Heading title={t("events.usage.topEvents")} hint={t("events.usage.topEventsHint")} />
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={6} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("events.usage.event")}</Table.Th>
              <Table.Th ta="right">{t("events.usage.count")}</Table.Th>
              <Table.Th>{t("events.usage.firstSeenAt")}</Table.Th>
              <Table.Th>{t("events.usage.lastSeenAt")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.event} data-testid="usage-top-event-row">
                <Table.Td fw={500} style={{ overflowWrap: "anywhere" }}>
                  {e.event}
                </Table.Td>
                <Table.Td ta="right">{f.number(e.count)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(e.firstSeenAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(e.lastSeenAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

export function ActiveUsersCard({ items }: { items: AccountUsage["users"] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Card withBorder radius="md" padding="md" h="100%" data-testid="usage-users">
      <Heading title={t("events.usage.usersTitle")} hint={t("events.usage.usersHint")} />
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" py="sm">
          {t("events.usage.noUsers")}
        </Text>
      ) : (
        <Table verticalSpacing={6} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("events.usage.userId")}</Table.Th>
              <Table.Th>{t("events.usage.lastActiveOn")}</Table.Th>
              <Table.Th ta="right">{t("events.usage.activeDays")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((u) => (
              <Table.Tr key={u.userId} data-testid="usage-user-row">
                <Table.Td>
                  <Text size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                    {u.userId}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(u.lastActiveOn)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                  {t("events.usage.activeDaysValue", { count: u.activeDays })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
