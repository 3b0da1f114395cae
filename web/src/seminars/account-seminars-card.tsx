// An account's seminar invitations (on its onboarding tab): which contact, which session, status, attendance.

import { Badge, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconPresentation } from "@tabler/icons-react";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../platform/anchor-link";
import { apiGet } from "../platform/api";
import { useWorkspaceTimeZone } from "../platform/format";
import { useLocalizedText } from "../platform/localized";
import type { Localized } from "../platform/types";
import { kindColors, sessionWhen } from "./seminar-labels";
import type { Invitation, SeminarKind } from "./seminars-api";

type AccountInvitation = Invitation & { seminarTitle: Localized; seminarKind: SeminarKind; startsAt: string };

const accountSeminarsQuery = (accountId: string) =>
  queryOptions({
    queryKey: ["seminars", "account", accountId],
    queryFn: ({ signal }) =>
      apiGet<{ items: AccountInvitation[] }>(`/api/v1/accounts/${accountId}/seminar-invitations`, signal),
  });

const statusColors = { invited: "gray", registered: "teal", declined: "orange" } as const;

export function AccountSeminarsCard({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const tz = useWorkspaceTimeZone();
  const text = useLocalizedText();
  const lang = i18n.resolvedLanguage ?? "ja";
  const query = useQuery(accountSeminarsQuery(accountId));
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="md" mt="md" data-testid="account-seminars">
      <Stack gap="sm">
        <Title order={2} size="h4">
          <IconPresentation size={20} style={{ verticalAlign: "text-bottom", marginRight: 6 }} />
          {t("seminars.title")}
        </Title>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <AnchorLink to="/seminars/$seminarId" params={{ seminarId: i.seminarId }} size="sm">
                        {text(i.seminarTitle)}
                      </AnchorLink>
                      <Badge size="xs" variant="light" tt="none" color={kindColors[i.seminarKind]}>
                        {t(`seminars.kinds.${i.seminarKind}`)}
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {sessionWhen(i.startsAt, 0, lang, tz).replace(/–.*$/, "")}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{i.contactName ?? i.contactEmail}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" tt="none" color={statusColors[i.status]}>
                      {t(`seminars.invitations.statuses.${i.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t(
                        `seminars.invitations.attendance.${i.attended === null ? "unknown" : i.attended ? "yes" : "no"}`,
                      )}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}
