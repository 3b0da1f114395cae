import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { requireRole } from "../platform/auth/caller.ts";
import type { AppEnv, Services } from "../platform/http/context.ts";
import { notFound } from "../platform/http/errors.ts";
import {
  commonErrors,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  scoped,
  sendJson,
} from "../platform/http/openapi.ts";
import { followUpActions, followUpTriggers } from "./detect-follow-ups.ts";
import {
  acceptFollowUp,
  acceptFollowUpInput,
  dismissFollowUp,
  dismissFollowUpInput,
  followUpListQuery,
  followUpStatuses,
  getFollowUp,
  listFollowUps,
} from "./follow-ups.ts";
import { reviewWorkspace } from "./review-follow-ups.ts";

const instant = z.string().openapi({ format: "date-time" });
const reasonSchema = z.object({ code: z.string() }).passthrough();

export const followUpSchema = z
  .object({
    id: z.string(),
    onboardingId: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    touchModel: z.string().nullable(),
    segment: z.string().nullable(),
    contractValue: z.number().nullable(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    onboarding: z.object({
      id: z.string(),
      status: z.string(),
      statusReasons: z.array(reasonSchema),
      progress: z.number(),
      targetDate: z.string().nullable(),
      lastProgressAt: instant,
    }),
    trigger: z.enum([...followUpTriggers, "detractor"]),
    action: z.enum(followUpActions),
    details: z
      .object({
        reasons: z.array(reasonSchema),
        tasks: z
          .array(
            z.object({
              id: z.string(),
              key: z.string(),
              title: z.object({ ja: z.string(), en: z.string() }),
              stage: z.string(),
              dueOn: z.string(),
              daysOverdue: z.number().int(),
            }),
          )
          .optional(),
        days: z.number().optional(),
        criteria: z
          .object({ unmet: z.number().int(), total: z.number().int(), daysLeft: z.number().nullable() })
          .optional(),
        touchModel: z.string().nullable(),
        stage: z.string(),
      })
      .passthrough(),
    score: z.number(),
    status: z.enum(followUpStatuses),
    taskId: z.string().nullable(),
    decisionReason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: instant.nullable(),
    detectedAt: instant,
    updatedAt: instant,
  })
  .openapi("FollowUp");

const reviewResultSchema = z.object({
  refreshed: z.number().int(),
  onboardings: z.number().int(),
  opened: z.number().int(),
  updated: z.number().int(),
  resolved: z.number().int(),
});

/** 404 for a follow-up of another workspace before the body is validated. */
function requireFollowUp(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.param("id");
    if (!id) throw notFound("Follow-up");
    await scoped(services, c, (tx, { workspace }) => getFollowUp(tx, workspace.id, id));
    await next();
  };
}

export function followUpRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Follow-up"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/follow-ups",
      tags,
      summary: "Follow-ups proposed for onboardings that need attention, most urgent first",
      request: { query: followUpListQuery },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(followUpSchema),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
          "The ranked list",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) => listFollowUps(tx, workspace, query, userId)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/follow-ups/review",
      tags,
      summary:
        "Recompute every running onboarding and review its follow-ups now (the daily review runs by itself)",
      middleware: [requireRole("manager")] as const,
      responses: { 200: jsonResponse(reviewResultSchema, "What the review did"), ...commonErrors },
    }),
    async (c) =>
      sendJson(c, await scoped(services, c, (tx, { workspace }) => reviewWorkspace(tx, workspace)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/follow-ups/{id}/accept",
      tags,
      summary:
        "Accept a follow-up: a CS-side task joins the account's plan, assigned to the account owner by default",
      middleware: [requireRole("csm"), requireFollowUp(services)] as const,
      request: { params: idParam, body: jsonBody(acceptFollowUpInput) },
      responses: {
        200: jsonResponse(followUpSchema, "The accepted follow-up with its task"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          acceptFollowUp(tx, workspace, id, input, userId, new Date(), {
            publicUrl: services.config.publicUrl,
          }),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/follow-ups/{id}/dismiss",
      tags,
      summary: "Dismiss a follow-up with the reason it is not needed",
      middleware: [requireRole("csm"), requireFollowUp(services)] as const,
      request: { params: idParam, body: jsonBody(dismissFollowUpInput) },
      responses: { 200: jsonResponse(followUpSchema, "The dismissed follow-up"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          dismissFollowUp(tx, workspace, id, input, userId),
        ),
        200,
      );
    },
  );

  return app;
}
