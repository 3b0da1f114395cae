import { parseDateOrInstant } from "../time.ts";

/** Thrown for one cell; the importer turns it into "line N: column: reason". */
export class CellError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(`${column}: ${message}`);
  }
}

/** Reads typed values out of one CSV row; an empty cell is "no value" (null). */
export class Cells {
  constructor(
    private readonly values: Record<string, string>,
    private readonly timeZone: string,
  ) {}

  has(column: string): boolean {
    return column in this.values;
  }

  text(column: string, max = 2000): string | null {
    const v = this.values[column];
    if (v === undefined || v === "") return null;
    if (v.length > max) throw new CellError(column, `is longer than ${max} characters`);
    if (v.includes("\u0000")) throw new CellError(column, "contains a NUL character");
    return v;
  }

  required(column: string, max = 2000): string {
    const v = this.text(column, max);
    if (v === null) throw new CellError(column, "is required");
    return v;
  }

  number(column: string, options: { integer?: boolean; min?: number; max?: number } = {}): number | null {
    const raw = this.text(column);
    if (raw === null) return null;
    const cleaned = raw.replace(/[,\s_]/g, "").replace(/^[¥$￥]/, "");
    const n = /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
    if (!Number.isFinite(n)) throw new CellError(column, `"${raw.slice(0, 40)}" is not a number`);
    if (options.integer && !Number.isInteger(n))
      throw new CellError(column, `"${raw}" is not a whole number`);
    if (options.min !== undefined && n < options.min)
      throw new CellError(column, `must be at least ${options.min}`);
    if (options.max !== undefined && n > options.max)
      throw new CellError(column, `must be at most ${options.max}`);
    return n;
  }

  instant(column: string): Date | null {
    const raw = this.text(column);
    if (raw === null) return null;
    const d = parseDateOrInstant(raw, this.timeZone);
    if (!d) throw new CellError(column, `"${raw}" is not a date (YYYY-MM-DD) or ISO-8601 instant`);
    return d;
  }

  choice<T extends string>(
    column: string,
    allowed: readonly T[],
    normalize: (v: string) => unknown = (v) => v,
  ): T | null {
    const raw = this.text(column);
    if (raw === null) return null;
    const v = normalize(raw);
    if (!allowed.includes(v as T))
      throw new CellError(column, `"${raw}" must be one of ${allowed.join(", ")}`);
    return v as T;
  }

  email(column: string): string | null {
    const raw = this.text(column, 320);
    if (raw === null) return null;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw))
      throw new CellError(column, `"${raw}" is not an e-mail address`);
    return raw.toLowerCase();
  }
}
