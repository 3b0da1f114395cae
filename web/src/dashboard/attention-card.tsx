// The onboardings that need attention now (overdue first, then at risk), each linking to its account.
import { Badge, Card, Group, Progress, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight, IconCircleCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useAccountFacets } from "../accounts/accounts-api";
import { overviewQuery } from "../onboarding/onboarding-api";
import { describeReason, StatusBadge, statusColors } from "../onboarding/onboarding-labels";
import { AnchorLink } from "../platform/anchor-link";
import { type KpiFilters, NONE } from "./kpi-types";

const SHOWN = 8;

/**
 * The onboarding list takes one CSM and one touch model: the dashboard's filters apply here when
 * they name exactly one of each (anything else shows every onboarding, and says so).
 */
function useListFilters(filters: KpiFilters) {
  const facets = useAccountFacets();
  const single = (values: string[] | undefined) =>
    values?.length === 1 && values[0] !== NONE ? values[0] : undefined;
  const email = single(filters.owner);
  const ownerId = email ? facets.data?.owners.find((o) => o.email === email)?.id : undefined;
  const touchModel = single(filters.touchModel);
  const partial =
    (!!filters.owner?.length && !ownerId) ||
    (!!filters.touchModel?.length && !touchModel) ||
    !!filters.segment?.length ||
    !!filters.plan?.length;
  return { ownerId, touchModel, waiting: !!email && !facets.data, partial };
}

export function AttentionCard({ filters }: { filters: KpiFilters }) {
  const { t } = useTranslation();
  const { ownerId, touchModel, waiting, partial } = useListFilters(filters);
  const list = useQuery({
    ...overviewQuery({ status: "running", ownerId, touchModel, pageSize: SHOWN }),
    enabled: !waiting,
  });
  const items = (list.data?.items ?? []).filter((o) => o.status === "overdue" || o.status === "at_risk");
  const counts = list.data?.counts;

  return (
    <Card withBorder radius="md" padding="md" h="100%" data-testid="dashboard-attention">
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            {t("dashboard.attention.title")}
          </Title>
          <Text size="xs" c="dimmed">
            {t("dashboard.attention.subtitle")}
          </Text>
        </div>
        {counts && (
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Badge color={statusColors.overdue} variant="light" tt="none" data-testid="attention-overdue">
              {t("dashboard.attention.overdue", { count: counts.overdue })}
            </Badge>
            <Badge color={statusColors.at_risk} variant="light" tt="none" data-testid="attention-at-risk">
              {t("dashboard.attention.atRisk", { count: counts.at_risk })}
            </Badge>
          </Group>
        )}
      </Group>
      {partial && (
        <Text size="xs" c="dimmed" mt={4} data-testid="attention-partial">
          {t("dashboard.attention.partialFilter")}
        </Text>
      )}
      <Stack gap={0} mt="sm" style={{ flex: 1 }}>
        {!list.data ? (
          <Stack gap="xs">
            {[1, 2, 3, 4].map((k) => (
              <Skeleton key={k} h={44} />
            ))}
          </Stack>
        ) : items.length === 0 ? (
          <Group gap="xs" py="lg" justify="center" data-testid="attention-empty">
            <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" />
            <Text size="sm" c="dimmed">
              {t("dashboard.attention.empty")}
            </Text>
          </Group>
        ) : (
          items.map((o) => {
            const reason = o.statusReasons.find((r) => r.code !== "completed");
            return (
              <Group
                key={o.id}
                gap="sm"
                py={8}
                wrap="nowrap"
                align="flex-start"
                style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}
                data-testid="attention-item"
                data-status={o.status}
              >
                <div style={{ width: 56, flex: "0 0 56px", paddingTop: 1 }}>
                  <StatusBadge status={o.status} size="sm" />
                </div>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <AnchorLink
                    to="/accounts/$accountId"
                    params={{ accountId: o.accountId }}
                    search={{ tab: "onboarding" }}
                    size="sm"
                    fw={600}
                    lineClamp={1}
                    data-testid="attention-account"
                  >
                    {o.accountName}
                  </AnchorLink>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {[reason && describeReason(reason, t), o.ownerName ?? t("dashboard.attention.noOwner")]
                      .filter(Boolean)
                      .join(" · ")}
                  </Text>
                </div>
                <div style={{ width: 64, flex: "0 0 64px", paddingTop: 6 }}>
                  <Progress
                    value={o.progress * 100}
                    color={statusColors[o.status]}
                    size="sm"
                    aria-label={t("dashboard.attention.progress", { pct: Math.round(o.progress * 100) })}
                  />
                  <Text size="10px" c="dimmed" ta="right" mt={2}>
                    {Math.round(o.progress * 100)}%
                  </Text>
                </div>
              </Group>
            );
          })
        )}
      </Stack>
      <AnchorLink to="/follow-up" size="sm" mt="sm" data-testid="attention-more">
        <Group gap={4} wrap="nowrap" component="span">
          {t("dashboard.attention.more")}
          <IconArrowRight size={14} />
        </Group>
      </AnchorLink>
    </Card>
  );
}
