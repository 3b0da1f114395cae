// Texts kept in both languages ({ja, en}) and pages that open in their reader's language.
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Localized } from "./types";

/** Picks the UI language's side of a {ja, en} text, else the other side. */
export function useLocalizedText() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === "en" ? "en" : "ja";
  return (text: Localized | null | undefined) =>
    text ? (lang === "en" ? text.en || text.ja : text.ja || text.en) : "";
}

/** Switches the UI once to `locale` when it becomes known (a public link opens in its reader's language); the language switch still works after. */
export function useOpenInLanguage(locale: string | undefined) {
  const { i18n } = useTranslation();
  const done = useRef(false);
  useEffect(() => {
    if (locale && !done.current) {
      done.current = true;
      if (i18n.resolvedLanguage !== locale) void i18n.changeLanguage(locale);
    }
  }, [locale, i18n]);
}
