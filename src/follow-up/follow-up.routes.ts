import type { Services } from "../platform/http/context.ts";
import { createRouter } from "../platform/http/openapi.ts";

export function followUpRoutes(_services: Services) {
  const app = createRouter();
  return app;
}
