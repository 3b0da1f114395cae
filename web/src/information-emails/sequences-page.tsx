// Information e-mail sequences: who each is for, its steps, who is receiving it and how much was sent.
import { Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconMail, IconPlus, IconSparkles } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { AnchorLink } from "../platform/anchor-link";
import { ButtonLink } from "../platform/button-link";
import { currentLanguage } from "../platform/i18n";
import { notifySuccess } from "../platform/notify";
import { type SequenceSummary, sequencesQuery, useCreateStandardSequence } from "./information-emails-api";
import { TargetBadges } from "./target-badges";

export function InformationSequencesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const manager = canManageWorkspace(me);
  const list = useQuery(sequencesQuery);
  const items = list.data?.items;

  return (
    <Stack gap="md" maw={1200} mx="auto">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {t("informationEmails.title")}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t("informationEmails.subtitle")}
          </Text>
        </div>
        {manager && items && items.length > 0 && (
          <ButtonLink
            to="/information-emails/$sequenceId"
            params={{ sequenceId: "new" }}
            leftSection={<IconPlus size={16} />}
            data-testid="information-new"
          >
            {t("informationEmails.new")}
          </ButtonLink>
        )}
      </Group>
      {!items ? (
        <Skeleton height={200} radius="md" />
      ) : items.length === 0 ? (
        <StandardOffer manager={manager} />
      ) : (
        <SequencesTable items={items} />
      )}
    </Stack>
  );
}

function StandardOffer({ manager }: { manager: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateStandardSequence();
  return (
    <Card withBorder radius="md" padding="xl" data-testid="information-empty">
      <Group align="flex-start" wrap="nowrap" gap="lg">
        <IconMail size={40} stroke={1.3} color="var(--mantine-color-blue-6)" style={{ flexShrink: 0 }} />
        <Stack gap="sm">
          <Text fw={600}>{t("informationEmails.emptyTitle")}</Text>
          <Text size="sm" c="dimmed" maw={720}>
            {t("informationEmails.emptyText")}
          </Text>
          {manager ? (
            <Group gap="sm">
              <Button
                leftSection={<IconSparkles size={16} />}
                loading={create.isPending}
                data-testid="information-create-standard"
                onClick={() =>
                  create.mutate(currentLanguage(), {
                    onSuccess: (s) => {
                      notifySuccess(t("informationEmails.standardCreated"));
                      void navigate({ to: "/information-emails/$sequenceId", params: { sequenceId: s.id } });
                    },
                  })
                }
              >
                {t("informationEmails.createStandard")}
              </Button>
              <ButtonLink
                variant="default"
                to="/information-emails/$sequenceId"
                params={{ sequenceId: "new" }}
                leftSection={<IconPlus size={16} />}
              >
                {t("informationEmails.new")}
              </ButtonLink>
            </Group>
          ) : (
            <Text size="sm">{t("informationEmails.readOnly")}</Text>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

function SequencesTable({ items }: { items: SequenceSummary[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding={0}>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="information-sequences">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("informationEmails.columns.name")}</Table.Th>
              <Table.Th>{t("informationEmails.columns.target")}</Table.Th>
              <Table.Th ta="right">{t("informationEmails.columns.steps")}</Table.Th>
              <Table.Th ta="right">{t("informationEmails.columns.activeEnrolments")}</Table.Th>
              <Table.Th ta="right">{t("informationEmails.columns.sent")}</Table.Th>
              <Table.Th>{t("informationEmails.columns.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id} data-testid="information-sequence-row">
                <Table.Td>
                  <AnchorLink
                    to="/information-emails/$sequenceId"
                    params={{ sequenceId: s.id }}
                    fw={600}
                    size="sm"
                    data-testid="information-sequence-link"
                  >
                    {s.name}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <TargetBadges touchModels={s.touchModels} segments={s.segments} />
                </Table.Td>
                <Table.Td ta="right">{s.stepCount}</Table.Td>
                <Table.Td ta="right">{s.activeEnrolments}</Table.Td>
                <Table.Td ta="right">{s.sentCount}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={s.active ? "teal" : "gray"}>
                    {t(`informationEmails.status.${s.active ? "active" : "paused"}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
