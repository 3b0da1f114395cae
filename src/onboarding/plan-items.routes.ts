import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../platform/auth/caller.ts";
import type { Services } from "../platform/http/context.ts";
import {
  commonErrors,
  type createRouter,
  jsonBody,
  jsonResponse,
  sendJson,
} from "../platform/http/openapi.ts";
import { createCriterion, deleteCriterion, updateCriterion } from "./criterion-edits.ts";
import { createMeeting, deleteMeeting, updateMeeting } from "./meeting-edits.ts";
import {
  criterionInput,
  criterionPatch,
  meetingInput,
  meetingPatch,
  planSchema,
  taskInput,
  taskPatch,
} from "./onboarding-schemas.ts";
import { changePlan, criterionParams, meetingParams, planParams, taskParams } from "./plan-route-helpers.ts";
import { requireOnboarding } from "./require-onboarding.ts";
import { createTask, deleteTask, updateTask } from "./task-edits.ts";

/** Editing one plan's tasks, meetings and criteria (CSM); every change answers with the plan as it is now. */
export function registerPlanItemRoutes(app: ReturnType<typeof createRouter>, services: Services) {
  const tags = ["Onboardings"];
  const changed = { 200: jsonResponse(planSchema, "The plan now"), ...commonErrors };
  const added = { 201: jsonResponse(planSchema, "The plan now"), ...commonErrors };

  // ---- Tasks ----
  app.openapi(
    createRoute({
      method: "post",
      path: "/onboardings/{id}/tasks",
      tags,
      summary: "Add a task to the plan",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: planParams, body: jsonBody(taskInput) },
      responses: added,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        createTask(tx, workspace, id, input, by),
      );
      return sendJson(c, plan, 201);
    },
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/onboardings/{id}/tasks/{taskId}",
      tags,
      summary:
        "Change a task (a later due date moves the tasks that depend on it); status done / skipped / …",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: taskParams, body: jsonBody(taskPatch) },
      responses: changed,
    }),
    async (c) => {
      const { id, taskId } = c.req.valid("param");
      const patch = c.req.valid("json");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        updateTask(tx, workspace, id, taskId, patch, by),
      );
      return sendJson(c, plan, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/onboardings/{id}/tasks/{taskId}",
      tags,
      summary: "Remove a task",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: taskParams },
      responses: changed,
    }),
    async (c) => {
      const { id, taskId } = c.req.valid("param");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        deleteTask(tx, workspace, id, taskId, by),
      );
      return sendJson(c, plan, 200);
    },
  );

  // ---- Meetings ----
  app.openapi(
    createRoute({
      method: "post",
      path: "/onboardings/{id}/meetings",
      tags,
      summary: "Schedule a meeting",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: planParams, body: jsonBody(meetingInput) },
      responses: added,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        createMeeting(tx, workspace, id, input, by),
      );
      return sendJson(c, plan, 201);
    },
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/onboardings/{id}/meetings/{meetingId}",
      tags,
      summary: "Change a meeting; heldAt (and notes) records it on the timeline",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: meetingParams, body: jsonBody(meetingPatch) },
      responses: changed,
    }),
    async (c) => {
      const { id, meetingId } = c.req.valid("param");
      const patch = c.req.valid("json");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        updateMeeting(tx, workspace, id, meetingId, patch, by),
      );
      return sendJson(c, plan, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/onboardings/{id}/meetings/{meetingId}",
      tags,
      summary: "Remove a meeting",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: meetingParams },
      responses: changed,
    }),
    async (c) => {
      const { id, meetingId } = c.req.valid("param");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        deleteMeeting(tx, workspace, id, meetingId, by),
      );
      return sendJson(c, plan, 200);
    },
  );

  // ---- Criteria ----
  app.openapi(
    createRoute({
      method: "post",
      path: "/onboardings/{id}/criteria",
      tags,
      summary: "Add a completion criterion (clears an agreement)",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: planParams, body: jsonBody(criterionInput) },
      responses: added,
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        createCriterion(tx, workspace, id, input, by),
      );
      return sendJson(c, plan, 201);
    },
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/onboardings/{id}/criteria/{criterionId}",
      tags,
      summary: "Change a criterion (clears an agreement) or tick a manual one with met",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: criterionParams, body: jsonBody(criterionPatch) },
      responses: changed,
    }),
    async (c) => {
      const { id, criterionId } = c.req.valid("param");
      const patch = c.req.valid("json");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        updateCriterion(tx, workspace, id, criterionId, patch, by),
      );
      return sendJson(c, plan, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/onboardings/{id}/criteria/{criterionId}",
      tags,
      summary: "Remove a criterion (clears an agreement)",
      middleware: [requireRole("csm"), requireOnboarding(services)] as const,
      request: { params: criterionParams },
      responses: changed,
    }),
    async (c) => {
      const { id, criterionId } = c.req.valid("param");
      const plan = await changePlan(services, c, id, (tx, { workspace }, by) =>
        deleteCriterion(tx, workspace, id, criterionId, by),
      );
      return sendJson(c, plan, 200);
    },
  );
}
