// Small shared helpers of the survey screens.
import { useTranslation } from "react-i18next";
import type { Localized } from "../platform/types";

export function useLocalizedText() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === "en" ? "en" : "ja";
  return (text: Localized | null | undefined) =>
    text ? (lang === "en" ? text.en || text.ja : text.ja || text.en) : "";
}

export const bandColors: Record<string, string> = {
  detractor: "red",
  passive: "yellow",
  promoter: "teal",
  low: "red",
  neutral: "yellow",
  high: "teal",
};

/** The colour of one score on its scale (NPS 0–10, CSAT 1–5). */
export function scoreColor(kind: string, score: number): string {
  if (kind === "nps") return score <= 6 ? "red" : score <= 8 ? "yellow" : "teal";
  return score <= 2 ? "red" : score === 3 ? "yellow" : "teal";
}
