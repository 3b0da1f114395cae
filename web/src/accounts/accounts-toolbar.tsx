import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, TextInput, Tooltip } from "@mantine/core";
import { IconFilterOff, IconSearch, IconSortAscending, IconSortDescending } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { usageFrequencies } from "../events/events-types";
import { lifecyclePhases, touchModels } from "../platform/types";
import { useSegmentOptions } from "../segmentation/segment-labels";
import { useAccountFacets } from "./accounts-api";
import { type AccountsSearch, hasFilters, type SortKey, sortKeys } from "./accounts-search";
import { useDebouncedSearch } from "./use-debounced-search";

type Props = {
  search: AccountsSearch;
  onChange: (patch: Partial<AccountsSearch>, options?: { replace?: boolean }) => void;
  onClear: () => void;
};

export function AccountsToolbar({ search, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const facets = useAccountFacets();
  const [text, setText] = useDebouncedSearch(search.q ?? "", (q) =>
    onChange({ q: q || undefined, page: undefined }, { replace: true }),
  );

  const phases = facets.data?.lifecyclePhases?.length ? facets.data.lifecyclePhases : lifecyclePhases;
  const segments = useSegmentOptions();
  const filter = (
    key: "plan" | "industry" | "lifecyclePhase" | "ownerId" | "segment" | "touchModel" | "usageFrequency",
  ) => ({
    value: search[key] ?? null,
    onChange: (value: string | null) => onChange({ [key]: value ?? undefined, page: undefined }),
    clearable: true,
    searchable: true,
    comboboxProps: { withinPortal: true },
  });
  const order = search.order ?? "asc";

  return (
    <Stack gap="sm">
      <Group gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          data-testid="accounts-search"
          aria-label={t("accounts.searchLabel")}
          placeholder={t("accounts.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: "1 1 260px" }}
          type="search"
        />
        <Group gap="sm" wrap="nowrap" style={{ flex: "0 1 auto" }}>
          <Select
            data-testid="accounts-sort"
            aria-label={t("accounts.sortBy")}
            w={{ base: 180, sm: 200 }}
            value={search.sort ?? "name"}
            allowDeselect={false}
            onChange={(value) => onChange({ sort: (value as SortKey | null) ?? undefined, page: undefined })}
            data={sortKeys.map((k) => ({ value: k, label: t(`accounts.sort.${k}`) }))}
          />
          <Tooltip label={t(order === "asc" ? "accounts.ascending" : "accounts.descending")}>
            <ActionIcon
              variant="default"
              size={36}
              data-testid="accounts-order"
              aria-label={t(order === "asc" ? "accounts.ascending" : "accounts.descending")}
              onClick={() => onChange({ order: order === "asc" ? "desc" : "asc", page: undefined })}
            >
              {order === "asc" ? <IconSortAscending size={18} /> : <IconSortDescending size={18} />}
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
        <Select
          data-testid="filter-segment"
          placeholder={t("accounts.filters.segment")}
          aria-label={t("accounts.filters.segment")}
          data={segments}
          {...filter("segment")}
        />
        <Select
          data-testid="filter-touch-model"
          placeholder={t("accounts.filters.touchModel")}
          aria-label={t("accounts.filters.touchModel")}
          data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
          {...filter("touchModel")}
        />
        <Select
          data-testid="filter-plan"
          placeholder={t("accounts.filters.plan")}
          aria-label={t("accounts.filters.plan")}
          data={(facets.data?.plans ?? []).map((p) => ({
            value: p,
            label: t(`plans.${p.toLowerCase()}`, { defaultValue: p }),
          }))}
          {...filter("plan")}
        />
        <Select
          data-testid="filter-industry"
          placeholder={t("accounts.filters.industry")}
          aria-label={t("accounts.filters.industry")}
          data={facets.data?.industries ?? []}
          {...filter("industry")}
        />
        <Select
          data-testid="filter-phase"
          placeholder={t("accounts.filters.lifecyclePhase")}
          aria-label={t("accounts.filters.lifecyclePhase")}
          data={phases.map((p) => ({ value: p, label: t(`phases.${p}`, { defaultValue: p }) }))}
          {...filter("lifecyclePhase")}
        />
        <Select
          data-testid="filter-owner"
          placeholder={t("accounts.filters.owner")}
          aria-label={t("accounts.filters.owner")}
          data={(facets.data?.owners ?? []).map((o) => ({ value: o.id, label: o.name || o.email }))}
          {...filter("ownerId")}
        />
        <Select
          data-testid="filter-activated"
          placeholder={t("events.filters.activated")}
          aria-label={t("events.filters.activated")}
          data={[
            { value: "true", label: t("events.filters.activatedYes") },
            { value: "false", label: t("events.filters.activatedNo") },
          ]}
          value={search.activated === undefined ? null : String(search.activated)}
          onChange={(value) =>
            onChange({ activated: value === null ? undefined : value === "true", page: undefined })
          }
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          data-testid="filter-usage-frequency"
          placeholder={t("events.filters.usageFrequency")}
          aria-label={t("events.filters.usageFrequency")}
          data={usageFrequencies.map((u) => ({ value: u, label: t(`usageFrequencies.${u}`) }))}
          {...filter("usageFrequency")}
        />
      </SimpleGrid>
      {hasFilters(search) && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconFilterOff size={14} />}
            onClick={onClear}
            data-testid="accounts-clear-filters"
          >
            {t("accounts.clearFilters")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
