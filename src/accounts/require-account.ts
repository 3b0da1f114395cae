import type { MiddlewareHandler } from "hono";
import type { AppEnv, Services } from "../platform/http/context.ts";
import { notFound } from "../platform/http/errors.ts";
import { scoped } from "../platform/http/openapi.ts";
import { getAccount } from "./accounts.ts";

/**
 * Answers 404 for an `{id}` account that is not in the caller's workspace before the body is
 * validated, so another workspace's id never learns anything from a validation error.
 */
export function requireAccount(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.param("id");
    if (!id) throw notFound("Account");
    await scoped(services, c, (tx, { workspace }) => getAccount(tx, workspace.id, id));
    await next();
  };
}
