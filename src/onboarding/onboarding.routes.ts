import type { Services } from "../platform/http/context.ts";
import { createRouter } from "../platform/http/openapi.ts";
import { registerPlanRoutes } from "./plan.routes.ts";
import { registerPlanItemRoutes } from "./plan-items.routes.ts";
import { registerTemplateRoutes } from "./template.routes.ts";

export function onboardingRoutes(services: Services) {
  const app = createRouter();
  registerTemplateRoutes(app, services);
  registerPlanRoutes(app, services);
  registerPlanItemRoutes(app, services);
  return app;
}
