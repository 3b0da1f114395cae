// The account page's onboarding tab: start one, the current plan, earlier onboardings and portal links.
import { Button, Card, Group, Select, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { IconPlayerPlay, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TouchModelBadge } from "../accounts/account-badges";
import { useFormatters } from "../platform/format";
import { notifySuccess } from "../platform/notify";
import type { AccountWithContacts } from "../platform/types";
import { useSegmentLabel } from "../segmentation/segment-labels";
import {
  accountOnboardingsQuery,
  type OnboardingSummary,
  type TemplateSummary,
  templatesQuery,
  useStartOnboarding,
} from "./onboarding-api";
import { ProgressCell, StatusBadge, useToday } from "./onboarding-labels";
import { PlanView } from "./plan-view";
import { PortalLinksCard } from "./portal-links-card";

const running = (o: OnboardingSummary) => o.status !== "completed" && o.status !== "churned";

export function AccountOnboardingSection({
  accountId,
  account,
  editable,
}: {
  accountId: string;
  account: AccountWithContacts | undefined;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const list = useQuery(accountOnboardingsQuery(accountId));
  const [selected, setSelected] = useState<string | null>(null);
  const [startingAgain, setStartingAgain] = useState(false);

  if (!list.data) return <Skeleton height={360} radius="md" />;
  const items = list.data.items;
  const current = items.find(running) ?? items[0] ?? null;
  const shown = items.find((o) => o.id === selected) ?? current;
  const canStart = editable && !items.some(running);

  return (
    <Stack gap="md" data-testid="onboarding-section">
      {!current && <StartOnboardingCard accountId={accountId} account={account} editable={editable} first />}
      {current &&
        canStart &&
        (startingAgain ? (
          <StartOnboardingCard
            accountId={accountId}
            account={account}
            editable={editable}
            onStarted={() => {
              setStartingAgain(false);
              setSelected(null);
            }}
          />
        ) : (
          <Group justify="flex-end">
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => setStartingAgain(true)}
              data-testid="onboarding-start-again"
            >
              {t("onboarding.start.again")}
            </Button>
          </Group>
        ))}
      {shown && (
        <PlanView
          key={shown.id}
          onboardingId={shown.id}
          accountId={accountId}
          contacts={account?.contacts ?? []}
          editable={editable}
          sidebarExtra={<PortalLinksCard accountId={accountId} editable={editable} />}
        />
      )}
      {!shown && <PortalLinksCard accountId={accountId} editable={editable} />}
      {items.length > 1 && (
        <OnboardingHistory items={items} shownId={shown?.id ?? null} onShow={(id) => setSelected(id)} />
      )}
    </Stack>
  );
}

/** The template for an account: its touch model and segment, else its touch model alone. */
export function defaultTemplate(
  templates: TemplateSummary[],
  account: AccountWithContacts | undefined,
): TemplateSummary | null {
  if (!account?.touchModel) return null;
  const same = templates.filter((tpl) => tpl.touchModel === account.touchModel);
  return (
    same.find((tpl) => tpl.segment && tpl.segment === account.segment) ??
    same.find((tpl) => !tpl.segment) ??
    same[0] ??
    null
  );
}

function StartOnboardingCard({
  accountId,
  account,
  editable,
  first,
  onStarted,
}: {
  accountId: string;
  account: AccountWithContacts | undefined;
  editable: boolean;
  first?: boolean;
  onStarted?: () => void;
}) {
  const { t } = useTranslation();
  const segmentLabel = useSegmentLabel();
  const templates = useQuery(templatesQuery);
  const start = useStartOnboarding(accountId);
  const today = useToday();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [startedAt, setStartedAt] = useState<string | null>(today);
  const items = templates.data?.items ?? [];
  const fallback = defaultTemplate(items, account);
  const chosen = templateId ?? fallback?.id ?? null;

  const submit = () =>
    start.mutate(
      { ...(chosen ? { templateId: chosen } : {}), ...(startedAt ? { startedAt } : {}) },
      {
        onSuccess: () => {
          notifySuccess(t("onboarding.start.started"));
          onStarted?.();
        },
      },
    );

  return (
    <Card withBorder radius="md" padding="lg" data-testid="onboarding-start">
      <Title order={2} size="h4">
        {first ? t("onboarding.start.title") : t("onboarding.start.againTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {editable ? t("onboarding.start.hint") : t("onboarding.start.none")}
      </Text>
      {editable && (
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t("onboarding.start.template")}
            description={
              account?.touchModel
                ? t("onboarding.start.templateHint", { model: t(`touchModels.${account.touchModel}`) })
                : undefined
            }
            data={items.map((tpl) => ({
              value: tpl.id,
              label: `${tpl.name} (${t(`touchModels.${tpl.touchModel}`)}${tpl.segment ? ` · ${segmentLabel(tpl.segment)}` : ""})`,
            }))}
            value={chosen}
            onChange={setTemplateId}
            allowDeselect={false}
            w={{ base: "100%", sm: 420 }}
            data-testid="onboarding-start-template"
            comboboxProps={{ withinPortal: true }}
          />
          <DateInput
            label={t("onboarding.start.startedAt")}
            valueFormat="YYYY/MM/DD"
            value={startedAt}
            onChange={setStartedAt}
            w={{ base: "100%", sm: 180 }}
            data-testid="onboarding-start-date"
          />
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            onClick={submit}
            loading={start.isPending}
            disabled={!chosen}
            data-testid="onboarding-start-submit"
          >
            {t("onboarding.start.submit")}
          </Button>
        </Group>
      )}
      {editable && account?.touchModel && (
        <Group gap={6} mt="sm">
          <Text size="xs" c="dimmed">
            {t("onboarding.start.accountModel")}
          </Text>
          <TouchModelBadge model={account.touchModel} size="xs" />
        </Group>
      )}
    </Card>
  );
}

function OnboardingHistory({
  items,
  shownId,
  onShow,
}: {
  items: OnboardingSummary[];
  shownId: string | null;
  onShow: (id: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="onboarding-history">
      <Title order={3} size="h5" mb="sm">
        {t("onboarding.history.title")}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("onboarding.overview.started")}</Table.Th>
              <Table.Th>{t("onboarding.targetDate")}</Table.Th>
              <Table.Th>{t("onboarding.history.completed")}</Table.Th>
              <Table.Th>{t("onboarding.overview.status")}</Table.Th>
              <Table.Th w={200}>{t("onboarding.progress")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((o) => (
              <Table.Tr
                key={o.id}
                data-testid="onboarding-history-row"
                bg={o.id === shownId ? "blue.0" : undefined}
              >
                <Table.Td>{f.date(o.startedAt)}</Table.Td>
                <Table.Td>{f.date(o.targetDate)}</Table.Td>
                <Table.Td>{f.date(o.completedAt)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={o.status} size="sm" />
                </Table.Td>
                <Table.Td>
                  <ProgressCell progress={o.progress} status={o.status} />
                </Table.Td>
                <Table.Td ta="right">
                  {o.id !== shownId && (
                    <Button size="compact-xs" variant="subtle" onClick={() => onShow(o.id)}>
                      {t("onboarding.history.show")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
