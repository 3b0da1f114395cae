import { Accordion, Badge, Card, Group, Progress, Skeleton, Stack, Text } from "@mantine/core";
import { IconClipboardText } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import { hearingSheetsQuery } from "./hearing-api";
import { HearingSheetForm } from "./hearing-sheet-form";

export function HearingSheetsSection({ accountId, editable }: { accountId: string; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const sheets = useQuery(hearingSheetsQuery(accountId));
  if (!sheets.data) return <Skeleton height={300} radius="md" />;
  const items = sheets.data.items;
  if (items.length === 0)
    return (
      <Card withBorder radius="md" padding="xl">
        <Stack align="center" gap={6}>
          <IconClipboardText size={36} stroke={1.5} color="var(--mantine-color-gray-5)" />
          <Text c="dimmed" size="sm" ta="center">
            {t("hearing.empty")}
          </Text>
        </Stack>
      </Card>
    );

  return (
    <Accordion
      variant="separated"
      radius="md"
      multiple
      defaultValue={items.filter((s) => !s.template.archived).map((s) => s.template.id)}
      data-testid="hearing-sheets"
    >
      {items.map((sheet) => {
        const pct = sheet.questionCount ? (sheet.answeredCount / sheet.questionCount) * 100 : 0;
        return (
          <Accordion.Item key={sheet.template.id} value={sheet.template.id} bg="white">
            <Accordion.Control data-testid="hearing-sheet-toggle">
              <Group justify="space-between" wrap="wrap" gap="xs" pr="sm">
                <Group gap="xs">
                  <Text fw={600}>{sheet.template.name}</Text>
                  {sheet.template.archived && (
                    <Badge size="sm" color="gray" variant="light" tt="none">
                      {t("hearing.archived")}
                    </Badge>
                  )}
                  {sheet.missingRequired.length > 0 && (
                    <Badge size="sm" color="yellow" variant="light" tt="none" data-testid="hearing-missing">
                      {t("hearing.missingRequired", { count: sheet.missingRequired.length })}
                    </Badge>
                  )}
                </Group>
                <Group gap="xs" wrap="nowrap">
                  <Progress value={pct} w={100} size="sm" color={pct === 100 ? "teal" : "indigo"} />
                  <Text size="xs" c="dimmed" data-testid="hearing-progress" style={{ whiteSpace: "nowrap" }}>
                    {t("hearing.progress", { answered: sheet.answeredCount, total: sheet.questionCount })}
                  </Text>
                </Group>
              </Group>
              {sheet.updatedAt && (
                <Text size="xs" c="dimmed">
                  {t("hearing.updatedAt", { date: f.dateTime(sheet.updatedAt) })}
                </Text>
              )}
            </Accordion.Control>
            <Accordion.Panel>
              <HearingSheetForm
                key={`${sheet.updatedAt}`}
                accountId={accountId}
                sheet={sheet}
                editable={editable}
              />
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}
