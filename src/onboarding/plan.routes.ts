import { createRoute, z } from "@hono/zod-openapi";
import { requireAccount } from "../accounts/require-account.ts";
import { reviewOnboarding } from "../follow-up/review-follow-ups.ts";
import { requireRole } from "../platform/auth/caller.ts";
import type { Services } from "../platform/http/context.ts";
import { AppError } from "../platform/http/errors.ts";
import {
  commonErrors,
  type createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  scoped,
  sendJson,
} from "../platform/http/openapi.ts";
import { parseDateOrInstant } from "../platform/time.ts";
import { listOnboardings } from "./list-onboardings.ts";
import { changeTargetDate, completeByCsm, proposeCriteria } from "./onboarding-edits.ts";
import {
  completeInput,
  onboardingListQuery,
  onboardingListSchema,
  onboardingPatch,
  onboardingSummarySchema,
  planSchema,
  startInput,
} from "./onboarding-schemas.ts";
import { listAccountOnboardings } from "./onboarding-summaries.ts";
import { changePlan, planParams, staffActor } from "./plan-route-helpers.ts";
import { readPlan } from "./read-plan.ts";
import { requireOnboarding } from "./require-onboarding.ts";
import { startOnboarding } from "./start-onboarding.ts";

/** The overview, starting an onboarding and the plan-wide changes (due date, proposal, completion). */
export function registerPlanRoutes(app: ReturnType<typeof createRouter>, services: Services) {
  const tags = ["Onboardings"];
  const planResponse = { 200: jsonResponse(planSchema, "The plan now"), ...commonErrors };

  app.openapi(
    createRoute({
      method: "get",
      path: "/onboardings",
      tags,
      summary: "Onboardings with their status (default: the running ones), counts per status, one page",
      request: { query: onboardingListQuery },
      responses: { 200: jsonResponse(onboardingListSchema, "The overview"), ...commonErrors },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => listOnboardings(tx, workspace.id, query)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/onboardings",
      tags,
      summary: "The account's onboardings, newest first",
      middleware: [requireAccount(services)] as const,
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(onboardingSummarySchema) }), "Onboardings"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const items = await scoped(services, c, (tx, { workspace }) =>
        listAccountOnboardings(tx, workspace.id, id),
      );
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/accounts/{id}/onboardings",
      tags,
      summary:
        "Start an onboarding from a template (default: the one for the account's touch model); 409 when one is running",
      middleware: [requireRole("csm"), requireAccount(services)] as const,
      request: { params: idParam, body: jsonBody(startInput) },
      responses: { 201: jsonResponse(planSchema, "The new plan"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const plan = await scoped(services, c, async (tx, caller) => {
        const startedAt = input.startedAt
          ? parseDateOrInstant(input.startedAt, caller.workspace.settings.timezone)
          : undefined;
        if (startedAt === null)
          throw new AppError("validation_failed", "startedAt is not a date", [
            { path: "startedAt", message: "must be YYYY-MM-DD or an ISO-8601 instant" },
          ]);
        const onboardingId = await startOnboarding(tx, caller.workspace, id, {
          templateId: input.templateId,
          startedAt,
          source: "manual",
          by: staffActor(caller),
        });
        await reviewOnboarding(tx, caller.workspace, onboardingId);
        return readPlan(tx, caller.workspace, onboardingId);
      });
      return sendJson(c, plan, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/onboardings/{id}",
      tags,
      summary: "The plan: summary, tasks, meetings, criteria, resources, agreement and confirmation",
      middleware: [requireOnboarding(services)] as const,
      request: { params: planParams },
      responses: planResponse,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(c, await scoped(services, c, (tx, { workspace }) => readPlan(tx, workspace, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/onboardings/{id}",
      tags,
      summary: "Change the due date (after an agreement the customer agrees again)",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: planParams, body: jsonBody(onboardingPatch) },
      responses: planResponse,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      const plan = await changePlan(services, c, id, async (tx, { workspace }, by) => {
        if (patch.targetDate !== undefined) await changeTargetDate(tx, workspace, id, patch.targetDate, by);
      });
      return sendJson(c, plan, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/onboardings/{id}/propose",
      tags,
      summary: "Propose the current criteria and due date to the customer (409 without criteria or due date)",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: planParams },
      responses: planResponse,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        proposeCriteria(tx, workspace, id, by),
      );
      return sendJson(c, plan, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/onboardings/{id}/complete",
      tags,
      summary: "Complete the onboarding as the CSM, with the reason the customer does not confirm it",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: planParams, body: jsonBody(completeInput) },
      responses: planResponse,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        completeByCsm(tx, workspace, id, reason, by),
      );
      return sendJson(c, plan, 200);
    },
  );
}
