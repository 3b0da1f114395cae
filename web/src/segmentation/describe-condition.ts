// Segment-rule conditions in words ("プラン = プレミアム", "従業員数 ≥ 1,000").
import type { TFunction } from "i18next";
import type { RuleCondition } from "./segmentation-api";

export function fieldLabel(field: string, t: TFunction): string {
  if (field.startsWith("custom.")) return t("rules.customField", { name: field.slice("custom.".length) });
  return t(`rules.fields.${field}`, { defaultValue: field });
}

export function valueLabel(field: string, value: string | number, t: TFunction, lang: string): string {
  if (typeof value === "number") return new Intl.NumberFormat(lang === "en" ? "en" : "ja").format(value);
  const v = value.toLowerCase();
  if (field === "plan") return t(`plans.${v}`, { defaultValue: value });
  if (field === "lifecyclePhase") return t(`phases.${v}`, { defaultValue: value });
  if (field === "usageFrequency") return t(`usageFrequencies.${v}`, { defaultValue: value });
  return value;
}

export function describeCondition(c: RuleCondition, t: TFunction, lang: string): string {
  const values = c.value === undefined ? [] : Array.isArray(c.value) ? c.value : [c.value];
  const value = values.map((v) => valueLabel(c.field, v, t, lang)).join(lang === "en" ? ", " : "、");
  return t(`rules.opText.${c.op}`, { field: fieldLabel(c.field, t), value });
}

export function describeConditions(conditions: RuleCondition[], t: TFunction, lang: string): string {
  if (conditions.length === 0) return t("rules.always");
  return conditions.map((c) => describeCondition(c, t, lang)).join(t("rules.and"));
}
