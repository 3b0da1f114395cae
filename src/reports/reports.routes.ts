import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../platform/auth/caller.ts";
import type { Services } from "../platform/http/context.ts";
import { commonErrors, createRouter, jsonBody, jsonResponse, sendJson } from "../platform/http/openapi.ts";
import { buildMonthlyReport } from "./build-monthly-report.ts";
import { queueMonthlyReport } from "./monthly-report-mail.ts";
import {
  parseReportFormat,
  renderReport,
  reportContentTypes,
  reportFileName,
  reportFormats,
} from "./render-report.ts";
import { reportLanguages } from "./report-model.ts";
import { lastReportMonth, parseReportMonth } from "./report-month.ts";

const reportQuery = z.object({
  month: z.string().openapi({ description: "The month (YYYY-MM, workspace time zone)", example: "2026-03" }),
  format: z
    .string()
    .optional()
    .openapi({ description: `One of ${reportFormats.join(", ")} (default html)`, example: "xlsx" }),
  lang: z
    .enum(reportLanguages)
    .optional()
    .openapi({ description: "ja or en (default the workspace's mail.language)" }),
  asOf: z
    .string()
    .optional()
    .openapi({ description: "The instant the KPIs are evaluated at (ISO-8601); default now" }),
});

const file = (description: string) => ({ schema: z.string().openapi({ description }) });

export function reportRoutes(services: Services) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/reports/monthly",
      tags: ["Reports"],
      summary:
        "The monthly KPI report as a file: the KPIs with targets and status, the change from the previous month, the 12-month trend, breakdowns, notable changes and the voice of the customer",
      request: { query: reportQuery },
      responses: {
        200: {
          description: "The report, as an attachment named embark-report-YYYY-MM.<format>",
          content: {
            "text/html": file("A self-contained HTML page, printable on A4"),
            "text/markdown": file("Markdown"),
            "text/csv": file("Tidy CSV rows with a UTF-8 BOM"),
            [reportContentTypes.xlsx]: { schema: z.string().openapi({ format: "binary" }) },
          },
        },
        ...commonErrors,
      },
    }),
    async (c) => {
      const { workspace } = c.get("caller");
      const query = c.req.valid("query");
      const month = parseReportMonth(query.month);
      const format = parseReportFormat(query.format);
      const report = await buildMonthlyReport(services.database.db, workspace, {
        month,
        lang: query.lang,
        asOf: query.asOf,
      });
      const body = await renderReport(report, format);
      // html opens in the browser's tab; the other formats download.
      const disposition = format === "html" ? "inline" : "attachment";
      return c.body(typeof body === "string" ? body : new Uint8Array(body), 200, {
        "Content-Type": reportContentTypes[format],
        "Content-Disposition": `${disposition}; filename="${reportFileName(month, format)}"`,
        "Cache-Control": "private, no-store",
      }) as never;
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/reports/monthly/send",
      tags: ["Reports"],
      summary:
        "E-mail a month's report (default last month) to the workspace's report.recipients now (manager or admin)",
      middleware: [requireRole("manager")] as const,
      request: {
        body: jsonBody(
          z.object({
            month: z
              .string()
              .optional()
              .openapi({ description: "YYYY-MM; default last month", example: "2026-03" }),
          }),
        ),
      },
      responses: {
        200: jsonResponse(
          z.object({ month: z.string(), queued: z.number().int(), recipients: z.array(z.string()) }),
          "The e-mails queued in the outbox",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { workspace } = c.get("caller");
      const body = c.req.valid("json");
      const month =
        body.month === undefined
          ? lastReportMonth(workspace.settings.timezone)
          : parseReportMonth(body.month);
      const queued = await queueMonthlyReport(services.database.db, workspace, month, {
        publicUrl: services.config.publicUrl,
        manual: true,
      });
      return sendJson(c, { month, queued, recipients: workspace.settings["report.recipients"] }, 200);
    },
  );
  return app;
}
