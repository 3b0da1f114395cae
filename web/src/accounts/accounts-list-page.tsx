import {
  Box,
  Button,
  Center,
  Group,
  Pagination,
  Paper,
  Select,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconBuildingSkyscraper, IconFileImport, IconPlus, IconSearchOff } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canEditAccounts, useMe } from "../auth/me-query";
import { useFormatters } from "../platform/format";
import { AccountFormModal } from "./account-form-modal";
import { accountsListQuery } from "./accounts-api";
import { AccountsCards } from "./accounts-cards";
import {
  type AccountsSearch,
  DEFAULT_PAGE_SIZE,
  hasFilters,
  pageSizes,
  type SortKey,
} from "./accounts-search";
import { AccountsTable } from "./accounts-table";
import { AccountsToolbar } from "./accounts-toolbar";

const route = getRouteApi("/app/accounts");

export function AccountsListPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const [creating, setCreating] = useState(false);
  const list = useQuery(accountsListQuery(search));

  const pageSize = search.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = search.page ?? 1;
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  const update = (patch: Partial<AccountsSearch>, options?: { replace?: boolean }) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: options?.replace });

  const sortBy = (key: SortKey) => {
    const same = (search.sort ?? "name") === key;
    update({ sort: key, order: same && (search.order ?? "asc") === "asc" ? "desc" : "asc", page: undefined });
  };

  const items = list.isError && !list.data ? [] : list.data?.items;
  const empty = items !== undefined && items.length === 0;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <Stack gap="md" maw={1400} mx="auto">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t("accounts.title")}
          </Title>
          <Text c="dimmed" size="sm" data-testid="accounts-total">
            {list.data ? t("accounts.total", { count: total, formatted: f.number(total) }) : "\u00a0"}
          </Text>
        </div>
        {canEditAccounts(me) && (
          <Group gap="sm">
            <Button
              component={Link}
              to="/accounts/import"
              variant="default"
              leftSection={<IconFileImport size={16} />}
              data-testid="accounts-import"
            >
              {t("accounts.import")}
            </Button>
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="accounts-new"
            >
              {t("accounts.new")}
            </Button>
          </Group>
        )}
      </Group>

      <AccountsToolbar search={search} onChange={update} onClear={() => void navigate({ search: {} })} />

      <Paper
        withBorder
        radius="md"
        p={isPhone ? 0 : "xs"}
        bg={isPhone ? "transparent" : undefined}
        bd={isPhone ? "none" : undefined}
      >
        {empty ? (
          <AccountsEmpty
            filtered={hasFilters(search)}
            onClear={() => void navigate({ search: {} })}
            onCreate={canEditAccounts(me) ? () => setCreating(true) : undefined}
          />
        ) : (
          <Box style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: "opacity 120ms" }}>
            {isPhone ? (
              <AccountsCards accounts={items} loadingRows={pageSize} />
            ) : (
              <AccountsTable
                accounts={items}
                loadingRows={Math.min(pageSize, 12)}
                search={search}
                onSort={sortBy}
              />
            )}
          </Box>
        )}
      </Paper>

      {!empty && (
        <Group justify="space-between" gap="sm">
          <Group gap="sm">
            <Text size="sm" c="dimmed" data-testid="accounts-range">
              {list.data
                ? t("accounts.range", {
                    first: f.number(first),
                    last: f.number(last),
                    total: f.number(total),
                  })
                : "\u00a0"}
            </Text>
            <Select
              data-testid="accounts-page-size"
              aria-label={t("accounts.pageSize")}
              size="xs"
              w={130}
              allowDeselect={false}
              value={String(pageSize)}
              onChange={(value) => update({ pageSize: value ? Number(value) : undefined, page: undefined })}
              data={pageSizes.map((n) => ({ value: String(n), label: t("accounts.perPage", { count: n }) }))}
            />
          </Group>
          <Pagination
            data-testid="accounts-pagination"
            total={pages}
            value={Math.min(page, pages)}
            onChange={(p) => update({ page: p === 1 ? undefined : p })}
            size="sm"
            siblings={isPhone ? 0 : 1}
            boundaries={1}
            getControlProps={(control) => ({
              "aria-label": t(`accounts.pagination.${control}`),
            })}
          />
        </Group>
      )}

      <AccountFormModal opened={creating} onClose={() => setCreating(false)} account={null} />
    </Stack>
  );
}

function AccountsEmpty({
  filtered,
  onClear,
  onCreate,
}: {
  filtered: boolean;
  onClear: () => void;
  onCreate?: () => void;
}) {
  const { t } = useTranslation();
  const Icon = filtered ? IconSearchOff : IconBuildingSkyscraper;
  return (
    <Center py={64} px="md" data-testid="accounts-empty">
      <Stack align="center" gap="sm" maw={420}>
        <ThemeIcon size={64} radius="xl" variant="light" color="gray">
          <Icon size={34} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} size="h4" ta="center">
          {filtered ? t("accounts.noMatchTitle") : t("accounts.emptyTitle")}
        </Title>
        <Text c="dimmed" ta="center" size="sm">
          {filtered ? t("accounts.noMatchBody") : t("accounts.emptyBody")}
        </Text>
        {filtered ? (
          <Button variant="light" onClick={onClear}>
            {t("accounts.clearFilters")}
          </Button>
        ) : (
          onCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
              {t("accounts.new")}
            </Button>
          )
        )}
      </Stack>
    </Center>
  );
}
