import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import {
  IconArrowDown,
  IconArrowUp,
  IconDeviceFloppy,
  IconInfoCircle,
  IconPlus,
  IconTrash,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TouchModelBadge } from "../accounts/account-badges";
import { notifyError, notifySuccess } from "../platform/notify";
import { type TouchModel, touchModels } from "../platform/types";
import { ConditionEditor, normalizeCondition } from "../segmentation/condition-editor";
import { describeErrorPath, errorsByPath } from "../segmentation/rule-errors";
import { useSegmentOptions } from "../segmentation/segment-labels";
import { describeSwitchingRule } from "./describe-switching-rule";
import {
  type SignalType,
  type SwitchingRule,
  signalTypes,
  type TouchModelPolicy,
  touchModelPolicyQuery,
  useSaveTouchModelPolicy,
} from "./touch-models-api";

export function TouchModelPolicySection({ editable }: { editable: boolean }) {
  const policy = useQuery(touchModelPolicyQuery);
  if (!policy.data) return <Skeleton height={420} radius="md" />;
  return (
    <PolicyEditor
      key={policy.data.version}
      initial={policy.data.definition}
      version={policy.data.version}
      editable={editable}
    />
  );
}

function PolicyEditor({
  initial,
  version,
  editable,
}: {
  initial: TouchModelPolicy;
  version: number;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const segments = useSegmentOptions();
  const [draft, setDraft] = useState<TouchModelPolicy>(() => structuredClone(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveTouchModelPolicy();
  const readOnly = !editable;
  const modelOptions = touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }));
  const rows = [...new Set([...segments.map((s) => s.value), ...Object.keys(draft.mapping)])];

  const setRule = (i: number, rule: SwitchingRule) =>
    setDraft({ ...draft, switchingRules: draft.switchingRules.map((r, k) => (k === i ? rule : r)) });
  const move = (i: number, delta: -1 | 1) => {
    const list = [...draft.switchingRules];
    const [r] = list.splice(i, 1);
    if (r) list.splice(i + delta, 0, r);
    setDraft({ ...draft, switchingRules: list });
  };
  const submit = () => {
    setErrors({});
    const body: TouchModelPolicy = {
      ...draft,
      switchingRules: draft.switchingRules.map((r) => ({
        signal: r.signal,
        to: r.to,
        ...(r.fromModels?.length ? { fromModels: r.fromModels } : {}),
        ...(r.conditions?.length ? { conditions: r.conditions.map(normalizeCondition) } : {}),
      })),
    };
    save.mutateAsync(body).then(
      (v) => notifySuccess(t("policy.saved", { version: v.version })),
      (error: unknown) => {
        const byPath = errorsByPath(error);
        if (byPath) setErrors(byPath);
        else notifyError(error);
      },
    );
  };

  return (
    <Stack gap="md" data-testid="touch-model-policy">
      <Text size="sm" c="dimmed">
        {t("policy.description")}
      </Text>
      {readOnly && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
          {t("settings.readOnly")}
        </Alert>
      )}
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t("policy.mappingTitle")}
          </Title>
          <Text size="xs" c="dimmed">
            {t("rules.currentVersion", { version })}
          </Text>
        </Group>
        <Table verticalSpacing="xs" data-testid="policy-mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("policy.segment")}</Table.Th>
              <Table.Th>{t("policy.touchModel")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((key) => (
              <Table.Tr key={key}>
                <Table.Td>{segments.find((s) => s.value === key)?.label ?? key}</Table.Td>
                <Table.Td>
                  <Select
                    size="sm"
                    w={220}
                    aria-label={t("policy.touchModel")}
                    readOnly={readOnly}
                    clearable={!readOnly}
                    placeholder={t("policy.useFallback")}
                    data={modelOptions}
                    value={draft.mapping[key] ?? null}
                    onChange={(v) => {
                      const mapping = { ...draft.mapping };
                      if (v) mapping[key] = v as TouchModel;
                      else delete mapping[key];
                      setDraft({ ...draft, mapping });
                    }}
                    comboboxProps={{ withinPortal: true }}
                    data-testid={`policy-mapping-${key}`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {t("policy.fallback")}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("policy.fallbackHint")}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  size="sm"
                  w={220}
                  aria-label={t("policy.fallback")}
                  readOnly={readOnly}
                  allowDeselect={false}
                  data={modelOptions}
                  value={draft.fallback}
                  onChange={(v) => v && setDraft({ ...draft, fallback: v as TouchModel })}
                  comboboxProps={{ withinPortal: true }}
                />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4">
          {t("policy.switchingTitle")}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t("policy.switchingHint")}
        </Text>
        <Stack gap="sm">
          {draft.switchingRules.map((rule, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rules are ordered and edited in place
            <Card key={i} withBorder radius="md" padding="md" data-testid="switching-rule">
              <Group justify="space-between" wrap="nowrap" align="flex-start" mb="xs">
                <Text size="sm" fw={600} data-testid="switching-rule-text">
                  {i + 1}. {describeSwitchingRule(rule, t, lang)}
                </Text>
                {!readOnly && (
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label={t("rules.moveUp")}>
                      <ActionIcon
                        variant="subtle"
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                        aria-label={t("rules.moveUp")}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t("rules.moveDown")}>
                      <ActionIcon
                        variant="subtle"
                        disabled={i === draft.switchingRules.length - 1}
                        onClick={() => move(i, 1)}
                        aria-label={t("rules.moveDown")}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t("rules.removeRule")}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          setDraft({
                            ...draft,
                            switchingRules: draft.switchingRules.filter((_, k) => k !== i),
                          })
                        }
                        aria-label={t("rules.removeRule")}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                )}
              </Group>
              {!readOnly && (
                <Stack gap="xs">
                  <Group gap="xs" wrap="wrap" align="flex-end">
                    <Select
                      size="sm"
                      w={300}
                      label={t("policy.signal")}
                      allowDeselect={false}
                      data={signalTypes.map((s) => ({ value: s, label: t(`policy.signals.${s}`) }))}
                      value={rule.signal}
                      onChange={(v) => v && setRule(i, { ...rule, signal: v as SignalType })}
                      comboboxProps={{ withinPortal: true }}
                    />
                    <MultiSelect
                      size="sm"
                      w={280}
                      label={t("policy.fromModels")}
                      placeholder={rule.fromModels?.length ? undefined : t("policy.anyModel")}
                      data={modelOptions}
                      value={rule.fromModels ?? []}
                      onChange={(v) => setRule(i, { ...rule, fromModels: v as TouchModel[] })}
                      comboboxProps={{ withinPortal: true }}
                    />
                    <Select
                      size="sm"
                      w={180}
                      label={t("policy.to")}
                      allowDeselect={false}
                      data={modelOptions}
                      value={rule.to}
                      error={errors[`switchingRules.${i}.to`]}
                      onChange={(v) => v && setRule(i, { ...rule, to: v as TouchModel })}
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Group>
                  {(rule.conditions ?? []).map((c, j) => (
                    <ConditionEditor
                      // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
                      key={j}
                      condition={c}
                      readOnly={readOnly}
                      error={errors[`switchingRules.${i}.conditions.${j}.value`]}
                      onChange={(next) =>
                        setRule(i, {
                          ...rule,
                          conditions: (rule.conditions ?? []).map((x, k) => (k === j ? next : x)),
                        })
                      }
                      onRemove={() =>
                        setRule(i, { ...rule, conditions: (rule.conditions ?? []).filter((_, k) => k !== j) })
                      }
                    />
                  ))}
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    w="fit-content"
                    leftSection={<IconPlus size={14} />}
                    onClick={() =>
                      setRule(i, {
                        ...rule,
                        conditions: [...(rule.conditions ?? []), { field: "plan", op: "eq", value: "" }],
                      })
                    }
                  >
                    {t("rules.addCondition")}
                  </Button>
                </Stack>
              )}
              {readOnly && (
                <Group gap={4}>
                  {(rule.fromModels ?? []).map((m) => (
                    <TouchModelBadge key={m} model={m} size="sm" />
                  ))}
                </Group>
              )}
            </Card>
          ))}
          {!readOnly && (
            <Button
              variant="light"
              w="fit-content"
              leftSection={<IconPlus size={16} />}
              onClick={() =>
                setDraft({
                  ...draft,
                  switchingRules: [
                    ...draft.switchingRules,
                    { signal: "usage_dropped", fromModels: ["tech"], to: "low" },
                  ],
                })
              }
            >
              {t("policy.addRule")}
            </Button>
          )}
        </Stack>
      </Card>
      {Object.keys(errors).length > 0 && (
        <Alert color="red" variant="light" title={t("rules.invalid")}>
          {Object.entries(errors).map(([p, m]) => (
            <Text size="sm" key={p}>
              {describeErrorPath(p, t)}: {m}
            </Text>
          ))}
        </Alert>
      )}
      {editable && (
        <Group justify="flex-end">
          <Button
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={submit}
            loading={save.isPending}
            data-testid="policy-save"
          >
            {t("policy.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
