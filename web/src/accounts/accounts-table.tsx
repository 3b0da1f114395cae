import { Center, Group, Skeleton, Table, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconChevronUp, IconSelector } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ActivationMark, UsageFrequencyBadge } from "../events/usage-badges";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters } from "../platform/format";
import type { Account } from "../platform/types";
import { SegmentBadge } from "../segmentation/segment-badge";
import { PhaseBadge, PlanBadge, TouchModelBadge } from "./account-badges";
import type { AccountsSearch, SortKey } from "./accounts-search";

type Props = {
  accounts: Account[] | undefined;
  loadingRows: number;
  search: AccountsSearch;
  onSort: (key: SortKey) => void;
};

function SortHeader({
  label,
  sortKey,
  search,
  onSort,
  numeric,
}: {
  label: string;
  sortKey: SortKey;
  search: AccountsSearch;
  onSort: (key: SortKey) => void;
  numeric?: boolean;
}) {
  const active = (search.sort ?? "name") === sortKey;
  const order = search.order ?? "asc";
  const Icon = !active ? IconSelector : order === "asc" ? IconChevronUp : IconChevronDown;
  return (
    <Table.Th
      aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}
      style={{ whiteSpace: "nowrap" }}
    >
      <UnstyledButton onClick={() => onSort(sortKey)} data-testid={`sort-${sortKey}`} w="100%">
        <Group gap={4} wrap="nowrap" justify={numeric ? "flex-end" : "flex-start"}>
          <Text fw={600} size="sm">
            {label}
          </Text>
          <Center>
            <Icon size={14} stroke={1.8} opacity={active ? 1 : 0.5} />
          </Center>
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export function AccountsTable({ accounts, loadingRows, search, onSort }: Props) {
  const { t } = useTranslation();
  const f = useFormatters();
  const sortable = (key: SortKey, label: string, numeric?: boolean) => (
    <SortHeader label={label} sortKey={key} search={search} onSort={onSort} numeric={numeric} />
  );
  const plain = (label: string, numeric?: boolean): ReactNode => (
    <Table.Th style={{ whiteSpace: "nowrap", textAlign: numeric ? "right" : undefined }}>{label}</Table.Th>
  );

  return (
    <Table.ScrollContainer minWidth={1200}>
      <Table data-testid="accounts-table" striped highlightOnHover verticalSpacing="sm" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            {sortable("name", t("account.name"))}
            {sortable("plan", t("account.plan"))}
            {sortable("industry", t("account.industry"))}
            {sortable("employees", t("account.employees"), true)}
            {plain(t("account.segment"))}
            {plain(t("account.touchModel"))}
            {plain(t("account.owner"))}
            {plain(t("account.lifecyclePhase"))}
            {plain(t("events.column"))}
            {sortable("contractStart", t("account.contractStart"))}
            {plain(t("account.contactCount"), true)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts === undefined
            ? Array.from({ length: loadingRows }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                <Table.Tr key={i} data-testid="accounts-skeleton">
                  {Array.from({ length: 11 }, (_, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
                    <Table.Td key={j}>
                      <Skeleton height={14} radius="sm" />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : accounts.map((a) => (
                <Table.Tr key={a.id} data-testid="accounts-row">
                  <Table.Td miw={200} maw={320}>
                    <AnchorLink
                      to="/accounts/$accountId"
                      params={{ accountId: a.id }}
                      fw={600}
                      size="sm"
                      lineClamp={2}
                      data-testid="accounts-row-link"
                    >
                      {a.name}
                    </AnchorLink>
                    <Text size="xs" ff="monospace" c="dimmed">
                      {a.externalId}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <PlanBadge plan={a.plan} />
                  </Table.Td>
                  <Table.Td maw={160}>
                    <Text size="sm" lineClamp={1} title={a.industry ?? undefined}>
                      {a.industry ?? "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{f.number(a.employees)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <SegmentBadge segment={a.segment} size="sm" />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <TouchModelBadge
                      model={a.touchModel}
                      overridden={a.touchModelSource === "override"}
                      size="sm"
                    />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text size="sm">{a.owner?.name ?? t("account.noOwner")}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <PhaseBadge phase={a.lifecyclePhase} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }} data-testid="accounts-row-usage">
                    <Group gap={6} wrap="nowrap">
                      <ActivationMark activatedAt={a.activatedAt} />
                      {a.usageFrequency ? (
                        <UsageFrequencyBadge frequency={a.usageFrequency} size="sm" />
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{f.date(a.contractStart)}</Table.Td>
                  <Table.Td ta="right">{f.number(a.contactCount)}</Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
