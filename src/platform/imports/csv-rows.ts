import { parse } from "csv-parse/sync";
import { AppError } from "../http/errors.ts";

export interface SourceRow {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  /** Cells by column name (a prototype-free object, so any header is just a name). */
  values: Record<string, string>;
  /** The row has non-empty cells beyond the header's columns. */
  extraCells?: boolean;
}

export interface CsvTable {
  columns: string[];
  rows: SourceRow[];
}

/** Parses CSV text per CONTRACT.md: header row, UTF-8 with an optional BOM, RFC 4180 quoting. */
export function parseCsv(text: string): CsvTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new AppError(
      "validation_failed",
      `The file is not valid CSV${e.lines ? ` (line ${e.lines})` : ""}: ${e.message}`,
    );
  }
  const [header, ...body] = records;
  if (!header) throw new AppError("validation_failed", "The file is empty: it needs a header row");
  const columns = header.record.map((c) => c.trim());
  const blank = columns.indexOf("");
  if (blank >= 0) throw new AppError("validation_failed", `Column ${blank + 1} of the header has no name`);
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) throw new AppError("validation_failed", `The header names column "${dup}" twice`);
  let previousEnd = header.info.lines;
  const rows = body.map(({ record, info }) => {
    // csv-parse reports the line a record ends on; it starts after the previous one ends, past blank lines.
    const line = previousEnd + 1;
    previousEnd = info.lines;
    const values: Record<string, string> = Object.create(null);
    columns.forEach((c, i) => {
      values[c] = (record[i] ?? "").trim();
    });
    const extraCells =
      record.length > columns.length && record.slice(columns.length).some((v) => v.trim() !== "");
    return { line, values, extraCells };
  });
  return { columns, rows };
}
