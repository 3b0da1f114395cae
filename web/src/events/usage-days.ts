// A day-by-day series for the usage chart: every day from..to, with 0 where nothing happened.
import type { UsageDay } from "./events-types";

const DAY_MS = 86_400_000;

export function fillDays(from: string, to: string, days: UsageDay[]): UsageDay[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return days;
  const byDay = new Map(days.map((d) => [d.day, d]));
  const out: UsageDay[] = [];
  for (let t = start; t <= end; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, events: 0, activeUsers: 0 });
  }
  return out;
}
