import { AppError } from "../platform/http/errors.ts";
import type { MonthlyReport } from "./report-model.ts";

export const reportFormats = ["html", "md", "csv", "xlsx"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const reportContentTypes: Record<ReportFormat, string> = {
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function parseReportFormat(value: string | undefined): ReportFormat {
  const v = (value ?? "html").trim().toLowerCase();
  if ((reportFormats as readonly string[]).includes(v)) return v as ReportFormat;
  throw new AppError(
    "validation_failed",
    `format must be one of ${reportFormats.join(", ")}, not "${(value ?? "").slice(0, 40)}"`,
  );
}

export const reportFileName = (month: string, format: ReportFormat) => `embark-report-${month}.${format}`;

/** The report in a format; each renderer is loaded only when used (exceljs is large). */
export async function renderReport(report: MonthlyReport, format: ReportFormat): Promise<string | Buffer> {
  switch (format) {
    case "html":
      return (await import("./render-html.ts")).renderReportHtml(report);
    case "md":
      return (await import("./render-markdown.ts")).renderReportMarkdown(report);
    case "csv":
      return (await import("./render-csv.ts")).renderReportCsv(report);
    case "xlsx":
      return (await import("./render-xlsx.ts")).renderReportXlsx(report);
  }
}
