import { BarChart } from "@mantine/charts";
import { Card, Group, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { touchModelColors } from "../accounts/account-badges";
import { useFormatters } from "../platform/format";
import { useSegmentLabel, useSegmentOptions } from "../segmentation/segment-labels";
import { type TeamLoad, teamLoadQuery } from "./team-api";
import { TeamWarnings } from "./team-warnings";

const models = ["high", "low", "tech", "community", "none"] as const;

export function TeamPage() {
  const { t } = useTranslation();
  const load = useQuery(teamLoadQuery);
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <div>
        <Title order={1} size="h2">
          {t("team.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("team.subtitle")}
        </Text>
      </div>
      {!load.data ? (
        <Skeleton height={420} radius="md" />
      ) : (
        <>
          <TeamWarnings warnings={load.data.warnings} />
          <LoadChart load={load.data} />
          <SegmentTable load={load.data} />
        </>
      )}
    </Stack>
  );
}

function LoadChart({ load }: { load: TeamLoad }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const data = load.csms.map((c) => ({
    name: c.name || c.email,
    ...Object.fromEntries(models.map((m) => [m, c.byTouchModel[m] ?? 0])),
  }));
  const used = models.filter((m) => data.some((d) => (d as Record<string, unknown>)[m] !== 0));
  return (
    <Card withBorder radius="md" padding="lg" data-testid="team-chart">
      <Title order={2} size="h4">
        {t("team.chartTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("team.chartHint", { limit: Math.round(load.highTouchShareLimit * 100) })}
      </Text>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("team.noCsms")}
        </Text>
      ) : (
        <BarChart
          h={Math.max(240, data.length * 44 + 80)}
          data={data}
          dataKey="name"
          type="stacked"
          orientation="vertical"
          yAxisProps={{ width: isPhone ? 84 : 110 }}
          withLegend
          legendProps={{ verticalAlign: "top", height: isPhone ? 64 : 40 }}
          series={used.map((m) => ({
            name: m,
            label: m === "none" ? t("team.noTouchModel") : t(`touchModels.${m}`),
            color: m === "none" ? "gray.4" : `${touchModelColors[m]}.6`,
          }))}
        />
      )}
    </Card>
  );
}

function SegmentTable({ load }: { load: TeamLoad }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const label = useSegmentLabel();
  const options = useSegmentOptions();
  const inData = new Set(load.csms.flatMap((c) => Object.keys(c.bySegment)));
  const segments = [
    ...options.map((o) => o.value).filter((k) => inData.has(k)),
    ...[...inData].filter((k) => !options.some((o) => o.value === k)),
  ];
  return (
    <Card withBorder radius="md" padding="lg" data-testid="team-segment-table">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          {t("team.bySegment")}
        </Title>
        <Text size="sm" c="dimmed" data-testid="team-unassigned">
          {t("team.unassigned", { count: load.unassigned, formatted: f.number(load.unassigned) })}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("team.csm")}</Table.Th>
              {segments.map((s) => (
                <Table.Th key={s} ta="right" style={{ whiteSpace: "nowrap" }}>
                  {label(s)}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t("team.total")}</Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                {t("team.withoutBackup")}
              </Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                {t("team.backupFor")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {load.csms.map((c) => (
              <Table.Tr key={c.userId} data-testid="team-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {c.name || c.email}
                  </Text>
                </Table.Td>
                {segments.map((s) => (
                  <Table.Td key={s} ta="right">
                    {f.number(c.bySegment[s] ?? 0)}
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={600}>
                  {f.number(c.accounts)}
                </Table.Td>
                <Table.Td ta="right" c={c.withoutBackup > 0 ? "orange.8" : undefined}>
                  {f.number(c.withoutBackup)}
                </Table.Td>
                <Table.Td ta="right">{f.number(c.backupFor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
