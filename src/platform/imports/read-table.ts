import { AppError } from "../http/errors.ts";
import { type CsvTable, parseCsv } from "./csv-rows.ts";
import { parseXlsx } from "./xlsx-rows.ts";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Reads an uploaded or local file as a table: .xlsx (by name or content) or UTF-8 CSV. */
export async function readTable(data: Buffer, fileName = ""): Promise<CsvTable> {
  const isZip = ZIP_MAGIC.every((b, i) => data[i] === b);
  if (fileName.toLowerCase().endsWith(".xlsx") || isZip) return parseXlsx(data);
  if (fileName.toLowerCase().endsWith(".xls"))
    throw new AppError("validation_failed", "Old .xls workbooks are not read; save the file as .xlsx or CSV");
  const text = new TextDecoder("utf-8", { fatal: true });
  try {
    return parseCsv(text.decode(data));
  } catch (err) {
    if (err instanceof TypeError)
      throw new AppError(
        "validation_failed",
        "The file is not UTF-8 text; save it as CSV UTF-8 (Excel: 「CSV UTF-8」) or .xlsx",
      );
    throw err;
  }
}

/** Renames the file's columns to Embark's by a mapping (file column → Embark column); unmapped columns are dropped unless kept. */
export function applyMapping(table: CsvTable, mapping: Record<string, string>): CsvTable {
  const kept = table.columns.filter((c) => Object.hasOwn(mapping, c) && mapping[c] !== "ignore");
  const target = (c: string) => (mapping[c] === "custom" ? c : mapping[c]!);
  const targets = kept.map(target);
  const dup = targets.find((t, i) => targets.indexOf(t) !== i);
  if (dup) throw new AppError("validation_failed", `Two columns are mapped to "${dup}"`);
  return {
    columns: targets,
    rows: table.rows.map(({ line, values, extraCells }) => ({
      line,
      extraCells,
      values: Object.assign(
        Object.create(null) as Record<string, string>,
        Object.fromEntries(kept.map((c) => [target(c), values[c] ?? ""])),
      ),
    })),
  };
}
