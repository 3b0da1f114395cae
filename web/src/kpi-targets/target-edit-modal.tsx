// Set or change a KPI target: for the whole workspace or one segment / touch model, from a month on.
import {
  Autocomplete,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { DateInput, MonthPickerInput } from "@mantine/dates";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { KpiDefinition } from "../dashboard/kpi-types";
import { isApiError } from "../platform/api";
import { notifyError, notifySuccess } from "../platform/notify";
import { touchModels } from "../platform/types";
import { pickLabel, useSegmentOptions } from "../segmentation/segment-labels";
import { type KpiTarget, type ScopeDimension, type TargetScope, useSaveTarget } from "./kpi-targets-api";
import { fromInputUnit, inputRange, monthStart, toInputUnit, unitKey } from "./target-units";

export type TargetDraft = {
  /** The target to change; null sets a new one. */
  target: KpiTarget | null;
  scope?: TargetScope;
  /** A value to start from (the proposal), in the API's unit. */
  value?: number | null;
  effectiveFrom?: string;
};

export function TargetEditModal({
  def,
  draft,
  proposalHint,
  onClose,
}: {
  def: KpiDefinition;
  draft: TargetDraft;
  proposalHint: string | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const { target } = draft;
  const save = useSaveTarget(target?.id ?? null);
  const segments = useSegmentOptions();
  const initialScope = target ? target.scope : (draft.scope ?? null);
  const [dimension, setDimension] = useState<"overall" | ScopeDimension>(
    initialScope?.dimension ?? "overall",
  );
  const [scopeValue, setScopeValue] = useState(initialScope?.value ?? "");
  const [effectiveFrom, setEffectiveFrom] = useState<string | null>(
    target?.effectiveFrom ?? draft.effectiveFrom ?? null,
  );
  const startValue = target?.value ?? draft.value ?? null;
  const [value, setValue] = useState<number | string>(
    startValue === null ? "" : toInputUnit(def, startValue),
  );
  const [band, setBand] = useState<number | string>(toInputUnit(def, target?.warningBand ?? 0));
  const [reviewOn, setReviewOn] = useState<string | null>(target?.reviewOn ?? null);
  const [note, setNote] = useState(target?.note ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const range = inputRange(def);

  const submit = () => {
    const next: Record<string, string> = {};
    if (typeof value !== "number") next.value = t("kpiTargets.form.required");
    if (dimension !== "overall" && !scopeValue.trim())
      next.scope = t("kpiTargets.form.scopeValuePlaceholder");
    setErrors(next);
    if (Object.keys(next).length > 0 || typeof value !== "number" || !effectiveFrom) return;
    save.mutate(
      {
        kpiId: def.id,
        scope: dimension === "overall" ? null : { dimension, value: scopeValue.trim() },
        effectiveFrom: monthStart(effectiveFrom),
        value: fromInputUnit(def, value),
        warningBand: fromInputUnit(def, typeof band === "number" ? band : 0),
        ...(reviewOn ? { reviewOn } : {}),
        note: note.trim() || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t("kpiTargets.saved"));
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && error.details.length > 0)
            setErrors(Object.fromEntries(error.details.map((d) => [d.path.split(".")[0] ?? "", d.message])));
          else notifyError(error);
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={`${target ? t("kpiTargets.form.editTitle") : t("kpiTargets.form.createTitle")} — ${pickLabel(def.name, lang)}`}
    >
      <Stack gap="sm" data-testid="target-form">
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t("kpiTargets.form.scope")}
          </Text>
          <SegmentedControl
            fullWidth
            disabled={Boolean(target)}
            value={dimension}
            onChange={(v) => {
              setDimension(v as typeof dimension);
              setScopeValue("");
            }}
            data={(["overall", "segment", "touch_model"] as const).map((d) => ({
              value: d,
              label: t(`kpiTargets.scope.${d}`),
            }))}
            data-testid="target-form-scope"
          />
        </div>
        {dimension === "segment" && (
          <Autocomplete
            label={t("kpiTargets.form.scopeValue")}
            placeholder={t("kpiTargets.form.scopeValuePlaceholder")}
            data={segments.map((s) => s.value)}
            renderOption={({ option }) =>
              segments.find((s) => s.value === option.value)?.label ?? option.value
            }
            value={scopeValue}
            onChange={setScopeValue}
            disabled={Boolean(target)}
            error={errors.scope}
            comboboxProps={{ withinPortal: true }}
            data-testid="target-form-scope-value"
          />
        )}
        {dimension === "touch_model" && (
          <Select
            label={t("kpiTargets.form.scopeValue")}
            placeholder={t("kpiTargets.form.scopeValuePlaceholder")}
            data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
            value={scopeValue || null}
            onChange={(v) => setScopeValue(v ?? "")}
            disabled={Boolean(target)}
            error={errors.scope}
            comboboxProps={{ withinPortal: true }}
            data-testid="target-form-scope-value"
          />
        )}
        <MonthPickerInput
          label={t("kpiTargets.form.effectiveFrom")}
          description={t("kpiTargets.form.effectiveFromHint")}
          value={effectiveFrom}
          onChange={(v) => setEffectiveFrom(v ? String(v).slice(0, 10) : null)}
          valueFormat={lang === "en" ? "MMM YYYY" : "YYYY年M月"}
          error={errors.effectiveFrom}
          popoverProps={{ withinPortal: true }}
          data-testid="target-form-effective-from"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t("kpiTargets.form.value")}
            description={proposalHint ?? undefined}
            value={value}
            onChange={setValue}
            min={range.min}
            max={range.max}
            step={range.step}
            decimalScale={def.unit === "ratio" ? 1 : 2}
            rightSection={
              <Text size="xs" c="dimmed">
                {t(unitKey(def))}
              </Text>
            }
            rightSectionWidth={def.unit === "ratio" ? 32 : 56}
            error={errors.value}
            data-testid="target-form-value"
          />
          <NumberInput
            label={t("kpiTargets.form.warningBand")}
            description={
              def.direction === "higher"
                ? t("kpiTargets.form.warningBandHint")
                : t("kpiTargets.form.warningBandHintLower")
            }
            value={band}
            onChange={setBand}
            min={0}
            step={range.step}
            decimalScale={def.unit === "ratio" ? 1 : 2}
            rightSection={
              <Text size="xs" c="dimmed">
                {t(unitKey(def, true))}
              </Text>
            }
            rightSectionWidth={56}
            error={errors.warningBand}
            data-testid="target-form-band"
          />
        </SimpleGrid>
        <DateInput
          label={t("kpiTargets.form.reviewOn")}
          description={t("kpiTargets.form.reviewOnHint")}
          value={reviewOn}
          onChange={(v) => setReviewOn(v ? String(v).slice(0, 10) : null)}
          valueFormat={lang === "en" ? "MMM D, YYYY" : "YYYY年M月D日"}
          clearable
          error={errors.reviewOn}
          popoverProps={{ withinPortal: true }}
          data-testid="target-form-review-on"
        />
        <Textarea
          label={t("kpiTargets.form.note")}
          placeholder={t("kpiTargets.form.notePlaceholder")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          data-testid="target-form-note"
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            {t("kpiTargets.form.cancel")}
          </Button>
          <Button onClick={submit} loading={save.isPending} data-testid="target-form-save">
            {t("kpiTargets.form.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
