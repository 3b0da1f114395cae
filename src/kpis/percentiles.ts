/**
 * Percentile by linear interpolation between closest ranks (PostgreSQL's percentile_cont,
 * numpy's default): position p·(n−1) in the sorted values, interpolated between its neighbours.
 * So the median of an even count is the mean of the two middle values, as KPIS.md asks, and
 * p90 of 1..10 is 9.1. The SQL engine uses percentile_cont; this is the same rule in TypeScript.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lower = Math.floor(pos);
  const upper = Math.ceil(pos);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (pos - lower);
}

export const median = (values: readonly number[]) => percentile(values, 0.5);

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}
