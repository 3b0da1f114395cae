import { CompositeChart } from "@mantine/charts";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { UsageDay } from "./events-types";

/** Events (bars, left axis) and active users (line, right axis) per day. */
export function UsageChart({ days }: { days: UsageDay[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === "en";
  const [short, long] = useMemo(
    () => [
      new Intl.DateTimeFormat(en ? "en" : "ja", {
        timeZone: "UTC",
        month: en ? "short" : "numeric",
        day: "numeric",
      }),
      new Intl.DateTimeFormat(en ? "en" : "ja", {
        timeZone: "UTC",
        year: "numeric",
        month: "short",
        day: "numeric",
        weekday: "short",
      }),
    ],
    [en],
  );
  /** A YYYY-MM-DD tick or tooltip label in the current language (anything else as it came). */
  const label = (format: Intl.DateTimeFormat) => (day: unknown) => {
    const d = new Date(`${String(day)}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? String(day ?? "") : format.format(d);
  };

  return (
    <CompositeChart
      h={280}
      data={days}
      dataKey="day"
      withLegend
      withRightYAxis
      legendProps={{ verticalAlign: "top", height: 36 }}
      maxBarWidth={14}
      withDots={false}
      curveType="linear"
      yAxisProps={{ allowDecimals: false, width: 48 }}
      rightYAxisProps={{ allowDecimals: false, width: 40 }}
      xAxisProps={{
        minTickGap: 28,
        interval: "preserveStartEnd",
        tickFormatter: label(short),
      }}
      tooltipProps={{ labelFormatter: label(long) }}
      series={[
        { name: "events", label: t("events.usage.chartEvents"), color: "indigo.4", type: "bar" },
        {
          name: "activeUsers",
          label: t("events.usage.chartActiveUsers"),
          color: "teal.6",
          type: "line",
          yAxisId: "right",
        },
      ]}
      data-testid="usage-chart"
    />
  );
}
