// KPI values as people read them: rates in %, NPS signed, days and hours with one decimal.
import type { KpiDefinition, KpiValue } from "./kpi-types";

export type KpiFormat = {
  value: (def: KpiDefinition, value: number | null | undefined) => string;
  /** The change from the previous period: rates in percentage points. */
  delta: (def: KpiDefinition, delta: number) => string;
  interval: (v: KpiValue) => string | null;
};

export function makeKpiFormat(lang: string): KpiFormat {
  const locale = lang === "en" ? "en" : "ja";
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const pctShort = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const unit = (def: KpiDefinition, text: string) =>
    def.unit === "days"
      ? locale === "ja"
        ? `${text}日`
        : `${text} d`
      : def.unit === "hours"
        ? locale === "ja"
          ? `${text}時間`
          : `${text} h`
        : text;
  return {
    value: (def, value) => {
      if (value === null || value === undefined || Number.isNaN(value)) return "—";
      if (def.unit === "ratio") return pct.format(value);
      if (def.kind === "nps") return signed.format(value);
      return unit(def, oneDecimal.format(value));
    },
    delta: (def, delta) => {
      const abs = Math.abs(delta);
      if (def.unit === "ratio")
        return `${oneDecimal.format(abs * 100)}${locale === "ja" ? "ポイント" : " pt"}`;
      if (def.kind === "nps") return pctShort.format(abs);
      return unit(def, oneDecimal.format(abs));
    },
    interval: (v) =>
      v.interval ? `${pctShort.format(v.interval[0] * 100)}–${pctShort.format(v.interval[1] * 100)}%` : null,
  };
}

/** Rates change by less than this count as flat (display rounding); other units by 0.05. */
export function isFlat(def: KpiDefinition, delta: number): boolean {
  return Math.abs(delta) < (def.unit === "ratio" ? 0.0005 : def.kind === "nps" ? 0.5 : 0.05);
}
