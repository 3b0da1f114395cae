// The surveys: each with its kind, sends, responses and triggers; new survey; the responses screen.

import { Badge, Card, Group, SimpleGrid, Stack, Switch, Text, Title } from "@mantine/core";
import { IconMessageCircle, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { AnchorLink } from "../platform/anchor-link";
import { ButtonLink } from "../platform/button-link";
import { useFormatters } from "../platform/format";
import { useLocalizedText } from "../platform/localized";
import { type Survey, surveysQuery } from "./surveys-api";
import { TriggerSummary } from "./trigger-summary";

export function SurveysPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [archived, setArchived] = useState(false);
  const list = useQuery(surveysQuery(archived));
  return (
    <Stack gap="md" maw={1200} mx="auto">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {t("surveys.title")}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t("surveys.subtitle")}
          </Text>
        </div>
        <Group gap="sm">
          <ButtonLink
            to="/surveys/responses"
            variant="light"
            leftSection={<IconMessageCircle size={16} />}
            data-testid="surveys-responses-link"
          >
            {t("surveys.responses.title")}
          </ButtonLink>
          {canManageWorkspace(me) && (
            <ButtonLink to="/surveys/new" leftSection={<IconPlus size={16} />} data-testid="surveys-new">
              {t("surveys.new")}
            </ButtonLink>
          )}
        </Group>
      </Group>
      <Switch
        label={t("surveys.showArchived")}
        checked={archived}
        onChange={(e) => setArchived(e.currentTarget.checked)}
        data-testid="surveys-show-archived"
      />
      {list.data && list.data.items.length === 0 ? (
        <Card withBorder radius="md" padding="xl" data-testid="surveys-empty">
          <Text fw={600}>{t("surveys.empty")}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {t("surveys.emptyHint")}
          </Text>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {list.data?.items.map((s) => (
            <SurveyCard key={s.id} survey={s} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function SurveyCard({ survey: s }: { survey: Survey }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const text = useLocalizedText();
  return (
    <Card withBorder radius="md" padding="md" data-testid="survey-card">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <AnchorLink
            to="/surveys/$surveyId"
            params={{ surveyId: s.id }}
            fw={600}
            data-testid="survey-card-title"
          >
            {text(s.title)}
          </AnchorLink>
          <Group gap={4} wrap="nowrap">
            {s.archivedAt && (
              <Badge color="gray" variant="light" tt="none">
                {t("surveys.archived")}
              </Badge>
            )}
            <Badge
              variant="light"
              tt="none"
              color={s.kind === "nps" ? "indigo" : s.kind === "csat" ? "teal" : "grape"}
            >
              {t(`surveys.kinds.${s.kind}`)}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t("surveys.counts", { sends: s.sends, responses: s.responses })} ·{" "}
          {t("surveys.createdOn", { date: f.date(s.createdAt) })}
        </Text>
        {s.triggers.length > 0 ? (
          s.triggers.map((tr) => <TriggerSummary key={tr.id} trigger={tr} />)
        ) : (
          <Text size="xs" c="dimmed">
            {t("surveys.triggers.none")}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
