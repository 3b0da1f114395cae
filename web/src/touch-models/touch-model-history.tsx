import { Badge, Card, Group, Skeleton, Table, Text, Title } from "@mantine/core";
import { IconArrowRight } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { TouchModelBadge } from "../accounts/account-badges";
import { useFormatters } from "../platform/format";
import { touchModelHistoryQuery } from "./touch-models-api";

const sourceColors: Record<string, string> = {
  rule: "gray",
  override: "orange",
  signal: "red",
  import: "blue",
};

/** Every change of the account's touch model: when, from what to what, why, and by whom. */
export function TouchModelHistory({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const history = useQuery(touchModelHistoryQuery(accountId));
  return (
    <Card withBorder radius="md" padding="lg" data-testid="touch-model-history">
      <Title order={3} size="h5" mb="md">
        {t("classification.history")}
      </Title>
      {!history.data ? (
        <Skeleton height={80} />
      ) : history.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("classification.noHistory")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={920}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>{t("classification.changedAt")}</Table.Th>
                <Table.Th w={220}>{t("classification.change")}</Table.Th>
                <Table.Th w={110}>{t("classification.source")}</Table.Th>
                <Table.Th>{t("classification.reason")}</Table.Th>
                <Table.Th w={140}>{t("classification.actor")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.items.map((h) => (
                <Table.Tr key={h.id} data-testid="touch-model-history-row">
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(h.changedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {h.fromModel ? (
                        <TouchModelBadge model={h.fromModel} size="sm" />
                      ) : (
                        <Text size="sm">—</Text>
                      )}
                      <IconArrowRight size={14} />
                      <TouchModelBadge model={h.toModel} size="sm" />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={sourceColors[h.source] ?? "gray"} tt="none">
                      {t(`classification.sources.${h.source}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text
                      size="sm"
                      style={{ overflowWrap: "anywhere" }}
                      data-testid="touch-model-history-reason"
                    >
                      {h.reason}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{h.actor?.name ?? t("classification.systemActor")}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
