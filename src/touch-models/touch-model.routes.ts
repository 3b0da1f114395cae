import { createRoute, z } from "@hono/zod-openapi";
import { getAccount } from "../accounts/accounts.ts";
import { requireAccount } from "../accounts/require-account.ts";
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
import {
  changeSummarySchema,
  classificationSchema,
  historyEntrySchema,
  touchModelPolicySchema,
  touchModelPolicyVersionSchema,
} from "../segmentation/classification-schemas.ts";
import { explainClassification } from "../segmentation/explain-classification.ts";
import { listRuleVersions, readRulesInForce } from "../segmentation/rule-versions.ts";
import {
  overrideTouchModel,
  removeTouchModelOverride,
  touchModelOverrideInput,
  touchModelOverrideRemoval,
} from "./override-touch-model.ts";
import { saveTouchModelPolicy } from "./save-touch-model-policy.ts";
import { listTouchModelHistory } from "./touch-model-history.ts";

const policyQuery = z.object({
  resetSignalSwitches: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: accounts switched by a signal return to the policy too" }),
});

export function touchModelRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Touch models"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/touch-model-policy",
      tags,
      summary: "The touch-model policy in force: segment → touch model, fallback, switching rules",
      responses: { 200: jsonResponse(touchModelPolicyVersionSchema, "The policy in force"), ...commonErrors },
    }),
    async (c) =>
      sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => readRulesInForce(tx, workspace.id, "touch_models")),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/touch-model-policy/versions",
      tags,
      summary: "Every saved version of the touch-model policy, newest first",
      responses: {
        200: jsonResponse(z.object({ items: z.array(touchModelPolicyVersionSchema) }), "Versions"),
        ...commonErrors,
      },
    }),
    async (c) =>
      sendJson(
        c,
        {
          items: await scoped(services, c, (tx, { workspace }) =>
            listRuleVersions(tx, workspace.id, "touch_models"),
          ),
        },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/touch-model-policy",
      tags,
      summary: "Save a new policy version and recompute the touch model of accounts without an override",
      middleware: [requireRole("manager")] as const,
      request: { query: policyQuery, body: jsonBody(touchModelPolicySchema) },
      responses: {
        200: jsonResponse(
          z.object({ policy: touchModelPolicyVersionSchema, summary: changeSummarySchema }),
          "The new version and what it changed",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const definition = c.req.valid("json");
      const resetSignalSwitches = c.req.valid("query").resetSignalSwitches === "true";
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          saveTouchModelPolicy(tx, workspace, definition, userId, { resetSignalSwitches }),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/accounts/{id}/touch-model",
      tags,
      summary: "Override the account's touch model (a reason is required)",
      middleware: [requireRole("csm"), requireAccount(services)] as const,
      request: { params: idParam, body: jsonBody(touchModelOverrideInput) },
      responses: {
        200: jsonResponse(classificationSchema, "The account's classification now"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const result = await scoped(services, c, async (tx, { workspace, userId }) => {
        await overrideTouchModel(tx, workspace, id, input, userId);
        return explainClassification(tx, workspace, id);
      });
      return sendJson(c, result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/accounts/{id}/touch-model",
      tags,
      summary: "Remove the override and return the account to the policy (a reason is required)",
      middleware: [requireRole("csm"), requireAccount(services)] as const,
      request: { params: idParam, body: jsonBody(touchModelOverrideRemoval) },
      responses: {
        200: jsonResponse(classificationSchema, "The account's classification now"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const result = await scoped(services, c, async (tx, { workspace, userId }) => {
        await removeTouchModelOverride(tx, workspace, id, input, userId);
        return explainClassification(tx, workspace, id);
      });
      return sendJson(c, result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/touch-model/history",
      tags,
      summary: "Every change of the account's touch model, newest first",
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(historyEntrySchema) }), "The history"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const items = await scoped(services, c, async (tx, { workspace }) => {
        await getAccount(tx, workspace.id, id);
        return listTouchModelHistory(tx, workspace.id, id);
      });
      return sendJson(c, { items }, 200);
    },
  );

  return app;
}
