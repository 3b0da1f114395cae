// i18next set-up: Japanese and English, detected from the browser once and then remembered.
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import dashboardEn from "../i18n/dashboard.en.json";
import dashboardJa from "../i18n/dashboard.ja.json";
import en from "../i18n/en.json";
import eventsEn from "../i18n/events.en.json";
import eventsJa from "../i18n/events.ja.json";
import followUpEn from "../i18n/followUp.en.json";
import followUpJa from "../i18n/followUp.ja.json";
import informationEmailsEn from "../i18n/informationEmails.en.json";
import informationEmailsJa from "../i18n/informationEmails.ja.json";
import ja from "../i18n/ja.json";
import kpiTargetsEn from "../i18n/kpiTargets.en.json";
import kpiTargetsJa from "../i18n/kpiTargets.ja.json";
import mailEn from "../i18n/mail.en.json";
import mailJa from "../i18n/mail.ja.json";
import onboardingEn from "../i18n/onboarding.en.json";
import onboardingJa from "../i18n/onboarding.ja.json";
import portalEn from "../i18n/portal.en.json";
import portalJa from "../i18n/portal.ja.json";
import reportsEn from "../i18n/reports.en.json";
import reportsJa from "../i18n/reports.ja.json";
import seminarsEn from "../i18n/seminars.en.json";
import seminarsJa from "../i18n/seminars.ja.json";
import surveysEn from "../i18n/surveys.en.json";
import surveysJa from "../i18n/surveys.ja.json";

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
    // One file per capability, each under its own top-level key.
    resources: {
      ja: {
        translation: {
          ...ja,
          ...onboardingJa,
          ...followUpJa,
          ...portalJa,
          ...eventsJa,
          ...mailJa,
          ...surveysJa,
          ...seminarsJa,
          ...informationEmailsJa,
          ...dashboardJa,
          ...reportsJa,
          ...kpiTargetsJa,
        },
      },
      en: {
        translation: {
          ...en,
          ...onboardingEn,
          ...followUpEn,
          ...portalEn,
          ...eventsEn,
          ...mailEn,
          ...surveysEn,
          ...seminarsEn,
          ...informationEmailsEn,
          ...dashboardEn,
          ...reportsEn,
          ...kpiTargetsEn,
        },
      },
    },
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
