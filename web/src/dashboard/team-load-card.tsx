// The team's load at a glance: accounts per CSM as bars by touch model, with the 属人化 warnings.
import { Badge, Card, Group, Skeleton, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconArrowRight, IconCircleCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { touchModelColors } from "../accounts/account-badges";
import { AnchorLink } from "../platform/anchor-link";
import { teamLoadQuery } from "../team/team-api";

const models = ["high", "low", "tech", "community", "none"] as const;
const SHOWN = 8;

/** `owners`: the CSMs the dashboard is filtered to (e-mails), highlighted. */
export function TeamLoadCard({ owners = [] }: { owners?: string[] }) {
  const { t } = useTranslation();
  const load = useQuery(teamLoadQuery);
  const data = load.data;
  const most = Math.max(1, ...(data?.csms.map((c) => c.accounts) ?? []));
  const concentrated = new Set(
    data?.warnings.flatMap((w) => (w.code === "high_touch_concentration" ? [w.userId] : [])),
  );
  const noBackup = new Map(
    data?.warnings.flatMap((w) => (w.code === "no_backup" ? [[w.userId, w.accounts] as const] : [])),
  );
  const color = (m: string) =>
    `var(--mantine-color-${touchModelColors[m] ?? "gray"}-${m === "none" ? 3 : 5})`;

  return (
    <Card withBorder radius="md" padding="md" style={{ flex: 1 }} data-testid="dashboard-team">
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            {t("dashboard.team.title")}
          </Title>
          <Text size="xs" c="dimmed">
            {t("dashboard.team.subtitle")}
          </Text>
        </div>
        {data &&
          (data.warnings.length > 0 ? (
            <Badge
              color="orange"
              variant="light"
              tt="none"
              leftSection={<IconAlertTriangle size={12} />}
              data-testid="team-warning-count"
            >
              {t("dashboard.team.warnings", { count: data.warnings.length })}
            </Badge>
          ) : (
            <Badge color="teal" variant="light" tt="none" leftSection={<IconCircleCheck size={12} />}>
              {t("dashboard.team.noWarnings")}
            </Badge>
          ))}
      </Group>
      {data && data.csms.length > 0 && (
        <Group gap="sm" mt={6} wrap="wrap">
          {models.map((m) => (
            <Group key={m} gap={4} wrap="nowrap">
              <span style={{ width: 10, height: 10, borderRadius: 2, background: color(m) }} />
              <Text size="xs" c="dimmed">
                {m === "none" ? t("dashboard.filters.none") : t(`touchModels.${m}`)}
              </Text>
            </Group>
          ))}
        </Group>
      )}
      <Stack gap={10} mt="sm" style={{ flex: 1 }}>
        {!data ? (
          [1, 2, 3, 4].map((k) => <Skeleton key={k} h={28} />)
        ) : data.csms.length === 0 ? (
          <Text size="sm" c="dimmed" py="lg" ta="center" data-testid="team-empty">
            {t("dashboard.team.empty")}
          </Text>
        ) : (
          data.csms.slice(0, SHOWN).map((c) => {
            const warn = concentrated.has(c.userId) || noBackup.has(c.userId);
            const notes = [
              concentrated.has(c.userId) && t("dashboard.team.concentrated"),
              noBackup.has(c.userId) && t("dashboard.team.noBackup", { count: noBackup.get(c.userId) }),
            ].filter(Boolean);
            return (
              <div
                key={c.userId}
                data-testid="team-csm"
                data-accounts={c.accounts}
                data-selected={owners.includes(c.email) || undefined}
                style={
                  owners.includes(c.email)
                    ? {
                        margin: "-4px -6px",
                        padding: "4px 6px",
                        borderRadius: 6,
                        background: "var(--mantine-color-blue-0)",
                      }
                    : undefined
                }
              >
                <Group justify="space-between" gap="xs" wrap="nowrap" mb={3}>
                  <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {c.name || c.email}
                    </Text>
                    {warn && (
                      <Tooltip label={notes.join(" / ")} withArrow multiline maw={260}>
                        <IconAlertTriangle
                          size={14}
                          color="var(--mantine-color-orange-6)"
                          data-testid="team-csm-warning"
                          aria-label={notes.join(" / ")}
                        />
                      </Tooltip>
                    )}
                  </Group>
                  <Text size="sm" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
                    {t("dashboard.team.accounts", { count: c.accounts })}
                  </Text>
                </Group>
                <Tooltip
                  withArrow
                  label={models
                    .filter((m) => c.byTouchModel[m])
                    .map(
                      (m) =>
                        `${m === "none" ? t("dashboard.filters.none") : t(`touchModels.${m}`)} ${c.byTouchModel[m]}`,
                    )
                    .join(" · ")}
                >
                  <div
                    style={{
                      display: "flex",
                      height: 10,
                      borderRadius: 5,
                      overflow: "hidden",
                      background: "var(--mantine-color-gray-1)",
                    }}
                  >
                    {models.map((m) =>
                      c.byTouchModel[m] ? (
                        <div
                          key={m}
                          style={{ width: `${(100 * c.byTouchModel[m]) / most}%`, background: color(m) }}
                        />
                      ) : null,
                    )}
                  </div>
                </Tooltip>
              </div>
            );
          })
        )}
        {data && data.unassigned > 0 && (
          <Text size="xs" c="orange.8" data-testid="team-unassigned">
            {t("dashboard.team.unassigned", { count: data.unassigned })}
          </Text>
        )}
      </Stack>
      <AnchorLink to="/team" size="sm" mt="sm" data-testid="team-more">
        <Group gap={4} wrap="nowrap" component="span">
          {t("dashboard.team.more")}
          <IconArrowRight size={14} />
        </Group>
      </AnchorLink>
    </Card>
  );
}
