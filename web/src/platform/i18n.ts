// i18next set-up: Japanese and English, detected from the browser once and then remembered.
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import en from "../i18n/en.json";
import ja from "../i18n/ja.json";

export const languages = ["ja", "en"] as const;
export type Language = (typeof languages)[number];
export const LANGUAGE_STORAGE_KEY = "embark.lang";

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === "en" ? "en" : "ja";
}

function reflectLanguage(lng: string) {
  document.documentElement.lang = lng.startsWith("en") ? "en" : "ja";
}

i18n.on("languageChanged", reflectLanguage);

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    supportedLngs: [...languages],
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    returnNull: false,
    detection: {
      order: ["localStorage", "navigator"],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ["localStorage"],
    },
  });

reflectLanguage(i18n.resolvedLanguage ?? "ja");

export default i18n;
