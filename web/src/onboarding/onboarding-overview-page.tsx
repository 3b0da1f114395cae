// All running onboardings: who is on track, who is at risk or overdue and why, with filters and counts.
import {
  Box,
  Button,
  Card,
  Center,
  Group,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { IconFilterOff, IconListCheck, IconSearch, IconTemplate } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TouchModelBadge } from "../accounts/account-badges";
import { useOwnerOptions } from "../accounts/accounts-api";
import { useDebouncedSearch } from "../accounts/use-debounced-search";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters } from "../platform/format";
import { touchModels } from "../platform/types";
import {
  type OnboardingStatus,
  type OnboardingSummary,
  type OverviewFilters,
  onboardingStatuses,
  overviewQuery,
} from "./onboarding-api";
import { ProgressCell, StatusWithReasons, statusColors, useLocalize, useToday } from "./onboarding-labels";

const PAGE_SIZE = 25;
const nowrap = { whiteSpace: "nowrap" } as const;
const statusFilters = ["running", ...onboardingStatuses, "all"] as const;

export function OnboardingOverviewPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const [filters, setFilters] = useState<OverviewFilters>({});
  const list = useQuery(overviewQuery({ ...filters, pageSize: PAGE_SIZE }));
  const owners = useOwnerOptions();
  const update = (patch: Partial<OverviewFilters>) =>
    setFilters((prev) => ({ ...prev, ...patch, page: undefined }));
  const [text, setText] = useDebouncedSearch(filters.q ?? "", (q) => update({ q: q || undefined }));

  const total = list.data?.total ?? 0;
  const page = filters.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const counts = list.data?.counts;
  const status = filters.status ?? "running";
  const filtered = Boolean(filters.q || filters.ownerId || filters.touchModel || filters.status);

  return (
    <Stack gap="md" maw={1400} mx="auto">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t("onboarding.overview.title")}
          </Title>
          <Text c="dimmed" size="sm">
            {t("onboarding.overview.subtitle")}
          </Text>
        </div>
        <Button
          component={Link}
          to="/onboarding/templates"
          variant="default"
          leftSection={<IconTemplate size={16} />}
          data-testid="onboarding-templates-link"
        >
          {t("onboarding.templates.title")}
        </Button>
      </Group>

      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
        {onboardingStatuses.map((s) => (
          <UnstyledButton
            key={s}
            onClick={() => update({ status: status === s ? undefined : s })}
            data-testid={`onboarding-count-${s}`}
            aria-pressed={status === s}
          >
            <Card
              withBorder
              radius="md"
              padding="sm"
              style={{
                borderColor: status === s ? `var(--mantine-color-${statusColors[s]}-6)` : undefined,
                borderLeft: `4px solid var(--mantine-color-${statusColors[s]}-6)`,
              }}
            >
              <Text size="xs" c="dimmed" fw={600}>
                {t(`onboarding.status.${s}`)}
              </Text>
              <Text size="xl" fw={700} data-testid="onboarding-count-value">
                {counts ? f.number(counts[s] ?? 0) : "…"}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          data-testid="onboarding-search"
          aria-label={t("onboarding.overview.search")}
          placeholder={t("onboarding.overview.search")}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: "1 1 240px" }}
          type="search"
        />
        <Select
          data-testid="onboarding-filter-status"
          aria-label={t("onboarding.overview.statusFilter")}
          w={{ base: "100%", xs: 180 }}
          allowDeselect={false}
          value={status}
          onChange={(v) => update({ status: !v || v === "running" ? undefined : v })}
          data={statusFilters.map((s) => ({ value: s, label: t(`onboarding.statusFilter.${s}`) }))}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          data-testid="onboarding-filter-owner"
          aria-label={t("onboarding.overview.owner")}
          placeholder={t("onboarding.overview.owner")}
          w={{ base: "100%", xs: 200 }}
          data={owners}
          value={filters.ownerId ?? null}
          onChange={(v) => update({ ownerId: v ?? undefined })}
          clearable
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          data-testid="onboarding-filter-touch-model"
          aria-label={t("onboarding.overview.touchModel")}
          placeholder={t("onboarding.overview.touchModel")}
          w={{ base: "100%", xs: 200 }}
          data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
          value={filters.touchModel ?? null}
          onChange={(v) => update({ touchModel: v ?? undefined })}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        {filtered && (
          <Button
            variant="subtle"
            leftSection={<IconFilterOff size={14} />}
            onClick={() => setFilters({})}
            data-testid="onboarding-clear-filters"
          >
            {t("onboarding.overview.clear")}
          </Button>
        )}
      </Group>

      <Paper withBorder radius="md" p="xs">
        {list.data && list.data.items.length === 0 ? (
          <Center py={56} data-testid="onboarding-empty">
            <Stack align="center" gap="xs" maw={420}>
              <ThemeIcon size={56} radius="xl" variant="light" color="gray">
                <IconListCheck size={30} />
              </ThemeIcon>
              <Title order={2} size="h4">
                {t(filtered ? "onboarding.overview.noMatch" : "onboarding.overview.empty")}
              </Title>
              <Text size="sm" c="dimmed" ta="center">
                {t("onboarding.overview.emptyHint")}
              </Text>
            </Stack>
          </Center>
        ) : (
          <Box style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: "opacity 120ms" }}>
            <OverviewTable items={list.data?.items} />
          </Box>
        )}
      </Paper>

      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="onboarding-total">
          {list.data ? t("onboarding.overview.total", { count: total, formatted: f.number(total) }) : " "}
        </Text>
        <Pagination
          data-testid="onboarding-pagination"
          total={pages}
          value={Math.min(page, pages)}
          onChange={(p) => setFilters((prev) => ({ ...prev, page: p === 1 ? undefined : p }))}
          size="sm"
        />
      </Group>
    </Stack>
  );
}

function OverviewTable({ items }: { items: OnboardingSummary[] | undefined }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const localize = useLocalize();
  const today = useToday();
  return (
    <Table.ScrollContainer minWidth={1120}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="onboarding-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("onboarding.overview.account")}</Table.Th>
            <Table.Th style={nowrap}>{t("onboarding.overview.touchModel")}</Table.Th>
            <Table.Th style={nowrap}>{t("onboarding.overview.owner")}</Table.Th>
            <Table.Th style={nowrap}>{t("onboarding.targetDate")}</Table.Th>
            <Table.Th w={190}>{t("onboarding.progress")}</Table.Th>
            <Table.Th w={250}>{t("onboarding.overview.status")}</Table.Th>
            <Table.Th miw={200}>{t("onboarding.overview.nextTask")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items === undefined
            ? Array.from({ length: 8 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                <Table.Tr key={i}>
                  <Table.Td colSpan={7}>
                    <Skeleton height={18} />
                  </Table.Td>
                </Table.Tr>
              ))
            : items.map((o) => (
                <Table.Tr key={o.id} data-testid="onboarding-row" data-status={o.status}>
                  <Table.Td miw={180} maw={280}>
                    <AnchorLink
                      to="/accounts/$accountId"
                      params={{ accountId: o.accountId }}
                      search={{ tab: "onboarding" }}
                      fw={600}
                      size="sm"
                      lineClamp={2}
                      data-testid="onboarding-row-link"
                    >
                      {o.accountName}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <TouchModelBadge model={o.touchModel} size="sm" />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">{o.ownerName ?? t("account.noOwner")}</Text>
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    <Text
                      size="sm"
                      c={o.targetDate && o.targetDate < today && !o.completedAt ? "red.7" : undefined}
                    >
                      {f.date(o.targetDate)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t("onboarding.overview.startedOn", { date: f.date(o.startedAt) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ProgressCell
                      progress={o.progress}
                      status={o.status}
                      done={o.tasksDone}
                      total={o.tasksTotal}
                    />
                  </Table.Td>
                  <Table.Td maw={260}>
                    <StatusWithReasons
                      status={o.status as OnboardingStatus}
                      reasons={o.statusReasons}
                      compact
                    />
                  </Table.Td>
                  <Table.Td miw={200} maw={280}>
                    {o.nextTask ? (
                      <>
                        <Text size="sm" lineClamp={2} title={localize(o.nextTask.title)}>
                          {localize(o.nextTask.title)}
                        </Text>
                        <Text size="xs" c={o.nextTask.dueOn < today ? "red.7" : "dimmed"}>
                          {t("onboarding.dueOn", { date: f.date(o.nextTask.dueOn) })}
                        </Text>
                      </>
                    ) : o.tasksTotal > 0 && o.tasksDone === o.tasksTotal && !o.completedAt ? (
                      <>
                        <Text size="sm">{t("onboarding.overview.allTasksDone")}</Text>
                        <Text size="xs" c="dimmed">
                          {t("onboarding.overview.allTasksDoneHint")}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
