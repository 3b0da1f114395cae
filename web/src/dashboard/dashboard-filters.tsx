// The filters bar: restrict every KPI, the trend, funnel, breakdown and cohorts to some accounts.
import { Button, Card, Group, MultiSelect, SimpleGrid, Text } from "@mantine/core";
import { IconFilter, IconFilterOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useAccountFacets } from "../accounts/accounts-api";
import { touchModels } from "../platform/types";
import { useSegmentOptions } from "../segmentation/segment-labels";
import { type FilterKey, filterKeys, type KpiFilters, NONE } from "./kpi-types";

type Props = {
  filters: KpiFilters;
  onChange: (key: FilterKey, values: string[]) => void;
  onClear: () => void;
};

type Option = { value: string; label: string };

/** Keeps a value the URL names even when the options do not list it (yet), so it can be removed. */
const withSelected = (options: Option[], selected: string[] | undefined): Option[] => [
  ...options,
  ...(selected ?? []).filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v })),
];

export function DashboardFilters({ filters, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const facets = useAccountFacets();
  const segments = useSegmentOptions();
  const none = { value: NONE, label: t("dashboard.filters.none") };
  const options: Record<FilterKey, Option[]> = {
    segment: [...segments, none],
    touchModel: [...touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) })), none],
    owner: [
      ...(facets.data?.owners ?? []).map((o) => ({ value: o.email, label: o.name || o.email })),
      { value: NONE, label: t("dashboard.filters.noOwner") },
    ],
    plan: [
      ...(facets.data?.plans ?? []).map((p) => ({ value: p, label: t(`plans.${p}`, { defaultValue: p }) })),
      none,
    ],
  };
  const active = filterKeys.filter((k) => filters[k]?.length).length;

  return (
    <Card withBorder radius="md" padding="sm" data-testid="dashboard-filters">
      <Group justify="space-between" gap="xs" mb={6} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <IconFilter size={16} stroke={1.8} color="var(--mantine-color-dimmed)" />
          <Text size="sm" fw={600}>
            {t("dashboard.filters.title")}
          </Text>
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {active > 0 ? t("dashboard.filters.applied") : t("dashboard.filters.hint")}
          </Text>
        </Group>
        {active > 0 && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconFilterOff size={14} />}
            onClick={onClear}
            data-testid="dashboard-filters-clear"
          >
            {t("dashboard.filters.clear")}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="sm" verticalSpacing="xs">
        {filterKeys.map((key) => (
          <MultiSelect
            key={key}
            label={t(`dashboard.filters.${key}`)}
            placeholder={filters[key]?.length ? undefined : t("dashboard.filters.all")}
            data={withSelected(options[key], filters[key])}
            value={filters[key] ?? []}
            onChange={(values) => onChange(key, values)}
            searchable
            clearable
            hidePickedOptions
            nothingFoundMessage={t("dashboard.filters.nothingFound")}
            size="sm"
            comboboxProps={{ withinPortal: true }}
            data-testid={`dashboard-filter-${key}`}
          />
        ))}
      </SimpleGrid>
    </Card>
  );
}
