import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage, type Language } from "../platform/i18n";

const labels: Record<Language, string> = { ja: "日本語", en: "English" };

export function LanguageSwitch({ size = "xs" }: { size?: "xs" | "sm" }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      data-testid="lang-switch"
      aria-label={t("shell.language")}
      size={size}
      value={currentLanguage()}
      onChange={(value) => void i18n.changeLanguage(value)}
      data={(Object.keys(labels) as Language[]).map((value) => ({ value, label: labels[value] }))}
    />
  );
}
