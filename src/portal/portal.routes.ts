import { createHmac } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { z } from "zod";
import { inWorkspace, type Tx } from "../platform/db/client.ts";
import { accounts, portalLinks, portalVisitors, users } from "../platform/db/schema.ts";
import type { Services } from "../platform/http/context.ts";
import { AppError, notFound, validationFailed } from "../platform/http/errors.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { attemptKey, isOverLimit, PORTAL_WINDOW_MS, recordFailure } from "./portal-attempts.ts";
import { findActivePortalLink, type PortalLink } from "./portal-links.ts";
import {
  type PortalActor,
  portalAgree,
  portalConfirmCompletion,
  portalPlan,
  portalSetTaskStatus,
} from "./portal-onboarding.ts";
import { type PlanForPortal, type PortalView, planForCustomer } from "./portal-view.ts";
import {
  findVisitor,
  identifyInput,
  identifyVisitor,
  type PortalVisitor,
  visitorActorLabel,
} from "./portal-visitors.ts";

export const PORTAL_COOKIE = "embark_portal";
const COOKIE_MAX_AGE_S = 180 * 24 * 60 * 60;
/** How stale a link's lastUsedAt (a visitor's lastSeenAt) may get before a visit writes it again. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;
const isBefore = (at: Date | null, limit: Date) => !at || at.getTime() < limit.getTime();
const INVALID_LINK = "This portal link does not work: it may have expired or been revoked";

/** The portal cookie's signing key, derived from the instance secret (never the secret itself). */
export function portalCookieSecret(instanceSecret: string) {
  return createHmac("sha256", instanceSecret).update("embark portal visitor cookie").digest();
}

interface Resolved {
  token: string;
  link: PortalLink;
  workspace: Workspace;
}

/** The customer portal's API under /api/portal: authenticated by the secret link, not by staff sign-in. */
export function portalRoutes(services: Services) {
  const { database, config } = services;
  const db = database.db;
  const app = new Hono();
  const instanceSecret = services.auth.options.secret ?? config.authSecret;
  if (!instanceSecret) throw new Error("The portal needs the instance secret to sign its cookies");
  const secret = portalCookieSecret(instanceSecret);
  const secure = config.publicUrl.startsWith("https://");

  app.use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    if (c.res.status === 429) c.header("Retry-After", String(PORTAL_WINDOW_MS / 1000));
  });
  app.use(
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new AppError("payload_too_large", "The body is larger than 16 KB");
      },
    }),
  );

  /**
   * The active link the token names. Unknown, revoked and expired links answer the same 404. The link
   * is looked up first, so a working link always opens, whatever others on the same address tried;
   * only a failed lookup counts against the client address, and past the limit it answers 429.
   */
  async function resolve(c: Context): Promise<Resolved> {
    const token = c.req.param("token") ?? "";
    const link = await findActivePortalLink(db, token);
    const workspace = link && (await getWorkspaceById(db, link.workspaceId));
    if (link && workspace) return { token, link, workspace };
    const failures = await recordFailure(db, attemptKey(getConnInfo(c).remote.address));
    if (isOverLimit(failures))
      throw new AppError(
        "rate_limited",
        "Too many portal links that do not work were tried; try again later",
      );
    throw new AppError("not_found", INVALID_LINK);
  }

  const cookiePath = (token: string) => `/api/portal/${token}`;

  async function visitorOf(c: Context, tx: Tx, { token, link }: Resolved) {
    const id = await getSignedCookie(c, secret, PORTAL_COOKIE);
    if (!id) return null;
    const visitor = await findVisitor(tx, link, id);
    if (!visitor) deleteCookie(c, PORTAL_COOKIE, { path: cookiePath(token), secure });
    return visitor;
  }

  async function requireVisitor(c: Context, tx: Tx, resolved: Resolved): Promise<PortalVisitor> {
    const visitor = await visitorOf(c, tx, resolved);
    if (!visitor) throw new AppError("unauthorized", "Say who you are first (identify with your e-mail)");
    return visitor;
  }

  async function view(
    tx: Tx,
    { link, workspace }: Resolved,
    visitor: PortalVisitor | null,
  ): Promise<PortalView> {
    const [account] = await tx
      .select({ name: accounts.name, ownerId: accounts.ownerId })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, workspace.id), eq(accounts.id, link.accountId)));
    if (!account) throw new AppError("not_found", INVALID_LINK);
    const plan = await portalPlan(tx, workspace, link.accountId);
    const csmId = plan?.ownerId ?? account.ownerId;
    const [csm] = csmId
      ? await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, csmId))
      : [];
    return {
      account: { name: account.name },
      csm: csm ?? null,
      visitor: visitor ? { name: visitor.name, email: visitor.email } : null,
      linkExpiresAt: link.expiresAt.toISOString(),
      timeZone: workspace.settings.timezone,
      onboarding: plan ? planForCustomer(plan) : null,
    };
  }

  /** Runs an action of the identified visitor on the current plan and answers with the view after it. */
  async function act(
    c: Context,
    fn: (
      tx: Tx,
      ctx: {
        resolved: Resolved;
        plan: PlanForPortal;
        planId: string;
        actor: PortalActor;
        visitor: PortalVisitor;
      },
    ) => Promise<void>,
  ) {
    const resolved = await resolve(c);
    const result = await inWorkspace(db, resolved.workspace.id, async (tx) => {
      const visitor = await requireVisitor(c, tx, resolved);
      const plan = await portalPlan(tx, resolved.workspace, resolved.link.accountId);
      if (!plan) throw notFound("Onboarding");
      await fn(tx, {
        resolved,
        plan,
        planId: plan.id,
        visitor,
        actor: { contactId: visitor.contactId, label: await visitorActorLabel(tx, visitor) },
      });
      return view(tx, resolved, visitor);
    });
    return c.json(result, 200);
  }

  const originOf = (resolved: Resolved, visitor: PortalVisitor) => ({
    accountId: resolved.link.accountId,
    linkId: resolved.link.id,
    visitorId: visitor.id,
  });

  const parse = <T extends z.ZodType>(schema: T, value: unknown): z.infer<T> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw validationFailed(parsed.error);
    return parsed.data;
  };

  app.get("/:token", async (c) => {
    const resolved = await resolve(c);
    const result = await inWorkspace(db, resolved.workspace.id, async (tx) => {
      const visitor = await visitorOf(c, tx, resolved);
      // "Last used" is kept to the nearest few minutes: a reload does not write.
      const now = new Date();
      const stale = new Date(now.getTime() - TOUCH_EVERY_MS);
      if (isBefore(resolved.link.lastUsedAt, stale))
        await tx
          .update(portalLinks)
          .set({ lastUsedAt: now })
          .where(
            and(
              eq(portalLinks.id, resolved.link.id),
              or(isNull(portalLinks.lastUsedAt), lt(portalLinks.lastUsedAt, stale)),
            ),
          );
      if (visitor && isBefore(visitor.lastSeenAt, stale))
        await tx
          .update(portalVisitors)
          .set({ lastSeenAt: now })
          .where(and(eq(portalVisitors.id, visitor.id), lt(portalVisitors.lastSeenAt, stale)));
      return view(tx, resolved, visitor);
    });
    return c.json(result, 200);
  });

  app.post("/:token/identify", async (c) => {
    const resolved = await resolve(c);
    const input = parse(identifyInput, await c.req.json());
    const result = await inWorkspace(db, resolved.workspace.id, async (tx) => {
      const visitor = await identifyVisitor(tx, resolved.link, input);
      return { visitor, view: await view(tx, resolved, visitor) };
    });
    const maxAge = Math.min(
      COOKIE_MAX_AGE_S,
      Math.floor((resolved.link.expiresAt.getTime() - Date.now()) / 1000),
    );
    await setSignedCookie(c, PORTAL_COOKIE, result.visitor.id, secret, {
      path: cookiePath(resolved.token),
      httpOnly: true,
      sameSite: "Lax",
      secure,
      maxAge,
    });
    return c.json(result.view, 200);
  });

  app.post("/:token/forget", async (c) => {
    const resolved = await resolve(c);
    deleteCookie(c, PORTAL_COOKIE, { path: cookiePath(resolved.token), secure });
    const result = await inWorkspace(db, resolved.workspace.id, (tx) => view(tx, resolved, null));
    return c.json(result, 200);
  });

  for (const [suffix, status] of [
    ["done", "done"],
    ["undone", "todo"],
  ] as const) {
    app.post(`/:token/tasks/:taskId/${suffix}`, (c) =>
      act(c, async (tx, { resolved, plan, planId, actor, visitor }) => {
        const taskId = c.req.param("taskId") ?? "";
        const task = plan.tasks.find(
          (t) => t.id === taskId && t.side === "customer" && t.status !== "skipped",
        );
        if (!task) throw notFound("Task");
        if ((task.status === "done") === (status === "done")) return;
        await portalSetTaskStatus(
          tx,
          resolved.workspace,
          planId,
          task.id,
          status,
          actor,
          originOf(resolved, visitor),
        );
      }),
    );
  }

  app.post("/:token/agree", (c) =>
    act(c, async (tx, { resolved, planId, actor, visitor }) => {
      await portalAgree(tx, resolved.workspace, planId, actor, originOf(resolved, visitor));
    }),
  );

  app.post("/:token/confirm-completion", (c) =>
    act(c, async (tx, { resolved, planId, actor, visitor }) => {
      await portalConfirmCompletion(tx, resolved.workspace, planId, actor, originOf(resolved, visitor));
    }),
  );

  return app;
}
