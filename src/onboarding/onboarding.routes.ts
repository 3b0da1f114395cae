import type { Services } from "../platform/http/context.ts";
import { createRouter } from "../platform/http/openapi.ts";

export function onboardingRoutes(_services: Services) {
  const app = createRouter();
  return app;
}
