// Onboardings that need attention, ranked, with proposed follow-ups to accept or dismiss.
import { Button, Card, Group, Pagination, SegmentedControl, Select, Stack, Text, Title } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOwnerOptions } from "../accounts/accounts-api";
import { canEditAccounts, canManageWorkspace, useMe } from "../auth/me-query";
import { notifyError, notifySuccess } from "../platform/notify";
import { touchModels } from "../platform/types";
import { type FollowUp, type FollowUpStatus, followUpsQuery, useReviewFollowUps } from "./follow-up-api";
import { AcceptFollowUpModal, DismissFollowUpModal } from "./follow-up-decision-modals";
import { FollowUpList } from "./follow-up-list";

const PAGE_SIZE = 50;
const statuses: FollowUpStatus[] = ["open", "accepted", "dismissed", "resolved"];

export function NeedsAttentionPage() {
  const { t } = useTranslation();
  const me = useMe();
  const owners = useOwnerOptions();
  const [status, setStatus] = useState<FollowUpStatus>("open");
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [touchModel, setTouchModel] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [accepting, setAccepting] = useState<FollowUp | null>(null);
  const [dismissing, setDismissing] = useState<FollowUp | null>(null);
  const list = useQuery(followUpsQuery({ status, ownerId, touchModel, page, pageSize: PAGE_SIZE }));
  const review = useReviewFollowUps();
  const filtered = ownerId !== null || touchModel !== null;
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <Stack gap="md" maw={1200} mx="auto">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {t("followUp.title")}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t("followUp.subtitle")}
          </Text>
        </div>
        {canManageWorkspace(me) && (
          <Button
            variant="light"
            leftSection={<IconRefresh size={16} />}
            loading={review.isPending}
            data-testid="follow-up-review"
            onClick={() =>
              review.mutate(undefined, {
                onSuccess: (r) => notifySuccess(t("followUp.reviewed", { count: r.opened })),
                onError: notifyError,
              })
            }
          >
            {t("followUp.reviewNow")}
          </Button>
        )}
      </Group>

      <Group gap="sm" wrap="wrap" align="flex-end">
        <SegmentedControl
          value={status}
          onChange={change((v: string) => setStatus(v as FollowUpStatus))}
          data={statuses.map((s) => ({ value: s, label: t(`followUp.statuses.${s}`) }))}
          aria-label={t("followUp.filters.status")}
          data-testid="follow-up-status-filter"
        />
        <Select
          aria-label={t("followUp.filters.owner")}
          placeholder={t("followUp.filters.allOwners")}
          data={[{ value: "me", label: t("followUp.filters.mine") }, ...owners]}
          value={ownerId}
          onChange={change(setOwnerId)}
          clearable
          searchable
          w={220}
          comboboxProps={{ withinPortal: true }}
          data-testid="follow-up-owner-filter"
        />
        <Select
          aria-label={t("followUp.filters.touchModel")}
          placeholder={t("followUp.filters.allTouchModels")}
          data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
          value={touchModel}
          onChange={change(setTouchModel)}
          clearable
          w={200}
          comboboxProps={{ withinPortal: true }}
          data-testid="follow-up-touch-filter"
        />
      </Group>

      {list.data && list.data.items.length === 0 ? (
        <Card withBorder radius="md" padding="xl" data-testid="follow-up-empty">
          <Text fw={600}>
            {filtered || status !== "open" ? t("followUp.emptyFiltered") : t("followUp.empty")}
          </Text>
          {!filtered && status === "open" && (
            <Text size="sm" c="dimmed" mt={4}>
              {t("followUp.emptyHint")}
            </Text>
          )}
        </Card>
      ) : (
        <FollowUpList
          items={list.data?.items}
          offset={(page - 1) * PAGE_SIZE}
          canDecide={canEditAccounts(me)}
          onAccept={setAccepting}
          onDismiss={setDismissing}
        />
      )}

      {list.data && list.data.total > PAGE_SIZE && (
        <Group justify="center">
          <Pagination total={Math.ceil(list.data.total / PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      )}

      <AcceptFollowUpModal followUp={accepting} onClose={() => setAccepting(null)} />
      <DismissFollowUpModal followUp={dismissing} onClose={() => setDismissing(null)} />
    </Stack>
  );
}
