import { Button, Card, Group, Skeleton, Table, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AccountFormModal } from "../accounts/account-form-modal";
import { useFormatters } from "../platform/format";
import { unmatchedGroupsQuery } from "./events-api";
import type { UnmatchedGroup } from "./events-types";

/** Group ids that events name but no account has, each with a way to create that account. */
export function UnmatchedGroupsCard({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const groups = useQuery(unmatchedGroupsQuery);
  const [creating, setCreating] = useState<UnmatchedGroup | null>(null);
  const items = groups.data?.items;

  return (
    <Card withBorder radius="md" padding="lg" data-testid="events-unmatched">
      <Title order={2} size="h4">
        {t("events.unmatched.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("events.unmatched.description")}
      </Text>
      {items === undefined ? (
        <Skeleton height={96} />
      ) : items.length === 0 ? (
        <Group gap="xs" justify="center" py="md" data-testid="events-unmatched-empty">
          <IconCircleCheck size={20} color="var(--mantine-color-teal-6)" />
          <Text size="sm" c="dimmed">
            {t("events.unmatched.empty")}
          </Text>
        </Group>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" data-testid="events-unmatched-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("events.unmatched.groupId")}</Table.Th>
                <Table.Th>{t("events.unmatched.name")}</Table.Th>
                <Table.Th ta="right">{t("events.unmatched.events")}</Table.Th>
                <Table.Th>{t("events.unmatched.firstSeenAt")}</Table.Th>
                <Table.Th>{t("events.unmatched.lastSeenAt")}</Table.Th>
                {canCreate && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((g) => (
                <Table.Tr key={g.groupId} data-testid="events-unmatched-row" data-group={g.groupId}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                      {g.groupId}
                    </Text>
                  </Table.Td>
                  <Table.Td>{g.name ?? "—"}</Table.Td>
                  <Table.Td ta="right">{f.number(g.events)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(g.firstSeenAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(g.lastSeenAt)}</Table.Td>
                  {canCreate && (
                    <Table.Td ta="right">
                      <Button
                        size="compact-sm"
                        variant="light"
                        leftSection={<IconPlus size={14} />}
                        onClick={() => setCreating(g)}
                        data-testid="events-unmatched-create"
                        style={{ whiteSpace: "nowrap" }}
                      >
                        {t("events.unmatched.create")}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AccountFormModal
        opened={creating !== null}
        onClose={() => setCreating(null)}
        account={null}
        prefill={
          creating
            ? { externalId: creating.groupId, groupId: creating.groupId, name: creating.name ?? "" }
            : undefined
        }
      />
    </Card>
  );
}
