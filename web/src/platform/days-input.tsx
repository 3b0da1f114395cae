import { NumberInput, type NumberInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A whole number of days: no decimals, nothing negative, "日" / "days" after the number. */
export function DaysInput(props: NumberInputProps) {
  const { t } = useTranslation();
  return (
    <NumberInput allowDecimal={false} allowNegative={false} suffix={t("common.daysSuffix")} {...props} />
  );
}
