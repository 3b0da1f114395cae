// The seminars: each with its kind, next sessions, invitations and participation; new seminar.

import { Badge, Button, Card, Group, SimpleGrid, Stack, Switch, Text, Title, Tooltip } from "@mantine/core";
import { IconCalendarEvent, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters, useWorkspaceTimeZone } from "../platform/format";
import { useLocalizedText } from "../platform/localized";
import { SeminarFormModal } from "./seminar-form-modal";
import { kindColors, percent, sessionWhen } from "./seminar-labels";
import { type Seminar, seminarsQuery } from "./seminars-api";

export function SeminarsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [archived, setArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useQuery(seminarsQuery(archived));
  return (
    <Stack gap="md" maw={1200} mx="auto" data-testid="seminars-page">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {t("seminars.title")}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t("seminars.subtitle")}
          </Text>
        </div>
        {canManageWorkspace(me) && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setCreating(true)}
            data-testid="seminars-new"
          >
            {t("seminars.new")}
          </Button>
        )}
      </Group>
      <Switch
        label={t("seminars.showArchived")}
        checked={archived}
        onChange={(e) => setArchived(e.currentTarget.checked)}
        data-testid="seminars-show-archived"
      />
      {list.data && list.data.items.length === 0 ? (
        <Card withBorder radius="md" padding="xl" data-testid="seminars-empty">
          <Text fw={600}>{t("seminars.empty")}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {t("seminars.emptyHint")}
          </Text>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {list.data?.items.map((s) => (
            <SeminarCard key={s.id} seminar={s} />
          ))}
        </SimpleGrid>
      )}
      {creating && <SeminarFormModal seminar={null} onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function SeminarCard({ seminar: s }: { seminar: Seminar }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const f = useFormatters();
  const tz = useWorkspaceTimeZone();
  const text = useLocalizedText();
  const rate = percent(s.participation, lang);
  return (
    <Card withBorder radius="md" padding="md" data-testid="seminar-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <AnchorLink
            to="/seminars/$seminarId"
            params={{ seminarId: s.id }}
            fw={600}
            data-testid="seminar-card-title"
          >
            {text(s.title)}
          </AnchorLink>
          <Group gap={4} wrap="nowrap">
            {s.archivedAt && (
              <Badge color="gray" variant="light" tt="none">
                {t("seminars.archived")}
              </Badge>
            )}
            <Badge variant="light" tt="none" color={kindColors[s.kind]}>
              {t(`seminars.kinds.${s.kind}`)}
            </Badge>
          </Group>
        </Group>
        <Group gap="lg" wrap="wrap" align="flex-end">
          <div>
            <Text size="xs" c="dimmed">
              {t("seminars.participation")}
            </Text>
            <Tooltip label={t("seminars.participationHint")} multiline w={280}>
              <Text fw={700} size="xl" data-testid="seminar-participation">
                {rate ?? "—"}
              </Text>
            </Tooltip>
            {s.participation.denominator > 0 && (
              <Text size="xs" c="dimmed">
                {s.participation.numerator}/{s.participation.denominator}
                {lang === "en" ? " accounts" : " 社"}
              </Text>
            )}
          </div>
          <Text size="sm" c="dimmed" data-testid="seminar-counts">
            {t("seminars.counts", s.counts)}
          </Text>
        </Group>
        <div>
          <Text size="xs" c="dimmed" fw={600}>
            {t("seminars.nextSessions")}
          </Text>
          {s.nextSessions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("seminars.noUpcoming")}
            </Text>
          ) : (
            s.nextSessions.map((n) => (
              <Group key={n.id} gap={6} wrap="nowrap">
                <IconCalendarEvent size={14} color="var(--mantine-color-dimmed)" />
                <Text size="sm">{sessionWhen(n.startsAt, n.durationMinutes, lang, tz)}</Text>
                <Text size="xs" c="dimmed">
                  {t("seminars.counts", n.counts)}
                </Text>
              </Group>
            ))
          )}
        </div>
        <Text size="xs" c="dimmed">
          {s.autoInviteTouchModels.length > 0
            ? `${t("seminars.autoInviteOn", {
                models: s.autoInviteTouchModels
                  .map((m) => t(`touchModels.${m}`))
                  .join(lang === "en" ? ", " : "・"),
              })} (${t("seminars.autoInviteSince", { date: f.date(s.autoInviteSince) })})`
            : t("seminars.autoInviteOff")}
        </Text>
      </Stack>
    </Card>
  );
}
