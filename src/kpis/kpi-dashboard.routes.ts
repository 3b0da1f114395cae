import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../platform/http/context.ts";
import { commonErrors, createRouter, jsonResponse, sendJson } from "../platform/http/openapi.ts";
import { cohortWindows, computeKpiCohorts, maxCohortMonths } from "./kpi-cohorts.ts";
import { kpiDefinitions, kpiIds } from "./kpi-definitions.ts";
import { computeKpiTrend, maxTrendPeriods } from "./kpi-trend.ts";
import { kpiFilterQuery, kpiResultSchema } from "./kpis.routes.ts";

const localized = z.object({ ja: z.string(), en: z.string() });

const kpiDefinitionSchema = z
  .object({
    id: z.enum(kpiIds),
    name: localized,
    explanation: localized,
    direction: z.enum(["higher", "lower"]),
    kind: z.enum(["rate", "average", "nps"]),
    unit: z.enum(["ratio", "days", "hours", "score"]),
    population: z.boolean(),
  })
  .openapi("KpiDefinition");

const trendQuery = z.object({
  from: z.string().optional().openapi({
    description:
      "First day of the last period (YYYY-MM-DD, workspace time zone); default the first of this month",
    example: "2026-03-01",
  }),
  to: z.string().optional().openapi({
    description:
      "Day after the last period's last day (YYYY-MM-DD); default the first of the month after `from`",
    example: "2026-04-01",
  }),
  asOf: z
    .string()
    .optional()
    .openapi({ description: "The instant every period is evaluated at; default now" }),
  count: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxTrendPeriods)
    .optional()
    .openapi({ description: "How many periods, the requested one last (default 12)", example: 12 }),
  ...kpiFilterQuery,
});

const cohortQuery = z.object({
  to: z.string().optional().openapi({
    description:
      "Day after the period's last day (YYYY-MM-DD, workspace time zone); the last cohort is the month of that last day. Default the first of next month",
    example: "2026-04-01",
  }),
  months: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxCohortMonths)
    .optional()
    .openapi({ description: "How many cohort months, the last one last (default 12)", example: 12 }),
  asOf: z
    .string()
    .optional()
    .openapi({ description: "The instant the table is evaluated at (ISO-8601); default now" }),
  ...kpiFilterQuery,
});

const cohortTableSchema = z
  .object({
    timezone: z.string(),
    asOf: z.string(),
    filters: kpiResultSchema.shape.filters,
    cohorts: z.array(
      z.object({
        month: z.string().openapi({ description: "YYYY-MM: the month of started_at, workspace time zone" }),
        started: z.number().int().openapi({ description: "Onboardings started in the month (by asOf)" }),
        windows: z.array(
          z.object({
            days: z.number().int(),
            matured: z.number().int().openapi({ description: "Onboardings with started_at + days ≤ asOf" }),
            completed: z
              .number()
              .int()
              .openapi({ description: "Of the matured, those completed within `days` of the start" }),
            share: z
              .number()
              .nullable()
              .openapi({ description: "completed ÷ matured; null when none matured" }),
          }),
        ),
      }),
    ),
  })
  .openapi("KpiCohortTable");

/** What a KPI dashboard reads besides GET /kpis: the definitions to explain, the trend and cohorts. */
export function kpiDashboardRoutes(services: Services) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/kpis/definitions",
      tags: ["KPIs"],
      summary:
        "How each KPI is defined: its name and a one-sentence explanation in Japanese and English, and which way is good",
      responses: {
        200: jsonResponse(
          z.object({ definitions: z.array(kpiDefinitionSchema) }),
          "The KPI definitions, in display order",
        ),
        ...commonErrors,
      },
    }),
    (c) => sendJson(c, { definitions: kpiIds.map((id) => kpiDefinitions[id]) }, 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/kpis/trend",
      tags: ["KPIs"],
      summary:
        "The KPIs of consecutive periods of the same length ending with the requested one (months step by months, quarters by quarters, other ranges by their days), oldest first",
      request: { query: trendQuery },
      responses: {
        200: jsonResponse(z.object({ periods: z.array(kpiResultSchema) }), "One KPI result per period"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { workspace } = c.get("caller");
      return sendJson(c, await computeKpiTrend(services.database.db, workspace, c.req.valid("query")), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/kpis/cohorts",
      tags: ["KPIs"],
      summary: `The cohort table: per month of start, the onboardings started and the share completed within ${cohortWindows.join(", ")} days among those that have had that long (as completed_within_target_rate counts)`,
      request: { query: cohortQuery },
      responses: {
        200: jsonResponse(cohortTableSchema, "One row per cohort month, oldest first"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { workspace } = c.get("caller");
      return sendJson(c, await computeKpiCohorts(services.database.db, workspace, c.req.valid("query")), 200);
    },
  );
  return app;
}
