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
import {
  changeSummarySchema,
  classificationSchema,
  previewSchema,
  segmentRuleSetSchema,
  segmentRulesVersionSchema,
} from "./classification-schemas.ts";
import { explainClassification } from "./explain-classification.ts";
import { previewSegmentRules } from "./preview-segment-rules.ts";
import { listRuleVersions, readRulesInForce } from "./rule-versions.ts";
import { saveSegmentRules } from "./save-segment-rules.ts";

export function segmentRuleRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Segmentation"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/segment-rules",
      tags,
      summary: "The segment rules in force (the built-in defaults until a manager saves a version)",
      responses: { 200: jsonResponse(segmentRulesVersionSchema, "The rules in force"), ...commonErrors },
    }),
    async (c) =>
      sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => readRulesInForce(tx, workspace.id, "segments")),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/segment-rules/versions",
      tags,
      summary: "Every saved version of the segment rules, newest first",
      responses: {
        200: jsonResponse(z.object({ items: z.array(segmentRulesVersionSchema) }), "Versions"),
        ...commonErrors,
      },
    }),
    async (c) =>
      sendJson(
        c,
        {
          items: await scoped(services, c, (tx, { workspace }) =>
            listRuleVersions(tx, workspace.id, "segments"),
          ),
        },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/segment-rules/preview",
      tags,
      summary: "What saving these rules would do: accounts moving between segments and each CSM's load",
      description: "Writes nothing. Saving the same rules then does exactly what the preview says.",
      middleware: [requireRole("manager")] as const,
      request: { body: jsonBody(segmentRuleSetSchema) },
      responses: { 200: jsonResponse(previewSchema, "The preview"), ...commonErrors },
    }),
    async (c) => {
      const candidate = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => previewSegmentRules(tx, workspace, candidate)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/segment-rules",
      tags,
      summary: "Save a new version of the segment rules and reclassify every account",
      middleware: [requireRole("manager")] as const,
      request: { body: jsonBody(segmentRuleSetSchema) },
      responses: {
        200: jsonResponse(
          z.object({ rules: segmentRulesVersionSchema, summary: changeSummarySchema }),
          "The new version and what it changed",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const definition = c.req.valid("json");
      const saved = await scoped(services, c, (tx, { workspace, userId }) =>
        saveSegmentRules(tx, workspace, definition, userId),
      );
      return sendJson(c, { rules: saved.ruleVersion, summary: saved.summary }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/classification",
      tags,
      summary: "Why the account is in its segment and touch model, with the touch-model history",
      request: { params: idParam },
      responses: { 200: jsonResponse(classificationSchema, "The explanation"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => explainClassification(tx, workspace, id)),
        200,
      );
    },
  );

  return app;
}
