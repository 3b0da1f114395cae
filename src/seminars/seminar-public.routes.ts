import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { inWorkspace } from "../platform/db/client.ts";
import type { Services } from "../platform/http/context.ts";
import { AppError, validationFailed } from "../platform/http/errors.ts";
import { attemptKey, isOverLimit, PORTAL_WINDOW_MS, recordFailure } from "../portal/portal-attempts.ts";
import { getWorkspaceById } from "../workspaces/workspaces.ts";
import {
  decline,
  findInvitationByToken,
  register,
  registrationView,
  reloadInvitation,
} from "./registration.ts";

const INVALID_LINK = "This invitation link does not work";
const registerInput = z.object({ sessionId: z.string().uuid().optional() }).strict();

/**
 * The registration page's API under /api/seminar/:token: the invitation's secret link is the only
 * credential and reaches that one invitation. Failed lookups count against the client address
 * together with the portal's, so guessing links is rate-limited the same way.
 */
export function seminarPublicRoutes(services: Services) {
  const db = services.database.db;
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    if (c.res.status === 429) c.header("Retry-After", String(PORTAL_WINDOW_MS / 1000));
  });
  app.use(
    bodyLimit({
      maxSize: 4 * 1024,
      onError: () => {
        throw new AppError("payload_too_large", "The body is larger than 4 KB");
      },
    }),
  );

  async function resolve(c: Context) {
    const invitation = await findInvitationByToken(db, c.req.param("token") ?? "");
    const workspace = invitation && (await getWorkspaceById(db, invitation.workspaceId));
    if (invitation && workspace) return { invitation, workspace };
    const failures = await recordFailure(db, attemptKey(getConnInfo(c).remote.address));
    if (isOverLimit(failures))
      throw new AppError("rate_limited", "Too many links that do not work were tried; try again later");
    throw new AppError("not_found", INVALID_LINK);
  }

  app.get("/:token", async (c) => {
    const { invitation, workspace } = await resolve(c);
    return c.json(
      await inWorkspace(db, workspace.id, (tx) => registrationView(tx, workspace, invitation)),
      200,
    );
  });

  app.post("/:token/register", async (c) => {
    const { invitation, workspace } = await resolve(c);
    let body: unknown = {};
    try {
      const text = await c.req.text();
      body = text ? JSON.parse(text) : {};
    } catch {
      throw new AppError("validation_failed", "The body is not valid JSON");
    }
    const parsed = registerInput.safeParse(body);
    if (!parsed.success) throw validationFailed(parsed.error);
    const view = await inWorkspace(db, workspace.id, async (tx) => {
      await register(tx, workspace, invitation, parsed.data.sessionId);
      return registrationView(tx, workspace, await reloadInvitation(tx, workspace.id, invitation.id));
    });
    return c.json(view, 200);
  });

  app.post("/:token/decline", async (c) => {
    const { invitation, workspace } = await resolve(c);
    const view = await inWorkspace(db, workspace.id, async (tx) => {
      await decline(tx, workspace, invitation);
      return registrationView(tx, workspace, await reloadInvitation(tx, workspace.id, invitation.id));
    });
    return c.json(view, 200);
  });

  return app;
}
