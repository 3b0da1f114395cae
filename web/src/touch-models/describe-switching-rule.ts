// A switching rule in words: "When usage drops, tech-touch accounts switch to low touch".
import type { TFunction } from "i18next";
import { describeConditions } from "../segmentation/describe-condition";
import type { SwitchingRule } from "./touch-models-api";

export function describeSwitchingRule(rule: SwitchingRule, t: TFunction, lang: string): string {
  const from = rule.fromModels?.length
    ? rule.fromModels.map((m) => t(`touchModels.${m}`)).join(lang === "en" ? " or " : "・")
    : t("policy.anyModel");
  const sentence = t("policy.sentence", {
    signal: t(`policy.signals.${rule.signal}`),
    from,
    to: t(`touchModels.${rule.to}`),
  });
  return rule.conditions?.length
    ? `${sentence}${t("policy.onlyWhen", { conditions: describeConditions(rule.conditions, t, lang) })}`
    : sentence;
}
