import { Alert, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconFileImport } from "@tabler/icons-react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import type { ImportResult } from "./imports-api";

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  const f = useFormatters();
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {f.number(value)}
      </Text>
    </Card>
  );
}

export function ImportResultView({ result, onAgain }: { result: ImportResult; onAgain: () => void }) {
  const { t } = useTranslation();
  const rejected = result.rejected.length;
  return (
    <Stack gap="md" data-testid="import-result">
      <Alert
        color={rejected ? "yellow" : "teal"}
        variant="light"
        icon={<IconCircleCheck size={20} />}
        title={rejected ? t("imports.doneWithRejected", { count: rejected }) : t("imports.done")}
      >
        {t("imports.idempotent")}
      </Alert>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t("imports.created")} value={result.created} color="teal.7" testId="import-created" />
        <Stat label={t("imports.updated")} value={result.updated} color="blue.7" testId="import-updated" />
        <Stat label={t("imports.unchanged")} value={result.unchanged} testId="import-unchanged" />
        <Stat
          label={t("imports.rejected")}
          value={rejected}
          color={rejected ? "red.7" : undefined}
          testId="import-rejected"
        />
      </SimpleGrid>
      {rejected > 0 && (
        <Card withBorder radius="md" padding="lg">
          <Title order={3} size="h5" mb="sm">
            {t("imports.rejectedRows")}
          </Title>
          <Table verticalSpacing={6} data-testid="import-rejected-rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>{t("imports.line")}</Table.Th>
                <Table.Th>{t("imports.reason")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.rejected.map((r) => (
                <Table.Tr key={`${r.line}-${r.reason}`}>
                  <Table.Td>{r.line}</Table.Td>
                  <Table.Td>{r.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <Group justify="space-between">
        <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={onAgain}>
          {t("imports.again")}
        </Button>
        <Button component={Link} to="/accounts" data-testid="import-to-accounts">
          {t("imports.toAccounts")}
        </Button>
      </Group>
    </Stack>
  );
}
