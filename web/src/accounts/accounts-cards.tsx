import { Card, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconUser, IconUsers } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ActivationBadge } from "../events/usage-badges";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters } from "../platform/format";
import type { Account } from "../platform/types";
import { SegmentBadge } from "../segmentation/segment-badge";
import { PhaseBadge, PlanBadge, TouchModelBadge } from "./account-badges";

/** The accounts list on a phone: one card per account with the fields a CSM scans for. */
export function AccountsCards({
  accounts,
  loadingRows,
}: {
  accounts: Account[] | undefined;
  loadingRows: number;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  if (accounts === undefined) {
    return (
      <Stack gap="xs" data-testid="accounts-table">
        {Array.from({ length: Math.min(loadingRows, 6) }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cards have no identity
          <Card key={i} withBorder padding="sm" data-testid="accounts-skeleton">
            <Skeleton height={16} width="60%" mb="xs" />
            <Skeleton height={12} width="40%" />
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Stack gap="xs" data-testid="accounts-table">
      {accounts.map((a) => (
        <Card key={a.id} withBorder padding="sm" data-testid="accounts-row">
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <AnchorLink
                to="/accounts/$accountId"
                params={{ accountId: a.id }}
                fw={600}
                lineClamp={2}
                data-testid="accounts-row-link"
              >
                {a.name}
              </AnchorLink>
              <Text size="xs" c="dimmed">
                {[a.externalId, a.industry].filter(Boolean).join(" · ")}
              </Text>
            </Stack>
            <PlanBadge plan={a.plan} />
          </Group>
          <Group justify="space-between" mt="xs" gap="xs">
            <Group gap={6}>
              <PhaseBadge phase={a.lifecyclePhase} />
              <TouchModelBadge
                model={a.touchModel}
                overridden={a.touchModelSource === "override"}
                size="sm"
              />
              <SegmentBadge segment={a.segment} size="sm" />
              <ActivationBadge activatedAt={a.activatedAt} size="sm" />
            </Group>
            <Group gap="sm">
              <Group gap={4} wrap="nowrap">
                <IconUser size={14} />
                <Text size="xs" lineClamp={1} maw={130}>
                  {a.owner?.name ?? t("account.noOwner")}
                </Text>
              </Group>
              <Group gap={4} wrap="nowrap">
                <IconUsers size={14} />
                <Text size="xs">{f.number(a.contactCount)}</Text>
              </Group>
            </Group>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
