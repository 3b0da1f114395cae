import type { MiddlewareHandler } from "hono";
import type { AppEnv, Services } from "../platform/http/context.ts";
import { notFound } from "../platform/http/errors.ts";
import { scoped } from "../platform/http/openapi.ts";
import { getTemplate } from "./onboarding-templates.ts";

/** Answers 404 for an `{id}` template that is not in the caller's workspace before the body is validated. */
export function requireTemplate(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.param("id");
    if (!id) throw notFound("Template");
    await scoped(services, c, (tx, { workspace }) => getTemplate(tx, workspace.id, id));
    await next();
  };
}
