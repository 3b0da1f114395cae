import { MultiSelect } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiGet, toQueryString } from "../platform/api";
import type { Account, Page } from "../platform/types";

type Picked = { id: string; name: string };

/** Picks other accounts of the workspace, searched on the server by name or external id. */
export function SimilarAccountsSelect({
  value,
  onChange,
  excludeId,
  disabled,
}: {
  value: Picked[];
  onChange: (value: Picked[]) => void;
  excludeId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ["accounts", "pick", q],
    queryFn: ({ signal }) =>
      apiGet<Page<Account>>(`/api/v1/accounts${toQueryString({ q, pageSize: 20, sort: "name" })}`, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const known = new Map(value.map((p) => [p.id, p.name]));
  for (const a of found.data?.items ?? []) if (a.id !== excludeId) known.set(a.id, a.name);

  return (
    <MultiSelect
      label={t("handoff.similarAccounts")}
      description={t("handoff.similarAccountsHint")}
      placeholder={value.length ? undefined : t("handoff.similarAccountsPlaceholder")}
      data-testid="handoff-similar"
      searchable
      clearable
      disabled={disabled}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t("handoff.noAccountsFound")}
      maxValues={20}
      data={[...known].map(([id, name]) => ({ value: id, label: name }))}
      value={value.map((p) => p.id)}
      onChange={(ids) => onChange(ids.map((id) => ({ id, name: known.get(id) ?? id })))}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
