// The monthly report file: fetched with the chosen workspace (a plain link could not send its header),
// then saved, or for html shown in a new tab.
import { ApiError, apiPost, toQueryString } from "../platform/api";
import { getChosenWorkspace } from "../platform/workspace-choice";

export const reportFormats = ["html", "xlsx", "csv", "md"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const reportFileName = (month: string, format: ReportFormat) => `embark-report-${month}.${format}`;

export const reportUrl = (month: string, format: ReportFormat, lang: string) =>
  `/api/v1/reports/monthly${toQueryString({ month, format, lang })}`;

async function fetchReport(month: string, format: ReportFormat, lang: string): Promise<Blob> {
  const headers: Record<string, string> = {};
  const workspace = getChosenWorkspace();
  if (workspace) headers["X-Embark-Workspace"] = workspace;
  const res = await fetch(reportUrl(month, format, lang), { credentials: "include", headers });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(res.status, body?.error?.code ?? "http_error", body?.error?.message ?? res.statusText);
  }
  return res.blob();
}

/**
 * Downloads the report; html opens in a new tab instead. The tab is opened before the fetch, while
 * the click still counts as the user's, so pop-up blockers let it through.
 */
export async function openReport(month: string, format: ReportFormat, lang: string): Promise<void> {
  const tab = format === "html" ? window.open("", "_blank") : null;
  try {
    const blob = await fetchReport(month, format, lang);
    const url = URL.createObjectURL(blob);
    if (tab) tab.location.href = url;
    else {
      const link = document.createElement("a");
      link.href = url;
      link.download = reportFileName(month, format);
      document.body.append(link);
      link.click();
      link.remove();
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab?.close();
    throw err;
  }
}

export const sendReportNow = (month?: string) =>
  apiPost<{ month: string; queued: number; recipients: string[] }>("/api/v1/reports/monthly/send", { month });

/** The last `count` months (YYYY-MM) up to and including this one, newest first. */
export function recentMonths(today: string, count = 24): string[] {
  let [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
  }
  return months;
}
