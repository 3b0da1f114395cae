import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconArrowLeft, IconFileImport } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import {
  accountColumns,
  contactColumns,
  type ImportKind,
  type ImportPreview,
  inquiryColumns,
  type Mapping,
  seminarInvitationColumns,
  surveyResponseColumns,
} from "./imports-api";

type Props = {
  kind: ImportKind;
  fileName: string;
  preview: ImportPreview;
  mapping: Mapping;
  onMappingChange: (mapping: Mapping) => void;
  rememberAs: string;
  onRememberAsChange: (name: string) => void;
  onBack: () => void;
  onImport: () => void;
  importing: boolean;
};

/** Each file column → one Embark column (or keep as a custom attribute, or ignore). */
export function ImportMappingStep(p: Props) {
  const { t } = useTranslation();
  const f = useFormatters();
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const targets =
    p.kind === "accounts"
      ? accountColumns
      : p.kind === "contacts"
        ? contactColumns
        : p.kind === "survey-responses"
          ? surveyResponseColumns
          : p.kind === "inquiries"
            ? inquiryColumns
            : seminarInvitationColumns;
  const options = targets.map((c) => ({ value: c, label: t(`imports.columns.${c}`) }));
  const used = Object.values(p.mapping).filter((v) => v !== "ignore" && v !== "custom");
  const duplicates = new Set(used.filter((v, i) => used.indexOf(v) !== i));
  const required =
    p.kind === "accounts"
      ? ["external_id", "name"]
      : p.kind === "contacts"
        ? ["account_external_id", "email"]
        : p.kind === "survey-responses"
          ? ["account_external_id", "survey", "score", "answered_at"]
          : p.kind === "inquiries"
            ? ["account_external_id", "opened_at"]
            : ["account_external_id", "contact_email", "seminar", "session_at", "invited_at"];
  const missing = required.filter((r) => !used.includes(r));
  const sample = (col: string) =>
    p.preview.rows
      .slice(0, 3)
      .map((r) => r[col])
      .filter(Boolean)
      .join(" / ") || "—";
  const targetSelect = (col: string) => {
    const target = p.mapping[col] ?? "ignore";
    return (
      <Select
        size="sm"
        aria-label={t("imports.embarkColumnFor", { column: col })}
        allowDeselect={false}
        searchable
        data={options}
        value={target}
        error={duplicates.has(target) ? t("imports.duplicate") : undefined}
        onChange={(v) => p.onMappingChange({ ...p.mapping, [col]: v ?? "ignore" })}
        comboboxProps={{ withinPortal: true }}
        data-testid="import-mapping-select"
      />
    );
  };
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="sm" align="flex-start">
          <div>
            <Title order={2} size="h4">
              {t("imports.mappingTitle")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("imports.fileSummary", {
                name: p.fileName,
                count: p.preview.totalRows,
                formatted: f.number(p.preview.totalRows),
              })}
            </Text>
          </div>
          {p.preview.mappings.length > 0 && (
            <Select
              w={260}
              label={t("imports.useRemembered")}
              placeholder={t("imports.chooseMapping")}
              data={p.preview.mappings.map((m) => ({ value: m.id, label: m.name }))}
              onChange={(id) => {
                const m = p.preview.mappings.find((x) => x.id === id);
                if (m)
                  p.onMappingChange(
                    Object.fromEntries(
                      p.preview.columns.map((c) => [c, m.mapping[c] ?? p.mapping[c] ?? "ignore"]),
                    ),
                  );
              }}
              comboboxProps={{ withinPortal: true }}
              data-testid="import-remembered"
            />
          )}
        </Group>
        {isPhone ? (
          <Stack gap="sm" data-testid="import-mapping">
            {p.preview.columns.map((col) => (
              <Card key={col} withBorder padding="sm" data-testid="import-mapping-row" data-column={col}>
                <Text size="sm" fw={600}>
                  {col}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1} mb={6}>
                  {sample(col)}
                </Text>
                {targetSelect(col)}
              </Card>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing={6} data-testid="import-mapping">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("imports.fileColumn")}</Table.Th>
                  <Table.Th>{t("imports.sample")}</Table.Th>
                  <Table.Th w={280}>{t("imports.embarkColumn")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.preview.columns.map((col) => (
                  <Table.Tr key={col} data-testid="import-mapping-row" data-column={col}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {col}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={260}>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {sample(col)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{targetSelect(col)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {missing.length > 0 && (
          <Group gap={6} mt="sm">
            <Text size="sm" c="red">
              {t("imports.missingRequired")}
            </Text>
            {missing.map((m) => (
              <Badge key={m} color="red" variant="light" tt="none">
                {t(`imports.columns.${m}`)}
              </Badge>
            ))}
          </Group>
        )}
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Title order={3} size="h5" mb="sm">
          {t("imports.firstRows")}
        </Title>
        <Table.ScrollContainer minWidth={Math.max(600, p.preview.columns.length * 140)}>
          <Table striped verticalSpacing={4} fz="xs" data-testid="import-rows">
            <Table.Thead>
              <Table.Tr>
                {p.preview.columns.map((c) => (
                  <Table.Th key={c} style={{ whiteSpace: "nowrap" }}>
                    {c}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.preview.rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity
                <Table.Tr key={i}>
                  {p.preview.columns.map((c) => (
                    <Table.Td key={c} style={{ whiteSpace: "nowrap" }}>
                      {r[c] ?? ""}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("imports.rememberAs")}
          description={t("imports.rememberAsHint")}
          placeholder={t("imports.rememberAsPlaceholder")}
          value={p.rememberAs}
          onChange={(e) => p.onRememberAsChange(e.currentTarget.value)}
          data-testid="import-remember-as"
        />
      </SimpleGrid>
      <Group justify="space-between">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={p.onBack}>
          {t("imports.back")}
        </Button>
        <Button
          leftSection={<IconFileImport size={16} />}
          onClick={p.onImport}
          loading={p.importing}
          disabled={missing.length > 0 || duplicates.size > 0}
          data-testid="import-run"
        >
          {t("imports.run", { count: p.preview.totalRows, formatted: f.number(p.preview.totalRows) })}
        </Button>
      </Group>
    </Stack>
  );
}
