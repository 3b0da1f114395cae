import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../platform/http/context.ts";
import { commonErrors, createRouter, jsonResponse, sendJson } from "../platform/http/openapi.ts";
import { computeKpis } from "./compute-kpis.ts";
import { kpiIds } from "./kpi-definitions.ts";
import { breakdownDimensions } from "./kpi-period.ts";

const kpiValue = z
  .object({
    value: z.number().nullable(),
    numerator: z.number().int().optional(),
    denominator: z.number().int().optional(),
    interval: z.tuple([z.number(), z.number()]).nullable().optional(),
    n: z.number().int().optional(),
    mean: z.number().nullable().optional(),
    median: z.number().nullable().optional(),
    p90: z.number().nullable().optional(),
    unanswered: z.number().int().optional(),
    promoters: z.number().int().optional(),
    passives: z.number().int().optional(),
    detractors: z.number().int().optional(),
    target: z.number().nullable(),
    status: z.enum(["no_target", "on_track", "at_risk", "off_track", "no_data"]),
  })
  .openapi("KpiValue");

const kpiSet = z.object(
  Object.fromEntries(kpiIds.map((id) => [id, kpiValue])) as Record<(typeof kpiIds)[number], typeof kpiValue>,
);

export const kpiResultSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timezone: z.string() }),
    asOf: z.string(),
    kpis: kpiSet,
    breakdown: z
      .object({
        by: z.enum(breakdownDimensions),
        groups: z.array(z.object({ key: z.string().nullable(), kpis: kpiSet })),
      })
      .optional(),
  })
  .openapi("KpiResult");

const kpiQuery = z.object({
  from: z.string().optional().openapi({
    description: "First day (YYYY-MM-DD, workspace time zone), inclusive; default the first of this month",
    example: "2026-01-01",
  }),
  to: z.string().optional().openapi({
    description: "Day after the last (YYYY-MM-DD), exclusive; default the first of the month after `from`",
    example: "2026-04-01",
  }),
  asOf: z.string().optional().openapi({
    description: "The instant the KPIs are evaluated at (ISO-8601); facts after it do not count. Default now",
  }),
  by: z
    .string()
    .optional()
    .openapi({ description: `Break down by ${breakdownDimensions.join(", ")}`, example: "plan" }),
});

export function kpiRoutes(services: Services) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/kpis",
      tags: ["KPIs"],
      summary: "The onboarding KPIs of a period with their evidence (shared/KPIS.md), optionally broken down",
      request: { query: kpiQuery },
      responses: { 200: jsonResponse(kpiResultSchema, "The KPIs"), ...commonErrors },
    }),
    async (c) => {
      const { workspace } = c.get("caller");
      return sendJson(c, await computeKpis(services.database.db, workspace, c.req.valid("query")), 200);
    },
  );
  return app;
}
