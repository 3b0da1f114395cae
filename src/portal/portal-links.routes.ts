import type { Services } from "../platform/http/context.ts";
import { createRouter } from "../platform/http/openapi.ts";

/** Staff manage an account's portal links. */
export function portalLinkRoutes(_services: Services) {
  const app = createRouter();
  return app;
}
