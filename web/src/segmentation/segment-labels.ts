// Segment keys ("enterprise") shown by the names the segment rules give them, in the UI language.
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { Localized } from "../platform/types";
import { segmentRulesQuery } from "./segmentation-api";

export function pickLabel(label: Localized | null | undefined, lang: string): string | null {
  if (!label) return null;
  return lang === "en" ? label.en || label.ja : label.ja || label.en;
}

export function useSegmentLabel(): (key: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const rules = useQuery(segmentRulesQuery);
  const lang = i18n.resolvedLanguage ?? "ja";
  const segments = rules.data?.definition.segments;
  return useCallback(
    (key) => {
      if (!key) return "—";
      return pickLabel(segments?.find((s) => s.key === key)?.label, lang) ?? key;
    },
    [segments, lang],
  );
}

/** The segments to choose from: the defined ones, else every key the rules use. */
export function useSegmentOptions(): { value: string; label: string }[] {
  const rules = useQuery(segmentRulesQuery);
  const label = useSegmentLabel();
  const d = rules.data?.definition;
  if (!d) return [];
  const keys = d.segments?.map((s) => s.key) ?? [...new Set([...d.rules.map((r) => r.segment), d.fallback])];
  return keys.map((k) => ({ value: k, label: label(k) }));
}
