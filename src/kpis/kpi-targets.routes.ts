import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../platform/auth/caller.ts";
import type { Services } from "../platform/http/context.ts";
import {
  commonErrors,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  scoped,
  sendJson,
} from "../platform/http/openapi.ts";
import { computeKpiAlerts } from "./kpi-alerts.ts";
import { kpiIds } from "./kpi-definitions.ts";
import {
  createTarget,
  definitionsReview,
  deleteTarget,
  listTargets,
  markDefinitionsReviewed,
  markTargetReviewed,
  targetScopeDimensions,
  todayIn,
  updateTarget,
} from "./kpi-targets.ts";
import { BASELINE_PERIODS, proposeTargets } from "./kpi-targets-proposals.ts";

const monthStart = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-01$/, "must be the first day of a month (YYYY-MM-01)")
  .openapi({ example: "2026-04-01" });
const day = z.iso.date().openapi({ example: "2026-10-01" });
const scope = z
  .object({
    dimension: z.enum(targetScopeDimensions),
    value: z.string().trim().min(1).max(200).openapi({ example: "enterprise" }),
  })
  .nullable()
  .openapi({ description: "A breakdown value the target is for; null or absent: the whole workspace" });

const targetInput = z
  .object({
    kpiId: z.enum(kpiIds),
    scope: scope.optional(),
    effectiveFrom: monthStart.openapi({
      description: "The first month (its first day, workspace time zone) the target applies to",
    }),
    value: z.number().openapi({
      description: "In the KPI's unit: rates as shares (0.6 = 60%), NPS points, days or hours",
      example: 0.6,
    }),
    warningBand: z.number().min(0).default(0).openapi({
      description:
        "How far short of the target is still at risk rather than off track (rates: 0.05 = 5 points)",
      example: 0.05,
    }),
    reviewOn: day
      .optional()
      .openapi({ description: "When to review the target; default six months from today" }),
    note: z.string().max(2000).nullable().optional(),
  })
  .strict()
  .openapi("KpiTargetInput");

const targetPatch = z
  .object({
    effectiveFrom: monthStart.optional(),
    value: z.number().optional(),
    warningBand: z.number().min(0).optional(),
    reviewOn: day.optional(),
    note: z.string().max(2000).nullable().optional(),
  })
  .strict()
  .openapi("KpiTargetPatch");

const scopeOut = z.object({ dimension: z.enum(targetScopeDimensions), value: z.string() }).nullable();

const targetSchema = z
  .object({
    id: z.string(),
    kpiId: z.enum(kpiIds),
    scope: scopeOut,
    effectiveFrom: z.string(),
    value: z.number(),
    warningBand: z.number(),
    reviewOn: z.string(),
    note: z.string().nullable(),
    setBy: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    setAt: z.string(),
    updatedAt: z.string(),
    reviewedAt: z.string().nullable(),
    state: z.enum(["current", "upcoming", "past"]),
    reviewDue: z.boolean(),
  })
  .openapi("KpiTarget");

const definitionsReviewSchema = z
  .object({ reviewedOn: z.string(), dueOn: z.string(), due: z.boolean() })
  .openapi("KpiDefinitionsReview");

const periodQuery = z.object({
  from: z
    .string()
    .optional()
    .openapi({ description: "First day (YYYY-MM-DD); default the first of this month" }),
  to: z.string().optional().openapi({ description: "Day after the last; default a month after `from`" }),
});

const proposalSchema = z
  .object({
    kpiId: z.enum(kpiIds),
    periods: z.array(
      z.object({ from: z.string(), to: z.string(), value: z.number().nullable(), n: z.number().int() }),
    ),
    baseline: z.number().nullable(),
    periodsWithData: z.number().int(),
    proposal: z.number().nullable(),
  })
  .openapi("KpiTargetProposal");

const alertsSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    alerts: z.array(
      z.object({
        kpiId: z.enum(kpiIds),
        scope: scopeOut,
        value: z.number(),
        target: z.number(),
        warningBand: z.number(),
        status: z.literal("off_track"),
      }),
    ),
    reviews: z.array(
      z.union([
        z.object({
          kind: z.literal("target"),
          targetId: z.string(),
          kpiId: z.enum(kpiIds),
          scope: scopeOut,
          dueOn: z.string(),
        }),
        z.object({ kind: z.literal("definitions"), dueOn: z.string() }),
      ]),
    ),
  })
  .openapi("KpiAlerts");

/** KPI targets (managers and admins set them, everyone reads them), proposals, review dates and alerts. */
export function kpiTargetRoutes(services: Services) {
  const app = createRouter();
  const tags = ["KPI targets"];
  const manager = requireRole("manager");
  const { db } = services.database;

  app.openapi(
    createRoute({
      method: "get",
      path: "/kpi-targets",
      tags,
      summary:
        "Every KPI target, by KPI, scope and start, each marked current / upcoming / past and whether its review is due; and the KPI definitions' review date",
      responses: {
        200: jsonResponse(
          z.object({
            today: z.string(),
            items: z.array(targetSchema),
            definitionsReview: definitionsReviewSchema,
          }),
          "The targets",
        ),
        ...commonErrors,
      },
    }),
    async (c) =>
      sendJson(
        c,
        await scoped(services, c, async (tx, { workspace }) => ({
          today: todayIn(workspace),
          items: await listTargets(tx, workspace),
          definitionsReview: await definitionsReview(tx, workspace),
        })),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/kpi-targets/proposals",
      tags,
      summary: `A realistic target per KPI for a period: a modest step beyond the baseline (the last ${BASELINE_PERIODS} complete periods of the same length, weighted by their n), with those periods`,
      request: { query: periodQuery },
      responses: {
        200: jsonResponse(
          z.object({
            period: z.object({ from: z.string(), to: z.string() }),
            proposals: z.array(proposalSchema),
          }),
          "One proposal per KPI",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { workspace } = c.get("caller");
      return sendJson(c, await proposeTargets(db, workspace, c.req.valid("query")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/kpi-targets",
      tags,
      summary: "Set a target for a KPI (optionally for one segment or touch model) from a month on",
      middleware: [manager] as const,
      request: { body: jsonBody(targetInput) },
      responses: { 201: jsonResponse(targetSchema, "The target"), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) => createTarget(tx, workspace, input, userId)),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/kpi-targets/{id}",
      tags,
      summary: "Change a target's value, warning band, start, review date or note",
      middleware: [manager] as const,
      request: { params: idParam, body: jsonBody(targetPatch) },
      responses: { 200: jsonResponse(targetSchema, "The target"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          updateTarget(tx, workspace, id, patch, userId),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/kpi-targets/{id}",
      tags,
      summary: "Remove a target (the one before it applies again from its start)",
      middleware: [manager] as const,
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ id: z.string(), deleted: z.literal(true) }), "Removed"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => deleteTarget(tx, workspace, id)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/kpi-targets/{id}/reviewed",
      tags,
      summary: "Mark a target reviewed: its next review is six months from today",
      middleware: [manager] as const,
      request: { params: idParam },
      responses: { 200: jsonResponse(targetSchema, "The target"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => markTargetReviewed(tx, workspace, id)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/kpi-definitions/reviewed",
      tags,
      summary:
        "Mark the KPI definition settings (kpi.targetDays, activation.events, activation.mode) reviewed today; the next review is due in six months",
      middleware: [manager] as const,
      responses: { 200: jsonResponse(definitionsReviewSchema, "The review dates"), ...commonErrors },
    }),
    async (c) => {
      const { workspace } = c.get("caller");
      return sendJson(c, await markDefinitionsReviewed(db, workspace), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/kpis/alerts",
      tags,
      summary:
        "For a period (default this month): the KPIs off track against their target (overall and per segment / touch model with a target of their own), and the reviews that are due",
      request: { query: periodQuery },
      responses: { 200: jsonResponse(alertsSchema, "Alerts and review reminders"), ...commonErrors },
    }),
    async (c) => {
      const { workspace } = c.get("caller");
      return sendJson(c, await computeKpiAlerts(db, workspace, c.req.valid("query")), 200);
    },
  );

  return app;
}
