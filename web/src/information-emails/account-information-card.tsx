// The account page's card: the information e-mail sequences the account receives and how far it has got.
import { Card, Group, Progress, Stack, Text, Title } from "@mantine/core";
import { IconMail } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters } from "../platform/format";
import { EnrolmentState } from "./enrolment-state";
import { accountEnrolmentsQuery } from "./information-emails-api";

export function AccountInformationEmailsCard({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const list = useQuery(accountEnrolmentsQuery(accountId));
  const items = list.data?.items;
  if (!items) return null;
  return (
    <Card withBorder radius="md" padding="lg" mt="md" data-testid="account-information-emails">
      <Group gap="xs" mb="xs">
        <IconMail size={18} stroke={1.6} />
        <Title order={2} size="h5">
          {t("informationEmails.account.title")}
        </Title>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("informationEmails.account.empty")}
        </Text>
      ) : (
        <Stack gap="sm">
          {items.map((e) => (
            <Group
              key={e.id}
              justify="space-between"
              wrap="wrap"
              gap="sm"
              data-testid="account-information-row"
            >
              <div style={{ minWidth: 0 }}>
                <AnchorLink
                  to="/information-emails/$sequenceId"
                  params={{ sequenceId: e.sequenceId }}
                  size="sm"
                  fw={600}
                >
                  {e.sequenceName}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  {t("informationEmails.enrolments.progressValue", {
                    sent: e.stepsSent,
                    total: e.stepsTotal,
                  })}
                  {e.nextStep
                    ? ` · ${t("informationEmails.account.next", { date: f.date(e.nextStep.dueAt) })}`
                    : ""}
                </Text>
              </div>
              <Group gap="sm" wrap="nowrap">
                <Progress w={120} size="sm" value={e.stepsTotal ? (100 * e.stepsSent) / e.stepsTotal : 0} />
                <EnrolmentState enrolment={e} />
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
