import type { MiddlewareHandler } from "hono";
import { getAccount } from "../accounts/accounts.ts";
import { inWorkspace } from "../platform/db/client.ts";
import type { AppEnv, Services } from "../platform/http/context.ts";

/**
 * Answers 404 for an account the caller's workspace does not have before the body is validated,
 * so a request for another workspace's account never learns more than "not found".
 */
export function requireAccount(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const workspaceId = c.get("caller").workspace.id;
    await inWorkspace(services.database.db, workspaceId, (tx) =>
      getAccount(tx, workspaceId, c.req.param("id") ?? ""),
    );
    await next();
  };
}
