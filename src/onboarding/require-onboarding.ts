import type { MiddlewareHandler } from "hono";
import type { AppEnv, Services } from "../platform/http/context.ts";
import { notFound } from "../platform/http/errors.ts";
import { scoped } from "../platform/http/openapi.ts";
import { getOnboardingRow } from "./read-plan.ts";

/**
 * Answers 404 for an `{id}` onboarding that is not in the caller's workspace before the body is
 * validated, so another workspace's id never learns anything from a validation error.
 */
export function requireOnboarding(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.param("id");
    if (!id) throw notFound("Onboarding");
    await scoped(services, c, (tx, { workspace }) => getOnboardingRow(tx, workspace.id, id));
    await next();
  };
}
