export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportResult {
  kind: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
}

export const emptyResult = (kind: string): ImportResult => ({
  kind,
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: [],
});

export type Progress = (done: number, total: number) => void;

/** Splits `items` into chunks of `size` (the last may be shorter). */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
