// The dashboard's "Monthly report" menu: pick a month (last month by default) and a format, download.
import { Button, Popover, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { IconDownload, IconReportAnalytics } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toZonedDay, useWorkspaceTimeZone } from "../platform/format";
import { notifyError } from "../platform/notify";
import { openReport, type ReportFormat, recentMonths, reportFormats } from "./report-download";

export function ReportMenu() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === "en" ? "en" : "ja";
  const tz = useWorkspaceTimeZone();
  const today = toZonedDay(new Date().toISOString(), tz) ?? new Date().toISOString().slice(0, 10);
  const months = recentMonths(today);
  const [month, setMonth] = useState(months[1]!);
  const [format, setFormat] = useState<ReportFormat>("html");
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const monthName = new Intl.DateTimeFormat(lang === "en" ? "en-US" : "ja-JP", {
    year: "numeric",
    month: "long",
    timeZone: "UTC",
  });
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" shadow="md" width={300} withArrow>
      <Popover.Target>
        <Button
          variant="light"
          leftSection={<IconReportAnalytics size={16} />}
          onClick={() => setOpened((o) => !o)}
          data-testid="report-menu"
        >
          {t("reports.menu.button")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="report-menu-dropdown">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t("reports.menu.description")}
          </Text>
          <Select
            label={t("reports.menu.month")}
            data={months.map((m) => ({ value: m, label: monthName.format(new Date(`${m}-01T00:00:00Z`)) }))}
            value={month}
            onChange={(v) => v && setMonth(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            data-testid="report-month"
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t("reports.menu.format")}
            </Text>
            <SegmentedControl
              fullWidth
              size="xs"
              data={reportFormats.map((f) => ({ value: f, label: t(`reports.formats.${f}`) }))}
              value={format}
              onChange={(v) => setFormat(v as ReportFormat)}
              data-testid="report-format"
            />
          </div>
          <Text size="xs" c="dimmed">
            {t(`reports.menu.hint.${format}`)}
          </Text>
          <Button
            leftSection={<IconDownload size={16} />}
            loading={busy}
            onClick={() => {
              setBusy(true);
              openReport(month, format, lang)
                .then(() => setOpened(false))
                .catch(notifyError)
                .finally(() => setBusy(false));
            }}
            data-testid="report-download"
          >
            {format === "html" ? t("reports.menu.open") : t("reports.menu.download")}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
