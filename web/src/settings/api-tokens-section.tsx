import { Badge, Button, Card, Group, Modal, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconKey, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import { notifySuccess } from "../platform/notify";
import type { ApiToken } from "../platform/types";
import { CreateTokenModal } from "./create-token-modal";
import { tokensQuery, useRevokeToken } from "./settings-api";

export function ApiTokensSection() {
  const { t } = useTranslation();
  const f = useFormatters();
  const tokens = useQuery(tokensQuery);
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const items = tokens.data?.items;

  return (
    <Card withBorder radius="md" padding="lg" data-testid="settings-tokens">
      <Group justify="space-between" align="flex-start" mb="md" gap="sm">
        <div style={{ flex: 1, minWidth: 220 }}>
          <Title order={2} size="h4">
            {t("settings.tokens.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("settings.tokens.description")}
          </Text>
        </div>
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setCreating(true)}
          data-testid="token-create"
        >
          {t("settings.tokens.create")}
        </Button>
      </Group>

      {items === undefined ? (
        <Skeleton height={80} />
      ) : items.length === 0 ? (
        <Stack align="center" gap={6} py="lg">
          <IconKey size={32} stroke={1.5} color="var(--mantine-color-gray-5)" />
          <Text size="sm" c="dimmed">
            {t("settings.tokens.empty")}
          </Text>
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table data-testid="tokens-table" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("settings.tokens.name")}</Table.Th>
                <Table.Th>{t("settings.tokens.prefix")}</Table.Th>
                <Table.Th>{t("settings.tokens.role")}</Table.Th>
                <Table.Th>{t("settings.tokens.createdAt")}</Table.Th>
                <Table.Th>{t("settings.tokens.lastUsedAt")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((token) => (
                <Table.Tr key={token.id} data-testid="tokens-row" opacity={token.revokedAt ? 0.6 : 1}>
                  <Table.Td fw={500}>{token.name}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {token.prefix}…
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`roles.${token.role}`, { defaultValue: token.role })}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{f.dateTime(token.createdAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {token.lastUsedAt ? f.dateTime(token.lastUsedAt) : t("settings.tokens.neverUsed")}
                  </Table.Td>
                  <Table.Td ta="right">
                    {token.revokedAt ? (
                      <Badge color="gray" variant="light" tt="none">
                        {t("settings.tokens.revokedOn", { date: f.date(token.revokedAt) })}
                      </Badge>
                    ) : (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => setRevoking(token)}
                        data-testid="token-revoke"
                      >
                        {t("settings.tokens.revoke")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <CreateTokenModal opened={creating} onClose={() => setCreating(false)} />

      <Modal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t("settings.tokens.revokeTitle")}
        centered
      >
        <Stack>
          <Text size="sm">{t("settings.tokens.revokeBody", { name: revoking?.name ?? "" })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t("common.cancel")}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              data-testid="token-revoke-confirm"
              onClick={() =>
                revoking &&
                revoke.mutate(revoking.id, {
                  onSuccess: () => {
                    notifySuccess(t("settings.tokens.revoked"));
                    setRevoking(null);
                  },
                })
              }
            >
              {t("settings.tokens.revoke")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
