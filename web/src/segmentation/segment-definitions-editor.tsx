import { ActionIcon, Button, Group, Stack, Table, TextInput, Tooltip } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { SegmentDefinition } from "./segmentation-api";

/** The segments with their English key and ja/en names. */
export function SegmentDefinitionsEditor({
  segments,
  onChange,
  readOnly,
  errors,
}: {
  segments: SegmentDefinition[];
  onChange: (segments: SegmentDefinition[]) => void;
  readOnly: boolean;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<SegmentDefinition>) =>
    onChange(segments.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={6} data-testid="segment-definitions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="28%">{t("rules.segmentKey")}</Table.Th>
              <Table.Th>{t("rules.labelJa")}</Table.Th>
              <Table.Th>{t("rules.labelEn")}</Table.Th>
              {!readOnly && <Table.Th w={44} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {segments.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
              <Table.Tr key={i}>
                <Table.Td>
                  <TextInput
                    size="sm"
                    ff="monospace"
                    aria-label={t("rules.segmentKey")}
                    readOnly={readOnly}
                    value={s.key}
                    error={errors[`segments.${i}.key`]}
                    onChange={(e) => set(i, { key: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="sm"
                    aria-label={t("rules.labelJa")}
                    readOnly={readOnly}
                    value={s.label.ja}
                    error={errors[`segments.${i}.label.ja`]}
                    onChange={(e) => set(i, { label: { ...s.label, ja: e.currentTarget.value } })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="sm"
                    aria-label={t("rules.labelEn")}
                    readOnly={readOnly}
                    value={s.label.en}
                    error={errors[`segments.${i}.label.en`]}
                    onChange={(e) => set(i, { label: { ...s.label, en: e.currentTarget.value } })}
                  />
                </Table.Td>
                {!readOnly && (
                  <Table.Td>
                    <Tooltip label={t("rules.removeSegment")}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => onChange(segments.filter((_, k) => k !== i))}
                        aria-label={t("rules.removeSegment")}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!readOnly && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...segments, { key: "", label: { ja: "", en: "" } }])}
          >
            {t("rules.addSegment")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
