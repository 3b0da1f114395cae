// The onboardings enrolled in a sequence, with each account's progress through the steps.
import { Card, Progress, Skeleton, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters } from "../platform/format";
import { EnrolmentState, NextStep } from "./enrolment-state";
import { sequenceEnrolmentsQuery } from "./information-emails-api";

export function EnrolmentsCard({ sequenceId }: { sequenceId: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const list = useQuery(sequenceEnrolmentsQuery(sequenceId));
  const items = list.data?.items;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="information-enrolments">
      <Title order={2} size="h4">
        {t("informationEmails.enrolments.title")}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t("informationEmails.enrolments.hint")}
      </Text>
      {!items ? (
        <Skeleton height={120} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("informationEmails.enrolments.empty")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("informationEmails.enrolments.account")}</Table.Th>
                <Table.Th>{t("informationEmails.enrolments.started")}</Table.Th>
                <Table.Th w={160}>{t("informationEmails.enrolments.progress")}</Table.Th>
                <Table.Th>{t("informationEmails.enrolments.next")}</Table.Th>
                <Table.Th>{t("informationEmails.enrolments.state")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id} data-testid="information-enrolment-row">
                  <Table.Td>
                    <AnchorLink
                      to="/accounts/$accountId"
                      params={{ accountId: e.accountId }}
                      size="sm"
                      fw={500}
                    >
                      {e.accountName}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{f.date(e.startedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" mb={2}>
                      {t("informationEmails.enrolments.progressValue", {
                        sent: e.stepsSent,
                        total: e.stepsTotal,
                      })}
                    </Text>
                    <Progress size="sm" value={e.stepsTotal ? (100 * e.stepsSent) / e.stepsTotal : 0} />
                  </Table.Td>
                  <Table.Td>
                    <NextStep enrolment={e} />
                  </Table.Td>
                  <Table.Td>
                    <EnrolmentState enrolment={e} />
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
