import { createRoute, z } from "@hono/zod-openapi";
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
  createdPortalLinkSchema,
  createPortalLink,
  listPortalLinks,
  portalLinkInput,
  portalLinkSchema,
  revokePortalLink,
} from "./portal-links.ts";

const linkParams = idParam.extend({
  linkId: z.string().openapi({ param: { name: "linkId", in: "path" } }),
});

/** Staff manage an account's portal links. */
export function portalLinkRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Customer portal"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/portal-links",
      tags,
      summary: "The account's portal links (newest first) and who identified on each",
      middleware: [requireAccount(services)] as const,
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(portalLinkSchema) }), "Portal links"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const items = await scoped(services, c, (tx, { workspace }) => listPortalLinks(tx, workspace.id, id));
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/accounts/{id}/portal-links",
      tags,
      summary: "Create a secret portal link; its URL is in this response only",
      middleware: [requireRole("csm"), requireAccount(services)] as const,
      request: { params: idParam, body: jsonBody(portalLinkInput) },
      responses: {
        201: jsonResponse(createdPortalLinkSchema, "The new link with its URL"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const link = await scoped(services, c, (tx, { workspace, userId }) =>
        createPortalLink(tx, workspace, id, input, userId, services.config.publicUrl),
      );
      c.header("cache-control", "no-store");
      return sendJson(c, link, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/accounts/{id}/portal-links/{linkId}/revoke",
      tags,
      summary: "Revoke a portal link: it stops working at once",
      middleware: [requireRole("csm"), requireAccount(services)] as const,
      request: { params: linkParams },
      responses: { 200: jsonResponse(portalLinkSchema, "The revoked link"), ...commonErrors },
    }),
    async (c) => {
      const { id, linkId } = c.req.valid("param");
      const link = await scoped(services, c, (tx, { workspace, userId }) =>
        revokePortalLink(tx, workspace.id, id, linkId, userId),
      );
      return sendJson(c, link, 200);
    },
  );

  return app;
}
