import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../platform/http/context.ts";
import { commonErrors, createRouter, jsonResponse, sendJson } from "../platform/http/openapi.ts";
import { computeKpis } from "./compute-kpis.ts";
import { kpiIds } from "./kpi-definitions.ts";
import { describeFilters } from "./kpi-filters.ts";
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
    filters: z
      .object({
        segment: z.array(z.string()).optional(),
        touchModel: z.array(z.string()).optional(),
        owner: z.array(z.string()).optional(),
        plan: z.array(z.string()).optional(),
      })
      .optional()
      .openapi({
        description: "Only when filtered: the values each filter kept (`none`: accounts without one)",
      }),
    kpis: kpiSet,
    breakdown: z
      .object({
        by: z.enum(breakdownDimensions),
        groups: z.array(z.object({ key: z.string().nullable(), kpis: kpiSet })),
      })
      .optional(),
  })
  .openapi("KpiResult");

/** The account filters every KPI endpoint takes (see kpi-filters.ts). */
export const kpiFilterQuery = {
  segment: z.string().optional().openapi({ description: describeFilters.segment, example: "enterprise" }),
  touchModel: z.string().optional().openapi({ description: describeFilters.touchModel, example: "high,low" }),
  owner: z
    .string()
    .optional()
    .openapi({ description: describeFilters.owner, example: "tanaka@example.com,none" }),
  plan: z.string().optional().openapi({ description: describeFilters.plan, example: "premium" }),
};

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
  ...kpiFilterQuery,
});

export function kpiRoutes(services: Services) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/kpis",
      tags: ["KPIs"],
      summary:
        "The onboarding KPIs of a period with their evidence (shared/KPIS.md), optionally broken down and restricted to accounts by segment, touch model, owner (the CSM's e-mail) and plan",
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
