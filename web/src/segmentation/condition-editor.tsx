import { ActionIcon, Group, NumberInput, Select, TagsInput, TextInput, Tooltip } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useAccountFacets } from "../accounts/accounts-api";
import { lifecyclePhases } from "../platform/types";
import { fieldLabel } from "./describe-condition";
import {
  type RuleCondition,
  type RuleOperator,
  ruleFields,
  ruleOperators,
  usageFrequencies,
} from "./segmentation-api";

const numericFields = new Set(["employees", "annualRevenue", "contractValue"]);
const CUSTOM = "custom.";

/** A condition's value as the API wants it: numbers for numeric fields, a list for in / notIn. */
export function normalizeCondition(c: RuleCondition): RuleCondition {
  if (c.op === "isEmpty" || c.op === "isNotEmpty") return { field: c.field, op: c.op };
  const numeric = numericFields.has(c.field);
  const one = (v: string | number) => (numeric && v !== "" && !Number.isNaN(Number(v)) ? Number(v) : v);
  if (c.op === "in" || c.op === "notIn") {
    const list = Array.isArray(c.value) ? c.value : c.value === undefined || c.value === "" ? [] : [c.value];
    return { field: c.field, op: c.op, value: list.map(one) };
  }
  const v = Array.isArray(c.value) ? c.value[0] : c.value;
  return { field: c.field, op: c.op, value: v === undefined ? "" : one(v) };
}

export function ConditionEditor({
  condition: c,
  onChange,
  onRemove,
  readOnly,
  error,
}: {
  condition: RuleCondition;
  onChange: (c: RuleCondition) => void;
  onRemove: () => void;
  readOnly: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const facets = useAccountFacets();
  const isCustom = c.field.startsWith(CUSTOM);
  const fieldChoice = isCustom ? "custom" : c.field;
  const noValue = c.op === "isEmpty" || c.op === "isNotEmpty";
  const list = c.op === "in" || c.op === "notIn";
  const choices: string[] | null =
    c.field === "lifecyclePhase"
      ? lifecyclePhases
      : c.field === "usageFrequency"
        ? [...usageFrequencies]
        : c.field === "plan"
          ? [...new Set(["premium", "middle", "light", ...(facets.data?.plans ?? [])])]
          : c.field === "industry"
            ? (facets.data?.industries ?? [])
            : null;
  const choiceLabel = (v: string) =>
    c.field === "plan"
      ? t(`plans.${v.toLowerCase()}`, { defaultValue: v })
      : c.field === "lifecyclePhase"
        ? t(`phases.${v}`)
        : c.field === "usageFrequency"
          ? t(`usageFrequencies.${v}`)
          : v;
  const single = Array.isArray(c.value) ? (c.value[0] ?? "") : (c.value ?? "");
  const listValue = (
    Array.isArray(c.value) ? c.value : c.value === undefined || c.value === "" ? [] : [c.value]
  ).map(String);

  let valueInput: React.ReactNode = null;
  const common = {
    "aria-label": t("rules.value"),
    readOnly,
    error,
    style: { flex: "1 1 180px" },
    size: "sm" as const,
  };
  if (noValue) valueInput = null;
  else if (list)
    valueInput = (
      <TagsInput
        {...common}
        placeholder={t("rules.listPlaceholder")}
        data={choices ?? []}
        value={listValue}
        onChange={(v) => onChange({ ...c, value: v })}
        data-testid="condition-value"
      />
    );
  else if (choices && (c.op === "eq" || c.op === "neq") && c.field !== "industry")
    valueInput = (
      <Select
        {...common}
        data={choices.map((v) => ({ value: v, label: choiceLabel(v) }))}
        value={single === "" ? null : String(single)}
        onChange={(v) => onChange({ ...c, value: v ?? "" })}
        comboboxProps={{ withinPortal: true }}
        data-testid="condition-value"
      />
    );
  else if (numericFields.has(c.field))
    valueInput = (
      <NumberInput
        {...common}
        thousandSeparator=","
        value={single}
        onChange={(v) => onChange({ ...c, value: v })}
        data-testid="condition-value"
      />
    );
  else
    valueInput = (
      <TextInput
        {...common}
        value={String(single)}
        onChange={(e) => onChange({ ...c, value: e.currentTarget.value })}
        data-testid="condition-value"
      />
    );

  return (
    <Group gap="xs" align="flex-start" wrap="wrap" data-testid="condition">
      <Select
        aria-label={t("rules.field")}
        size="sm"
        w={200}
        readOnly={readOnly}
        allowDeselect={false}
        data={[
          ...ruleFields.map((f) => ({ value: f, label: fieldLabel(f, t) })),
          { value: "custom", label: t("rules.customChoice") },
        ]}
        value={fieldChoice}
        onChange={(v) => onChange({ ...c, field: v === "custom" ? CUSTOM : (v ?? c.field), value: "" })}
        comboboxProps={{ withinPortal: true }}
        data-testid="condition-field"
      />
      {isCustom && (
        <TextInput
          aria-label={t("rules.customName")}
          placeholder={t("rules.customName")}
          size="sm"
          w={140}
          readOnly={readOnly}
          value={c.field.slice(CUSTOM.length)}
          onChange={(e) => onChange({ ...c, field: CUSTOM + e.currentTarget.value.trim() })}
        />
      )}
      <Select
        aria-label={t("rules.operator")}
        size="sm"
        w={170}
        readOnly={readOnly}
        allowDeselect={false}
        data={ruleOperators.map((o) => ({ value: o, label: t(`rules.ops.${o}`) }))}
        value={c.op}
        onChange={(v) => onChange(normalizeForOp({ ...c, op: (v ?? c.op) as RuleOperator }))}
        comboboxProps={{ withinPortal: true }}
        data-testid="condition-op"
      />
      {valueInput}
      {!readOnly && (
        <Tooltip label={t("rules.removeCondition")}>
          <ActionIcon
            variant="subtle"
            color="red"
            size={36}
            onClick={onRemove}
            aria-label={t("rules.removeCondition")}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

function normalizeForOp(c: RuleCondition): RuleCondition {
  if (c.op === "isEmpty" || c.op === "isNotEmpty") return { field: c.field, op: c.op };
  if (c.op === "in" || c.op === "notIn")
    return {
      ...c,
      value: Array.isArray(c.value) ? c.value : c.value === undefined || c.value === "" ? [] : [c.value],
    };
  return { ...c, value: Array.isArray(c.value) ? (c.value[0] ?? "") : (c.value ?? "") };
}
