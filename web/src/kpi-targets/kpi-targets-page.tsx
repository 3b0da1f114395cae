// The Targets screen: each KPI's target, band, start and review date, a proposal from the recent
// baseline, targets per segment / touch model, the history, and the KPI definitions' review.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Popover,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import {
  IconArrowLeft,
  IconBulb,
  IconChevronDown,
  IconChevronRight,
  IconPencil,
  IconTrash,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { kpiDefinitionsQuery } from "../dashboard/dashboard-api";
import { type KpiFormat, makeKpiFormat } from "../dashboard/kpi-format";
import type { KpiDefinition } from "../dashboard/kpi-types";
import { ButtonLink } from "../platform/button-link";
import { useFormatters } from "../platform/format";
import { notifyError, notifySuccess } from "../platform/notify";
import { pickLabel, useSegmentLabel } from "../segmentation/segment-labels";
import { DefinitionReviewCard } from "./definition-review-card";
import {
  type KpiTarget,
  kpiTargetsQuery,
  type TargetProposal,
  type TargetScope,
  targetProposalsQuery,
  useDeleteTarget,
  useMarkTargetReviewed,
} from "./kpi-targets-api";
import { type TargetDraft, TargetEditModal } from "./target-edit-modal";
import { addMonths, formatMonth, monthStart } from "./target-units";

export function KpiTargetsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const me = useMe();
  const manager = canManageWorkspace(me);
  const format = useMemo(() => makeKpiFormat(lang), [lang]);
  const definitions = useQuery(kpiDefinitionsQuery);
  const targets = useQuery(kpiTargetsQuery);
  const today = targets.data?.today;
  const thisMonth = today ? monthStart(today) : null;
  const proposals = useQuery({
    ...targetProposalsQuery({ from: thisMonth ?? "", to: thisMonth ? addMonths(thisMonth, 1) : "" }),
    enabled: Boolean(thisMonth),
  });
  const [editing, setEditing] = useState<{ def: KpiDefinition; draft: TargetDraft } | null>(null);

  const proposalHint = (def: KpiDefinition) => {
    const p = proposals.data?.proposals.find((x) => x.kpiId === def.id);
    return p?.proposal != null && p.baseline != null
      ? t("kpiTargets.form.proposalHint", {
          proposal: format.value(def, p.proposal),
          baseline: format.value(def, p.baseline),
        })
      : null;
  };

  return (
    <Stack gap="md" maw={1200} mx="auto" data-testid="kpi-targets-page">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {t("kpiTargets.title")}
          </Title>
          <Text c="dimmed" size="sm" maw={760}>
            {t("kpiTargets.subtitle")}
          </Text>
        </div>
        <ButtonLink to="/dashboard" variant="subtle" leftSection={<IconArrowLeft size={16} />}>
          {t("kpiTargets.backToDashboard")}
        </ButtonLink>
      </Group>
      {!manager && (
        <Alert variant="light" color="gray" data-testid="kpi-targets-read-only">
          {t("kpiTargets.readOnly")}
        </Alert>
      )}
      <DefinitionReviewCard review={targets.data?.definitionsReview} />
      {(!definitions.data || !targets.data) &&
        ["a", "b", "c"].map((k) => <Skeleton key={k} h={160} radius="md" />)}
      {definitions.data &&
        targets.data &&
        thisMonth &&
        definitions.data.definitions.map((def) => (
          <TargetCard
            key={def.id}
            def={def}
            targets={targets.data.items.filter((x) => x.kpiId === def.id)}
            proposal={proposals.data?.proposals.find((p) => p.kpiId === def.id)}
            proposalsLoading={proposals.isLoading}
            thisMonth={thisMonth}
            manager={manager}
            format={format}
            onEdit={(draft) => setEditing({ def, draft })}
          />
        ))}
      {editing && (
        <TargetEditModal
          def={editing.def}
          draft={editing.draft}
          proposalHint={proposalHint(editing.def)}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function useScopeLabel() {
  const { t } = useTranslation();
  const segmentLabel = useSegmentLabel();
  return (scope: TargetScope) =>
    !scope
      ? t("kpiTargets.scope.overall")
      : `${t(`kpiTargets.scope.${scope.dimension}`)}: ${
          scope.dimension === "segment"
            ? segmentLabel(scope.value)
            : t(`touchModels.${scope.value}`, scope.value)
        }`;
}

function TargetCard({
  def,
  targets,
  proposal,
  proposalsLoading,
  thisMonth,
  manager,
  format,
  onEdit,
}: {
  def: KpiDefinition;
  targets: KpiTarget[];
  proposal: TargetProposal | undefined;
  proposalsLoading: boolean;
  thisMonth: string;
  manager: boolean;
  format: KpiFormat;
  onEdit: (draft: TargetDraft) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const f = useFormatters();
  const reviewed = useMarkTargetReviewed();
  const [historyOpen, setHistoryOpen] = useState(false);
  const overall = targets.filter((x) => !x.scope);
  const current = overall.find((x) => x.state === "current") ?? null;
  const upcoming = overall.filter((x) => x.state === "upcoming");
  const scoped = targets.filter((x) => x.scope && x.state !== "past");
  const past = targets.filter((x) => x.state === "past").reverse();

  const useProposal = () => {
    if (proposal?.proposal == null) return;
    if (current && current.effectiveFrom === thisMonth) onEdit({ target: current, value: proposal.proposal });
    else onEdit({ target: null, value: proposal.proposal, effectiveFrom: thisMonth });
  };
  const markReviewed = (id: string) =>
    reviewed.mutate(id, { onSuccess: () => notifySuccess(t("kpiTargets.reviewed")), onError: notifyError });

  return (
    <Card withBorder radius="md" padding="md" data-testid="target-card" data-kpi={def.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div>
            <Text fw={700}>{pickLabel(def.name, lang)}</Text>
            <Text size="xs" c="dimmed">
              {t(`kpiTargets.direction.${def.direction}`)}
            </Text>
          </div>
          {manager && (
            <Group gap="xs">
              {current?.reviewDue && (
                <Button
                  size="xs"
                  variant="light"
                  color="orange"
                  onClick={() => markReviewed(current.id)}
                  loading={reviewed.isPending}
                  data-testid="target-mark-reviewed"
                >
                  {t("kpiTargets.markReviewed")}
                </Button>
              )}
              <Button
                size="xs"
                variant={current ? "default" : "filled"}
                leftSection={<IconPencil size={14} />}
                onClick={() =>
                  onEdit(current ? { target: current } : { target: null, effectiveFrom: thisMonth })
                }
                data-testid="target-edit"
              >
                {current ? t("kpiTargets.edit") : t("kpiTargets.add")}
              </Button>
            </Group>
          )}
        </Group>

        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Field label={t("kpiTargets.current")}>
            <Text fz="xl" fw={700} lh={1.2} data-testid="target-current">
              {current ? format.value(def, current.value) : t("kpiTargets.noTarget")}
            </Text>
          </Field>
          <Field label={t("kpiTargets.band")}>
            <Text size="sm">
              {current ? t("kpiTargets.bandValue", { band: format.delta(def, current.warningBand) }) : "—"}
            </Text>
          </Field>
          <Field label={t("kpiTargets.effectiveFrom")}>
            <Text size="sm">{current ? formatMonth(current.effectiveFrom, lang) : "—"}</Text>
          </Field>
          <Field label={t("kpiTargets.reviewOn")}>
            <Group gap={6}>
              <Text size="sm">{current ? f.date(current.reviewOn) : "—"}</Text>
              {current?.reviewDue && (
                <Badge size="sm" color="orange" variant="light" data-testid="target-review-due">
                  {t("kpiTargets.reviewDue")}
                </Badge>
              )}
            </Group>
          </Field>
        </SimpleGrid>
        {current && (current.setBy || current.note) && (
          <Text size="xs" c="dimmed">
            {current.setBy
              ? t("kpiTargets.setBy", { name: current.setBy.name, date: f.date(current.updatedAt) })
              : t("kpiTargets.setAt", { date: f.date(current.updatedAt) })}
            {current.note ? ` · ${current.note}` : ""}
          </Text>
        )}
        {upcoming.map((u) => (
          <Group key={u.id} gap="xs" data-testid="target-upcoming">
            <Badge variant="light" color="blue">
              {t("kpiTargets.upcoming", { date: formatMonth(u.effectiveFrom, lang) })}
            </Badge>
            <Text size="sm">{format.value(def, u.value)}</Text>
            {manager && (
              <ActionIcon
                variant="subtle"
                size="sm"
                onClick={() => onEdit({ target: u })}
                aria-label={t("kpiTargets.edit")}
              >
                <IconPencil size={14} />
              </ActionIcon>
            )}
          </Group>
        ))}

        <ProposalLine
          def={def}
          proposal={proposal}
          loading={proposalsLoading}
          format={format}
          onUse={manager ? useProposal : undefined}
        />

        <Stack gap={6}>
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {t("kpiTargets.scoped")}
            </Text>
            {manager && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() =>
                  onEdit({
                    target: null,
                    scope: { dimension: "segment", value: "" },
                    effectiveFrom: thisMonth,
                  })
                }
                data-testid="target-add-scoped"
              >
                {t("kpiTargets.addScoped")}
              </Button>
            )}
          </Group>
          {scoped.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t("kpiTargets.scopedNone")}
            </Text>
          ) : (
            <TargetTable def={def} rows={scoped} format={format} manager={manager} onEdit={onEdit} />
          )}
        </Stack>

        {past.length > 0 && (
          <div>
            <UnstyledButton onClick={() => setHistoryOpen((o) => !o)} data-testid="target-history-toggle">
              <Group gap={4}>
                {historyOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                <Text size="sm" c="dimmed">
                  {t("kpiTargets.showHistory", { count: past.length })}
                </Text>
              </Group>
            </UnstyledButton>
            {historyOpen && (
              <TargetTable def={def} rows={past} format={format} manager={manager} onEdit={onEdit} history />
            )}
          </div>
        )}
      </Stack>
    </Card>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function ProposalLine({
  def,
  proposal,
  loading,
  format,
  onUse,
}: {
  def: KpiDefinition;
  proposal: TargetProposal | undefined;
  loading: boolean;
  format: KpiFormat;
  onUse?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  if (loading) return <Skeleton h={36} />;
  if (!proposal || proposal.proposal === null || proposal.baseline === null)
    return (
      <Text size="xs" c="dimmed" data-testid="target-proposal" data-empty="true">
        <IconBulb size={13} style={{ verticalAlign: -2 }} /> {t("kpiTargets.proposalNone")}
      </Text>
    );
  const withData = proposal.periods.filter((p) => p.value !== null);
  const first = withData[0]!;
  const last = withData.at(-1)!;
  const periodLabel = (p: { from: string; to: string }) => {
    const lastMonth = addMonths(p.to, -1);
    return p.from.slice(0, 7) === lastMonth.slice(0, 7)
      ? formatMonth(p.from, lang)
      : `${formatMonth(p.from, lang)}–${formatMonth(lastMonth, lang)}`;
  };
  const detail = proposal.periods
    .map((p) =>
      t("kpiTargets.proposalPeriods", { period: periodLabel(p), value: format.value(def, p.value), n: p.n }),
    )
    .join("\n");
  return (
    <Card bg="var(--mantine-color-gray-0)" radius="sm" padding="xs" data-testid="target-proposal">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Tooltip
          label={
            <Text size="xs" style={{ whiteSpace: "pre-line" }}>
              {detail}
            </Text>
          }
          withArrow
          multiline
        >
          <Text size="sm" style={{ cursor: "help" }}>
            <IconBulb size={14} style={{ verticalAlign: -2 }} color="var(--mantine-color-yellow-7)" />{" "}
            {t("kpiTargets.proposalText", {
              baseline: format.value(def, proposal.baseline),
              from: formatMonth(first.from, lang),
              to: formatMonth(addMonths(last.to, -1), lang),
              count: proposal.periodsWithData,
              proposal: format.value(def, proposal.proposal),
            })}
          </Text>
        </Tooltip>
        {onUse && (
          <Button size="compact-xs" variant="light" onClick={onUse} data-testid="target-use-proposal">
            {t("kpiTargets.useProposal")}
          </Button>
        )}
      </Group>
    </Card>
  );
}

function TargetTable({
  def,
  rows,
  format,
  manager,
  onEdit,
  history = false,
}: {
  def: KpiDefinition;
  rows: KpiTarget[];
  format: KpiFormat;
  manager: boolean;
  onEdit: (draft: TargetDraft) => void;
  history?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const f = useFormatters();
  const scopeLabel = useScopeLabel();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table fz="sm" verticalSpacing={4} data-testid={history ? "target-history" : "target-scoped"}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("kpiTargets.form.scope")}</Table.Th>
            <Table.Th>{t("kpiTargets.form.value")}</Table.Th>
            <Table.Th>{t("kpiTargets.band")}</Table.Th>
            <Table.Th>{t("kpiTargets.effectiveFrom")}</Table.Th>
            <Table.Th>{history ? t("kpiTargets.note") : t("kpiTargets.reviewOn")}</Table.Th>
            {manager && <Table.Th w={70} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                {scopeLabel(row.scope)}
                {row.state !== "current" && (
                  <Badge ml={6} size="xs" variant="light" color={row.state === "upcoming" ? "blue" : "gray"}>
                    {t(`kpiTargets.states.${row.state}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{format.value(def, row.value)}</Table.Td>
              <Table.Td>{format.delta(def, row.warningBand)}</Table.Td>
              <Table.Td>{formatMonth(row.effectiveFrom, lang)}</Table.Td>
              <Table.Td>
                {history ? (
                  <Text size="xs" c="dimmed">
                    {[row.setBy?.name, f.date(row.updatedAt), row.note].filter(Boolean).join(" · ")}
                  </Text>
                ) : (
                  <Group gap={4}>
                    {f.date(row.reviewOn)}
                    {row.reviewDue && (
                      <Badge size="xs" color="orange" variant="light">
                        {t("kpiTargets.reviewDue")}
                      </Badge>
                    )}
                  </Group>
                )}
              </Table.Td>
              {manager && (
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      onClick={() => onEdit({ target: row })}
                      aria-label={t("kpiTargets.edit")}
                    >
                      <IconPencil size={14} />
                    </ActionIcon>
                    <DeleteButton id={row.id} />
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function DeleteButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const remove = useDeleteTarget();
  const [open, setOpen] = useState(false);
  return (
    <Popover opened={open} onChange={setOpen} withArrow width={260} position="left">
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="red"
          size="sm"
          onClick={() => setOpen((o) => !o)}
          aria-label={t("kpiTargets.delete")}
        >
          <IconTrash size={14} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm">{t("kpiTargets.deleteConfirm")}</Text>
        <Group justify="flex-end" mt="xs">
          <Button
            size="xs"
            color="red"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(id, {
                onSuccess: () => {
                  setOpen(false);
                  notifySuccess(t("kpiTargets.deleted"));
                },
                onError: notifyError,
              })
            }
          >
            {t("kpiTargets.delete")}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
