import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getSignedCookie } from "hono/cookie";
import { inWorkspace } from "../platform/db/client.ts";
import type { Services } from "../platform/http/context.ts";
import { AppError, validationFailed } from "../platform/http/errors.ts";
import { PORTAL_COOKIE, portalCookieSecret } from "../portal/portal.routes.ts";
import { attemptKey, isOverLimit, PORTAL_WINDOW_MS, recordFailure } from "../portal/portal-attempts.ts";
import { findActivePortalLink } from "../portal/portal-links.ts";
import { findVisitor } from "../portal/portal-visitors.ts";
import { getWorkspaceById } from "../workspaces/workspaces.ts";
import { answerSend } from "./answer-survey.ts";
import { findSendByToken, isOpen } from "./survey-links.ts";
import { answerInput } from "./survey-schemas.ts";
import { answerView, markOpened, openSendsOf } from "./survey-view.ts";

const INVALID_LINK = "This survey link does not work: it may have closed";

function guard(app: Hono) {
  app.use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    if (c.res.status === 429) c.header("Retry-After", String(PORTAL_WINDOW_MS / 1000));
  });
  app.use(
    bodyLimit({
      maxSize: 32 * 1024,
      onError: () => {
        throw new AppError("payload_too_large", "The body is larger than 32 KB");
      },
    }),
  );
}

async function readAnswer(c: Context) {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError("bad_request", "The body is not JSON");
  }
  const parsed = answerInput.safeParse(body);
  if (!parsed.success) throw validationFailed(parsed.error);
  return parsed.data;
}

/**
 * The public answer API under /api/survey/:token: the token reaches exactly one send. Unknown and
 * closed links answer the same 404; failed lookups count against the client address like the
 * portal's, and past the limit answer 429.
 */
export function surveyAnswerRoutes(services: Services) {
  const db = services.database.db;
  const app = new Hono();
  guard(app);

  async function resolve(c: Context) {
    const token = c.req.param("token") ?? "";
    const send = await findSendByToken(db, token);
    const workspace = send && (await getWorkspaceById(db, send.workspaceId));
    if (send && workspace && isOpen(send)) return { send, workspace };
    if (!send) {
      const failures = await recordFailure(db, attemptKey(getConnInfo(c).remote.address));
      if (isOverLimit(failures))
        throw new AppError(
          "rate_limited",
          "Too many survey links that do not work were tried; try again later",
        );
    }
    throw new AppError("not_found", INVALID_LINK);
  }

  app.get("/:token", async (c) => {
    const { send, workspace } = await resolve(c);
    const view = await inWorkspace(db, workspace.id, async (tx) => {
      await markOpened(tx, workspace.id, send.id);
      return answerView(tx, workspace, send);
    });
    return c.json(view, 200);
  });

  app.post("/:token", async (c) => {
    const { send, workspace } = await resolve(c);
    const input = await readAnswer(c);
    const view = await inWorkspace(db, workspace.id, async (tx) => {
      await markOpened(tx, workspace.id, send.id);
      await answerSend(tx, workspace, send, input, "link", services.config.publicUrl);
      return answerView(tx, workspace, send);
    });
    return c.json(view, 200);
  });

  return app;
}

/**
 * The portal's survey card under /api/portal/:token/surveys: the identified visitor's open sends for
 * the link's account, answered with source `portal`. Uses the portal link and its visitor cookie.
 */
export function portalSurveyRoutes(services: Services) {
  const db = services.database.db;
  const app = new Hono();
  const secret = portalCookieSecret(services.auth.options.secret ?? services.config.authSecret ?? "");

  async function resolve(c: Context) {
    const token = c.req.param("token") ?? "";
    const link = await findActivePortalLink(db, token);
    const workspace = link && (await getWorkspaceById(db, link.workspaceId));
    if (!link || !workspace) {
      const failures = await recordFailure(db, attemptKey(getConnInfo(c).remote.address));
      if (isOverLimit(failures))
        throw new AppError(
          "rate_limited",
          "Too many portal links that do not work were tried; try again later",
        );
      throw new AppError("not_found", "This portal link does not work: it may have expired or been revoked");
    }
    return { link, workspace };
  }

  async function visitorContact(
    c: Context,
    tx: Parameters<Parameters<typeof inWorkspace>[2]>[0],
    link: NonNullable<Awaited<ReturnType<typeof findActivePortalLink>>>,
  ) {
    const id = await getSignedCookie(c, secret, PORTAL_COOKIE);
    if (!id) return null;
    const visitor = await findVisitor(tx, link, id);
    return visitor?.contactId ?? null;
  }

  app.get("/:token/surveys", async (c) => {
    const { link, workspace } = await resolve(c);
    const items = await inWorkspace(db, workspace.id, async (tx) => {
      const contactId = await visitorContact(c, tx, link);
      if (!contactId) return [];
      const sends = await openSendsOf(tx, workspace.id, link.accountId, contactId);
      return Promise.all(sends.map((s) => answerView(tx, workspace, s)));
    });
    return c.json({ items }, 200);
  });

  app.post("/:token/surveys/:sendId", async (c) => {
    const { link, workspace } = await resolve(c);
    const input = await readAnswer(c);
    const view = await inWorkspace(db, workspace.id, async (tx) => {
      const contactId = await visitorContact(c, tx, link);
      if (!contactId) throw new AppError("unauthorized", "Say who you are first (identify with your e-mail)");
      const send = (await openSendsOf(tx, workspace.id, link.accountId, contactId)).find(
        (s) => s.id === c.req.param("sendId"),
      );
      if (!send) throw new AppError("not_found", "Survey not found");
      await markOpened(tx, workspace.id, send.id);
      await answerSend(tx, workspace, send, input, "portal", services.config.publicUrl);
      return answerView(tx, workspace, send);
    });
    return c.json(view, 200);
  });

  return app;
}
