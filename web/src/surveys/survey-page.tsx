// One survey: its results, sending it, and its sends.

import { Badge, Button, Group, Loader, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { IconArchive, IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { canEditAccounts, canManageWorkspace, useMe } from "../auth/me-query";
import { AnchorLink } from "../platform/anchor-link";
import { ButtonLink } from "../platform/button-link";
import { useFormatters } from "../platform/format";
import { useLocalizedText } from "../platform/localized";
import { notifyError } from "../platform/notify";
import { SurveyResultsView } from "./survey-results";
import { SurveySendPanel } from "./survey-send-panel";
import { type Survey, surveyQuery, surveySendsQuery, useArchiveSurvey } from "./surveys-api";
import { TriggerSummary } from "./trigger-summary";

const route = getRouteApi("/app/surveys/$surveyId");

const statusColors = { sent: "gray", opened: "blue", answered: "teal", closed: "dark" } as const;

export function SurveyPage() {
  const { surveyId } = route.useParams();
  const { t } = useTranslation();
  const me = useMe();
  const text = useLocalizedText();
  const survey = useQuery(surveyQuery(surveyId));
  const archive = useArchiveSurvey();
  const s = survey.data;
  if (!s) return <Loader />;
  return (
    <Stack gap="md" maw={1200} mx="auto">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <AnchorLink to="/surveys" size="sm">
            ← {t("surveys.title")}
          </AnchorLink>
          <Group gap="xs">
            <Title order={1} size="h2" data-testid="survey-title">
              {text(s.title)}
            </Title>
            <Badge variant="light" tt="none">
              {t(`surveys.kinds.${s.kind}`)}
            </Badge>
            {s.archivedAt && (
              <Badge color="gray" variant="light" tt="none">
                {t("surveys.archived")}
              </Badge>
            )}
          </Group>
          <Stack gap={2} mt={4}>
            {s.triggers.map((tr) => (
              <TriggerSummary key={tr.id} trigger={tr} />
            ))}
          </Stack>
        </div>
        {canManageWorkspace(me) && (
          <Group gap="xs">
            <ButtonLink
              to="/surveys/$surveyId/edit"
              params={{ surveyId: s.id }}
              variant="light"
              leftSection={<IconPencil size={16} />}
              data-testid="survey-edit"
            >
              {t("common.edit")}
            </ButtonLink>
            <Button
              variant="subtle"
              color="gray"
              leftSection={<IconArchive size={16} />}
              loading={archive.isPending}
              onClick={() => archive.mutate({ id: s.id, archived: !s.archivedAt }, { onError: notifyError })}
            >
              {s.archivedAt ? t("surveys.unarchive") : t("surveys.archive")}
            </Button>
          </Group>
        )}
      </Group>
      <Tabs defaultValue="results" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="results" data-testid="survey-tab-results">
            {t("surveys.tabs.results")}
          </Tabs.Tab>
          {canEditAccounts(me) && (
            <Tabs.Tab value="send" data-testid="survey-tab-send">
              {t("surveys.tabs.send")}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="sends" data-testid="survey-tab-sends">
            {t("surveys.tabs.sends", { count: s.sends })}
          </Tabs.Tab>
          <Tabs.Tab value="responses" data-testid="survey-tab-responses">
            {t("surveys.responses.title")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="results" pt="md">
          <SurveyResultsView survey={s} />
        </Tabs.Panel>
        <Tabs.Panel value="send" pt="md">
          <SurveySendPanel survey={s} />
        </Tabs.Panel>
        <Tabs.Panel value="sends" pt="md">
          <SendsTable survey={s} />
        </Tabs.Panel>
        <Tabs.Panel value="responses" pt="md">
          <ButtonLink to="/surveys/responses" search={{ surveyId: s.id }} variant="light">
            {t("surveys.responses.openFiltered")}
          </ButtonLink>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function SendsTable({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const sends = useQuery(surveySendsQuery(survey.id));
  if (!sends.data) return null;
  if (sends.data.items.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t("surveys.sends.empty")}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped fz="sm" data-testid="survey-sends">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("surveys.sends.contact")}</Table.Th>
            <Table.Th>{t("surveys.sends.account")}</Table.Th>
            <Table.Th>{t("surveys.sends.sentAt")}</Table.Th>
            <Table.Th>{t("surveys.sends.closesAt")}</Table.Th>
            <Table.Th>{t("surveys.sends.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sends.data.items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.contactName ?? s.contactEmail}</Table.Td>
              <Table.Td>
                <AnchorLink to="/accounts/$accountId" params={{ accountId: s.accountId }}>
                  {s.accountName}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{f.dateTime(s.sentAt)}</Table.Td>
              <Table.Td>{f.date(s.closesAt)}</Table.Td>
              <Table.Td>
                <Badge color={statusColors[s.status]} variant="light" tt="none">
                  {t(`surveys.sends.statuses.${s.status}`)}
                  {s.score !== null ? ` · ${s.score}` : ""}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
