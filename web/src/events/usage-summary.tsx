import { Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconCircleCheck, IconCircleDashed } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../auth/me-query";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters } from "../platform/format";
import type { AccountUsage } from "./events-types";
import { ActivationBadge, UsageFrequencyBadge } from "./usage-badges";

function Stat({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={6}>
        {title}
      </Text>
      {children}
    </Card>
  );
}

/** Activation, usage frequency, active users and first/last event of one account. */
export function UsageSummary({ usage }: { usage: AccountUsage }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const window = useMe().workspace.settings["usage.windowDays"] ?? 28;
  return (
    <Stack gap="md">
      <ActivationCard usage={usage} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Stat title={t("events.usage.frequency")} testId="usage-frequency">
          <UsageFrequencyBadge frequency={usage.usageFrequency} size="lg" />
          <Text size="xs" c="dimmed" mt={6}>
            {t("events.usage.frequencyWindow", { days: window })}
          </Text>
        </Stat>
        <Stat title={t("events.usage.activeUsers")} testId="usage-active-users">
          <Group gap="lg">
            {(["last7", "last28"] as const).map((k) => (
              <div key={k}>
                <Text size="xl" fw={700} lh={1.2} data-testid={`usage-active-${k}`}>
                  {f.number(usage.activeUsers[k])}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`events.usage.${k}`)}
                </Text>
              </div>
            ))}
          </Group>
        </Stat>
        <Stat title={t("events.usage.seen")} testId="usage-seen">
          <Text size="sm">
            {t("events.usage.firstSeenAt")}: {f.dateTime(usage.firstSeenAt)}
          </Text>
          <Text size="sm">
            {t("events.usage.lastSeenAt")}: {f.dateTime(usage.lastSeenAt)}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {t("events.usage.totalEvents", {
              count: usage.totalEvents,
              formatted: f.number(usage.totalEvents),
            })}
          </Text>
        </Stat>
      </SimpleGrid>
    </Stack>
  );
}

function ActivationCard({ usage }: { usage: AccountUsage }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { events, mode, seen } = usage.activation;
  const firstSeen = new Map(seen.map((s) => [s.event, s.firstSeenAt]));
  return (
    <Card withBorder radius="md" padding="md" data-testid="usage-activation">
      <Group justify="space-between" align="flex-start" gap="sm" mb="xs">
        <Title order={3} size="h5">
          {t("events.usage.activation")}
        </Title>
        <ActivationBadge activatedAt={usage.activatedAt} />
      </Group>
      {events.length === 0 ? (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t("events.usage.activationNotDefined")}
          </Text>
          <AnchorLink to="/settings" search={{ tab: "events" }} size="sm">
            {t("events.usage.defineActivation")}
          </AnchorLink>
        </Group>
      ) : (
        <Stack gap={6}>
          <Text size="sm" data-testid="usage-activation-status">
            {usage.activatedAt
              ? t("events.activatedOn", { date: f.date(usage.activatedAt) })
              : t(mode === "all" ? "events.usage.missingAll" : "events.usage.missingAny")}
          </Text>
          <List spacing={4} size="sm" center>
            {events.map((event) => {
              const at = firstSeen.get(event);
              return (
                <List.Item
                  key={event}
                  data-testid="usage-activation-event"
                  data-seen={at ? "true" : "false"}
                  icon={
                    <ThemeIcon size={20} radius="xl" variant="light" color={at ? "teal" : "gray"}>
                      {at ? <IconCircleCheck size={14} /> : <IconCircleDashed size={14} />}
                    </ThemeIcon>
                  }
                >
                  <Text span size="sm" fw={500}>
                    {event}
                  </Text>{" "}
                  <Text span size="xs" c="dimmed">
                    {at ? t("events.usage.seenOn", { date: f.date(at) }) : t("events.usage.notSeen")}
                  </Text>
                </List.Item>
              );
            })}
          </List>
        </Stack>
      )}
    </Card>
  );
}
