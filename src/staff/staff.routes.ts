import { createRoute, z } from "@hono/zod-openapi";
import { createApiToken, listApiTokens, revokeApiToken } from "../platform/auth/api-tokens.ts";
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
import { listStaff } from "./staff-users.ts";

const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    role: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiToken");

export function staffRoutes(services: Services) {
  const app = createRouter();
  const { db } = services.database;

  app.openapi(
    createRoute({
      method: "get",
      path: "/users",
      tags: ["Staff"],
      summary: "The workspace's staff users",
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                email: z.string(),
                name: z.string(),
                role: z.string(),
                canSignIn: z.boolean(),
              }),
            ),
          }),
          "Staff",
        ),
        ...commonErrors,
      },
    }),
    async (c) =>
      sendJson(
        c,
        { items: await scoped(services, c, (tx, { workspace }) => listStaff(tx, workspace.id)) },
        200,
      ),
  );

  const adminOnly = requireRole("admin");
  app.openapi(
    createRoute({
      method: "get",
      path: "/tokens",
      tags: ["API tokens"],
      summary: "API tokens of the workspace (admin)",
      middleware: [adminOnly] as const,
      responses: { 200: jsonResponse(z.object({ items: z.array(tokenSchema) }), "Tokens"), ...commonErrors },
    }),
    async (c) => sendJson(c, { items: await listApiTokens(db, c.get("caller").workspace.id) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/tokens",
      tags: ["API tokens"],
      summary: "Create an API token; the token is shown only in this response (admin)",
      middleware: [adminOnly] as const,
      request: { body: jsonBody(z.object({ name: z.string().trim().min(1).max(100) })) },
      responses: {
        201: jsonResponse(z.object({ token: z.string(), item: tokenSchema }), "The new token"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const caller = c.get("caller");
      const created = await createApiToken(db, {
        workspaceId: caller.workspace.id,
        name: c.req.valid("json").name,
        userId: caller.userId,
        role: caller.role,
      });
      return sendJson(c, created, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/tokens/{id}",
      tags: ["API tokens"],
      summary: "Revoke an API token (admin)",
      middleware: [adminOnly] as const,
      request: { params: idParam },
      responses: { 204: { description: "Revoked" }, ...commonErrors },
    }),
    async (c) => {
      await revokeApiToken(db, c.get("caller").workspace.id, c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

  return app;
}
