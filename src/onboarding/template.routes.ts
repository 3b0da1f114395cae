import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../platform/auth/caller.ts";
import type { Services } from "../platform/http/context.ts";
import {
  commonErrors,
  type createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  scoped,
  sendJson,
} from "../platform/http/openapi.ts";
import { measures } from "./measures.ts";
import { measureSchema, templateInput, templateSchema, templateSummarySchema } from "./onboarding-schemas.ts";
import {
  archiveTemplate,
  createTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from "./onboarding-templates.ts";
import { requireTemplate } from "./require-template.ts";

/** The measures catalogue and the templates (playbooks) managers edit. */
export function registerTemplateRoutes(app: ReturnType<typeof createRouter>, services: Services) {
  const tags = ["Onboarding templates"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/onboarding/measures",
      tags,
      summary: "The onboarding measures and the touch models each fits",
      responses: {
        200: jsonResponse(z.object({ items: z.array(measureSchema) }), "The catalogue"),
        ...commonErrors,
      },
    }),
    (c) => sendJson(c, { items: measures }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/onboarding/templates",
      tags,
      summary: "The onboarding templates (the defaults for high, low and tech touch are added on first use)",
      responses: {
        200: jsonResponse(z.object({ items: z.array(templateSummarySchema) }), "Templates"),
        ...commonErrors,
      },
    }),
    async (c) =>
      sendJson(
        c,
        { items: await scoped(services, c, (tx, { workspace }) => listTemplates(tx, workspace.id)) },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/onboarding/templates/{id}",
      tags,
      summary: "One template with its definition",
      request: { params: idParam },
      responses: { 200: jsonResponse(templateSchema, "The template"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => getTemplate(tx, workspace.id, id)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/onboarding/templates",
      tags,
      summary: "Create a template (manager)",
      middleware: [requireRole("manager")] as const,
      request: { body: jsonBody(templateInput) },
      responses: { 201: jsonResponse(templateSchema, "The new template"), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          createTemplate(tx, workspace.id, input, userId),
        ),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/onboarding/templates/{id}",
      tags,
      summary: "Replace a template (manager); running plans keep their own copy",
      middleware: [requireRole("manager"), requireTemplate(services)] as const,
      request: { params: idParam, body: jsonBody(templateInput) },
      responses: { 200: jsonResponse(templateSchema, "The template"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          updateTemplate(tx, workspace.id, id, input, userId),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/onboarding/templates/{id}",
      tags,
      summary: "Archive a template (manager); running plans keep their own copy",
      middleware: [requireRole("manager")] as const,
      request: { params: idParam },
      responses: { 204: { description: "Archived" }, ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await scoped(services, c, (tx, { workspace, userId }) => archiveTemplate(tx, workspace.id, id, userId));
      return c.body(null, 204);
    },
  );
}
