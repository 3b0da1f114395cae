import { Hono } from "hono";
import type { Services } from "../platform/http/context.ts";

/** The customer portal's API under /api/portal: authenticated by the secret link, not by staff sign-in. */
export function portalRoutes(_services: Services) {
  const app = new Hono();
  return app;
}
