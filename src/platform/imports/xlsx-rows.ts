import ExcelJS from "exceljs";
import { AppError } from "../http/errors.ts";
import type { CsvTable, SourceRow } from "./csv-rows.ts";

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // Excel stores a date without a zone; a time of exactly midnight is a calendar date.
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("hyperlink" in value) return String(value.hyperlink);
    if ("error" in value) return "";
  }
  return String(value).trim();
}

/** Reads the first worksheet of an .xlsx file: the first row names the columns. */
export async function parseXlsx(data: Buffer | ArrayBuffer): Promise<CsvTable> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as ArrayBuffer);
  } catch {
    throw new AppError("validation_failed", "The file is not a readable .xlsx workbook");
  }
  const sheet = book.worksheets[0];
  if (!sheet || sheet.rowCount === 0)
    throw new AppError("validation_failed", "The workbook's first sheet is empty");
  const header = sheet.getRow(1);
  const columns: string[] = [];
  for (let c = 1; c <= header.cellCount; c++) columns.push(cellText(header.getCell(c).value).trim());
  while (columns.length > 0 && columns.at(-1) === "") columns.pop();
  const blank = columns.indexOf("");
  if (blank >= 0) throw new AppError("validation_failed", `Column ${blank + 1} of the header has no name`);
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) throw new AppError("validation_failed", `The header names column "${dup}" twice`);
  const rows: SourceRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values: Record<string, string> = Object.create(null);
    columns.forEach((c, i) => {
      values[c] = cellText(row.getCell(i + 1).value);
    });
    if (Object.values(values).some((v) => v !== "")) rows.push({ line, values });
  });
  return { columns, rows };
}
