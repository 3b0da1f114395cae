// The account page's usage tab: activation, usage frequency, daily use, top events and active users.
import {
  Card,
  Center,
  Grid,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconActivity, IconArrowRight } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "../platform/button-link";
import type { Account } from "../platform/types";
import { accountUsageQuery } from "./events-api";
import { UsageChart } from "./usage-chart";
import { fillDays } from "./usage-days";
import { UsageSummary } from "./usage-summary";
import { ActiveUsersCard, TopEventsCard } from "./usage-tables";

const periods = [30, 90, 180] as const;

export function AccountUsageSection({
  accountId,
  account,
}: {
  accountId: string;
  account: Account | undefined;
}) {
  const { t } = useTranslation();
  const [days, setDays] = useState<number>(90);
  const usage = useQuery({ ...accountUsageQuery(accountId, days), placeholderData: (prev) => prev });

  if (!usage.data) return <Skeleton height={420} radius="md" />;
  const u = usage.data;
  if (u.totalEvents === 0 && !u.firstSeenAt) return <UsageEmpty account={account} />;

  return (
    <Stack gap="md" data-testid="usage-section">
      <UsageSummary usage={u} />
      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" mb="sm" gap="sm">
          <Title order={3} size="h5">
            {t("events.usage.chartTitle")}
          </Title>
          <SegmentedControl
            size="xs"
            value={String(days)}
            onChange={(v) => setDays(Number(v))}
            data-testid="usage-period"
            data={periods.map((p) => ({ value: String(p), label: t("events.usage.days", { days: p }) }))}
          />
        </Group>
        <UsageChart days={fillDays(u.from, u.to, u.days)} />
      </Card>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <TopEventsCard items={u.topEvents} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ActiveUsersCard items={u.users} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function UsageEmpty({ account }: { account: Account | undefined }) {
  const { t } = useTranslation();
  const groupId = account ? (account.groupId ?? account.externalId) : "—";
  return (
    <Card withBorder radius="md" padding="xl" data-testid="usage-empty">
      <Center>
        <Stack align="center" gap="sm" maw={520}>
          <ThemeIcon size={56} radius="xl" variant="light" color="gray">
            <IconActivity size={30} stroke={1.5} />
          </ThemeIcon>
          <Title order={3} size="h4" ta="center">
            {t("events.usage.emptyTitle")}
          </Title>
          <Text size="sm" c="dimmed" ta="center">
            {t("events.usage.emptyBody", { groupId })}
          </Text>
          <ButtonLink
            to="/settings"
            search={{ tab: "events" }}
            variant="light"
            rightSection={<IconArrowRight size={16} />}
            data-testid="usage-empty-settings"
          >
            {t("events.usage.emptyLink")}
          </ButtonLink>
        </Stack>
      </Center>
    </Card>
  );
}
