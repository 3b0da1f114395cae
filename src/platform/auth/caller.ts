import type { MiddlewareHandler } from "hono";
import { assertRole } from "../../staff/staff-users.ts";
import { getWorkspaceById, workspacesOfUser } from "../../workspaces/workspaces.ts";
import type { Role } from "../db/schema.ts";
import type { AppEnv, Caller, Services } from "../http/context.ts";
import { AppError } from "../http/errors.ts";
import { verifyApiToken } from "./api-tokens.ts";
import { SESSION_ABSOLUTE_MS } from "./better-auth.ts";

export const WORKSPACE_HEADER = "x-embark-workspace";

/** Resolves the caller from `Authorization: Bearer …` or the session cookie; 401 otherwise. */
export function requireCaller(services: Services): MiddlewareHandler<AppEnv> {
  const { database, auth } = services;
  return async (c, next) => {
    const authorization = c.req.header("authorization");
    let caller: Caller | null = null;
    if (authorization?.toLowerCase().startsWith("bearer ")) {
      const found = await verifyApiToken(database.db, authorization.slice(7).trim());
      if (!found) throw new AppError("unauthorized", "The API token is not valid or has been revoked");
      const workspace = await getWorkspaceById(database.db, found.workspaceId);
      if (!workspace) throw new AppError("unauthorized", "The API token's workspace no longer exists");
      caller = { userId: found.userId, role: found.role, workspace, via: "token" };
    } else {
      const session = await auth.api.getSession({ headers: c.req.raw.headers });
      if (!session) throw new AppError("unauthorized", "Sign in first");
      if (Date.now() - new Date(session.session.createdAt).getTime() > SESSION_ABSOLUTE_MS) {
        await auth.api.revokeSession({ headers: c.req.raw.headers, body: { token: session.session.token } });
        throw new AppError("unauthorized", "Your session has ended; sign in again");
      }
      const memberOf = await workspacesOfUser(database.db, session.user.id);
      const wanted = c.req.header(WORKSPACE_HEADER);
      const chosen = wanted ? memberOf.find((w) => w.slug === wanted) : memberOf[0];
      if (!chosen)
        throw wanted
          ? new AppError("not_found", `Workspace "${wanted}" not found`)
          : new AppError("forbidden", "You are not a member of any workspace");
      const workspace = await getWorkspaceById(database.db, chosen.id);
      if (!workspace) throw new AppError("not_found", "Workspace not found");
      caller = {
        userId: session.user.id,
        role: chosen.role,
        workspace,
        via: "session",
        sessionId: session.session.id,
      };
    }
    c.set("caller", caller);
    await next();
  };
}

/** Rejects callers below `role` with 403. */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertRole(c.get("caller").role, role);
    await next();
  };
}
