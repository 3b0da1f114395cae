// Validation details of a rules save or preview, by path ("rules.0.conditions.1.value").
import { ApiError } from "../platform/api";

export function errorsByPath(error: unknown): Record<string, string> | null {
  if (!(error instanceof ApiError) || error.code !== "validation_failed") return null;
  const out: Record<string, string> = {};
  for (const d of error.details) out[d.path.replace(/^body\./, "")] = d.message;
  return out;
}

/** Where an error path points, in words ("ルール5・条件1"). */
export function describeErrorPath(
  path: string,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const n = (s: string | undefined) => Number(s) + 1;
  let m = /^rules\.(\d+)\.conditions\.(\d+)/.exec(path);
  if (m) return t("rules.errorAt.condition", { rule: n(m[1]), condition: n(m[2]) });
  m = /^switchingRules\.(\d+)\.conditions\.(\d+)/.exec(path);
  if (m) return t("rules.errorAt.switchingCondition", { rule: n(m[1]), condition: n(m[2]) });
  m = /^switchingRules\.(\d+)/.exec(path);
  if (m) return t("rules.errorAt.switchingRule", { rule: n(m[1]) });
  m = /^rules\.(\d+)/.exec(path);
  if (m) return t("rules.errorAt.rule", { rule: n(m[1]) });
  m = /^segments\.(\d+)/.exec(path);
  if (m) return t("rules.errorAt.segment", { row: n(m[1]) });
  if (path === "fallback") return t("rules.fallback");
  return path;
}
