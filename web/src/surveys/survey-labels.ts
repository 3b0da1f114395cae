export const bandColors: Record<string, string> = {
  detractor: "red",
  passive: "yellow",
  promoter: "teal",
  low: "red",
  neutral: "yellow",
  high: "teal",
};

/** The colour of one score on its scale (NPS 0–10, CSAT 1–5). */
export function scoreColor(kind: string, score: number): string {
  if (kind === "nps") return score <= 6 ? "red" : score <= 8 ? "yellow" : "teal";
  return score <= 2 ? "red" : score === 3 ? "yellow" : "teal";
}
