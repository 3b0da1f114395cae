// The cohort table: per start month, the share completed within 30/60/90 days, as a heat map.
import { Card, Group, Skeleton, Table, Text, Title, Tooltip } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { kpiCohortsQuery } from "./dashboard-api";
import { type CohortTable, cohortWindows, type KpiFilters, type Period } from "./kpi-types";

type Window = CohortTable["cohorts"][number]["windows"][number];

/** Teal deepening with the share; white text once the cell is dark enough to need it. */
function heat(share: number): { background: string; color: string } {
  const alpha = 0.1 + 0.75 * share;
  return {
    background: `rgba(12, 166, 120, ${alpha.toFixed(3)})`,
    color: alpha > 0.55 ? "white" : "var(--mantine-color-text)",
  };
}

export function CohortCard({ period, filters }: { period: Period; filters: KpiFilters }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === "en" ? "en" : "ja";
  const table = useQuery(kpiCohortsQuery(period, filters));
  const phone = useMediaQuery("(max-width: 48em)");
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const monthFmt = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: phone ? "2-digit" : "short",
    timeZone: "UTC",
  });
  const month = (ym: string) => monthFmt.format(new Date(`${ym}-01T00:00:00Z`));
  const rows = table.data ? [...table.data.cohorts].reverse() : [];
  const any = rows.some((r) => r.started > 0);

  const cell = (ym: string, w: Window) => {
    const label =
      w.share === null
        ? t("dashboard.cohorts.notMatured", { days: w.days })
        : t("dashboard.cohorts.cellHint", {
            month: month(ym),
            completed: w.completed,
            matured: w.matured,
            days: w.days,
          });
    return (
      <Table.Td key={w.days} p={3}>
        <Tooltip label={label} multiline maw={280} withArrow openDelay={150}>
          <div
            data-testid="cohort-cell"
            data-days={w.days}
            data-share={w.share ?? ""}
            style={{
              ...(w.share === null
                ? { background: "var(--mantine-color-gray-0)", color: "var(--mantine-color-dimmed)" }
                : heat(w.share)),
              borderRadius: 4,
              padding: phone ? "5px 4px" : "6px 8px",
              textAlign: "center",
              fontWeight: 600,
              fontVariantNumeric: "tabular-nums",
              lineHeight: 1.2,
            }}
          >
            <span data-testid="cohort-share">{w.share === null ? "—" : pct.format(w.share)}</span>
            {w.share !== null && (
              <div style={{ fontSize: 10, fontWeight: 400, opacity: 0.85 }}>
                {w.completed}/{w.matured}
              </div>
            )}
          </div>
        </Tooltip>
      </Table.Td>
    );
  };

  return (
    <Card withBorder radius="md" padding="md" h="100%" data-testid="dashboard-cohorts">
      <Title order={2} size="h4">
        {t("dashboard.cohorts.title")}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t("dashboard.cohorts.subtitle")}
      </Text>
      {!table.data ? (
        <Skeleton h={320} />
      ) : !any ? (
        <Text size="sm" c="dimmed" py="xl" ta="center" data-testid="cohorts-empty">
          {t("dashboard.cohorts.empty")}
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={300}>
            <Table
              fz={phone ? "xs" : "sm"}
              verticalSpacing={2}
              horizontalSpacing={phone ? 3 : 6}
              styles={{ th: { whiteSpace: "nowrap" } }}
              data-testid="cohort-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("dashboard.cohorts.month")}</Table.Th>
                  <Table.Th ta="right">{t("dashboard.cohorts.started")}</Table.Th>
                  {cohortWindows.map((d) => (
                    <Table.Th key={d} ta="center">
                      {t("dashboard.cohorts.within", { days: d })}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.month} data-testid="cohort-row" data-month={r.month}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{month(r.month)}</Table.Td>
                    <Table.Td ta="right" fw={500} data-testid="cohort-started">
                      {r.started}
                    </Table.Td>
                    {r.windows.map((w) => cell(r.month, w))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group gap={6} mt="xs" wrap="nowrap">
            <Text size="xs" c="dimmed">
              0%
            </Text>
            <div
              style={{
                flex: "0 0 120px",
                height: 8,
                borderRadius: 4,
                background: `linear-gradient(to right, ${heat(0).background}, ${heat(1).background})`,
              }}
            />
            <Text size="xs" c="dimmed">
              100%
            </Text>
            <Text size="xs" c="dimmed" ml="xs">
              {t("dashboard.cohorts.legend")}
            </Text>
          </Group>
        </>
      )}
    </Card>
  );
}
