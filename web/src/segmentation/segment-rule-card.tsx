import { ActionIcon, Badge, Button, Card, Group, Select, Stack, Text, Tooltip } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ConditionEditor } from "./condition-editor";
import type { SegmentRule } from "./segmentation-api";

type Props = {
  rule: SegmentRule;
  index: number;
  count: number;
  segments: { value: string; label: string }[];
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (rule: SegmentRule) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
};

/** One ordered rule: "when all these conditions hold → this segment". */
export function SegmentRuleCard({
  rule,
  index,
  count,
  segments,
  readOnly,
  errors,
  onChange,
  onMove,
  onRemove,
}: Props) {
  const { t } = useTranslation();
  const at = (suffix: string) => errors[`rules.${index}.${suffix}`];
  return (
    <Card withBorder radius="md" padding="md" data-testid="segment-rule">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="xs">
          <Badge variant="filled" size="lg" tt="none">
            {t("rules.ruleN", { n: index + 1 })}
          </Badge>
          <Text size="sm" c="dimmed">
            {rule.conditions.length === 0 ? t("rules.matchesAll") : t("rules.allOf")}
          </Text>
        </Group>
        {!readOnly && (
          <Group gap={2} wrap="nowrap">
            <Tooltip label={t("rules.moveUp")}>
              <ActionIcon
                variant="subtle"
                disabled={index === 0}
                onClick={() => onMove(-1)}
                aria-label={t("rules.moveUp")}
                data-testid="rule-up"
              >
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t("rules.moveDown")}>
              <ActionIcon
                variant="subtle"
                disabled={index === count - 1}
                onClick={() => onMove(1)}
                aria-label={t("rules.moveDown")}
                data-testid="rule-down"
              >
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t("rules.removeRule")}>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={onRemove}
                aria-label={t("rules.removeRule")}
                data-testid="rule-remove"
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      <Stack gap="xs">
        {rule.conditions.map((c, j) => (
          <ConditionEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
            key={j}
            condition={c}
            readOnly={readOnly}
            error={at(`conditions.${j}.value`) ?? at(`conditions.${j}.field`) ?? at(`conditions.${j}`)}
            onChange={(next) =>
              onChange({ ...rule, conditions: rule.conditions.map((x, k) => (k === j ? next : x)) })
            }
            onRemove={() => onChange({ ...rule, conditions: rule.conditions.filter((_, k) => k !== j) })}
          />
        ))}
        {!readOnly && (
          <Button
            variant="subtle"
            size="compact-sm"
            w="fit-content"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              onChange({
                ...rule,
                conditions: [...rule.conditions, { field: "employees", op: "gte", value: "" }],
              })
            }
            data-testid="condition-add"
          >
            {t("rules.addCondition")}
          </Button>
        )}
        <Group gap="xs" mt={4}>
          <Text size="sm" fw={600}>
            →
          </Text>
          <Select
            aria-label={t("rules.segment")}
            size="sm"
            w={240}
            readOnly={readOnly}
            allowDeselect={false}
            data={segments}
            value={rule.segment}
            error={at("segment")}
            onChange={(v) => v && onChange({ ...rule, segment: v })}
            comboboxProps={{ withinPortal: true }}
            data-testid="rule-segment"
          />
        </Group>
      </Stack>
    </Card>
  );
}
