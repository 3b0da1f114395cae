import { NumberInput, Select, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useTranslation } from "react-i18next";
import { pickLabel } from "../segmentation/segment-labels";
import type { HearingQuestion } from "./hearing-api";

export type FieldValue = string | number;

/** One question's input by its type: free text, a choice, a number or a date. */
export function HearingQuestionInput({
  question: q,
  value,
  onChange,
  error,
  readOnly,
  description,
}: {
  question: HearingQuestion;
  value: FieldValue;
  onChange: (value: FieldValue) => void;
  error?: string;
  readOnly: boolean;
  description?: React.ReactNode;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const common = {
    label: pickLabel(q.label, lang),
    required: q.required,
    error,
    readOnly,
    description,
    inputWrapperOrder: ["label", "input", "description", "error"] as (
      | "label"
      | "input"
      | "description"
      | "error"
    )[],
    "data-testid": `hearing-q-${q.id}`,
  };
  switch (q.type) {
    case "choice":
      return (
        <Select
          {...common}
          clearable={!readOnly}
          data={(q.options ?? []).map((o) => ({
            value: o.value,
            label: pickLabel(o.label, lang) ?? o.value,
          }))}
          value={value === "" ? null : String(value)}
          onChange={(v) => onChange(v ?? "")}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case "number":
      return <NumberInput {...common} thousandSeparator="," value={value} onChange={onChange} />;
    case "date":
      return (
        <DateInput
          {...common}
          clearable={!readOnly}
          valueFormat="YYYY/MM/DD"
          value={value === "" ? null : String(value)}
          onChange={(v) => onChange(v ?? "")}
        />
      );
    default:
      return (
        <Textarea
          {...common}
          autosize
          minRows={1}
          maxRows={8}
          value={String(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}
