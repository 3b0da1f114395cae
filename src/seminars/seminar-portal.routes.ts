import { getConnInfo } from "@hono/node-server/conninfo";
import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { getSignedCookie } from "hono/cookie";
import { inWorkspace, type Tx } from "../platform/db/client.ts";
import { accounts, contacts, seminarInvitations, seminarSessions, seminars } from "../platform/db/schema.ts";
import type { Services } from "../platform/http/context.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { PORTAL_COOKIE, portalCookieSecret } from "../portal/portal.routes.ts";
import { attemptKey, isOverLimit, recordFailure } from "../portal/portal-attempts.ts";
import { findActivePortalLink, type PortalLink } from "../portal/portal-links.ts";
import { findVisitor, type PortalVisitor } from "../portal/portal-visitors.ts";
import { getWorkspaceById, type Workspace } from "../workspaces/workspaces.ts";
import { createInvitations } from "./invitations.ts";
import { register } from "./registration.ts";

/**
 * Seminars in the customer portal (/api/portal/:token/seminars): the upcoming sessions of the seminars
 * the account is invited to or that are offered to its touch model, with the identified visitor's
 * own registration; the visitor registers (or cancels) there.
 */
export function seminarPortalRoutes(services: Services) {
  const db = services.database.db;
  const app = new Hono();
  const secret = portalCookieSecret(services.auth.options.secret ?? services.config.authSecret ?? "");

  async function resolve(c: Context) {
    const link = await findActivePortalLink(db, c.req.param("token") ?? "");
    const workspace = link && (await getWorkspaceById(db, link.workspaceId));
    if (link && workspace) return { link, workspace };
    const failures = await recordFailure(db, attemptKey(getConnInfo(c).remote.address));
    if (isOverLimit(failures))
      throw new AppError(
        "rate_limited",
        "Too many portal links that do not work were tried; try again later",
      );
    throw new AppError("not_found", "This portal link does not work: it may have expired or been revoked");
  }

  async function visitorOf(c: Context, tx: Tx, link: PortalLink) {
    const id = await getSignedCookie(c, secret, PORTAL_COOKIE);
    return id ? findVisitor(tx, link, id) : null;
  }

  async function view(tx: Tx, workspace: Workspace, link: PortalLink, visitor: PortalVisitor | null) {
    const [account] = await tx
      .select({ touchModel: accounts.touchModel })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, workspace.id), eq(accounts.id, link.accountId)));
    const invitedTo = tx
      .select({ id: seminarInvitations.seminarId })
      .from(seminarInvitations)
      .where(
        and(
          eq(seminarInvitations.workspaceId, workspace.id),
          eq(seminarInvitations.accountId, link.accountId),
        ),
      );
    const rows = await tx
      .select({ session: seminarSessions, seminar: seminars })
      .from(seminarSessions)
      .innerJoin(seminars, eq(seminars.id, seminarSessions.seminarId))
      .where(
        and(
          eq(seminarSessions.workspaceId, workspace.id),
          isNull(seminarSessions.cancelledAt),
          isNull(seminars.archivedAt),
          gt(seminarSessions.startsAt, new Date()),
          or(
            inArray(seminars.id, invitedTo),
            account?.touchModel
              ? sql`${account.touchModel} = any(${seminars.autoInviteTouchModels})`
              : sql`false`,
          ),
        ),
      )
      .orderBy(asc(seminarSessions.startsAt))
      .limit(12);
    const email = visitor?.email.toLowerCase() ?? null;
    const mine = email
      ? await tx
          .select()
          .from(seminarInvitations)
          .where(
            and(
              eq(seminarInvitations.workspaceId, workspace.id),
              eq(seminarInvitations.accountId, link.accountId),
              eq(seminarInvitations.contactEmail, email),
            ),
          )
      : [];
    return {
      timeZone: workspace.settings.timezone,
      identified: visitor !== null,
      items: rows.map(({ session, seminar }) => {
        const own = mine.find((i) => i.sessionId === session.id);
        const elsewhere = mine.find((i) => i.seminarId === seminar.id && i.status === "registered");
        return {
          sessionId: session.id,
          seminar: {
            id: seminar.id,
            kind: seminar.kind,
            title: seminar.title,
            description: seminar.description,
          },
          startsAt: session.startsAt.toISOString(),
          durationMinutes: session.durationMinutes,
          status: own?.status ?? null,
          registeredElsewhere: !own && elsewhere !== undefined,
          onlineUrl: own?.status === "registered" ? session.onlineUrl : null,
        };
      }),
    };
  }

  app.get("/:token/seminars", async (c) => {
    const { link, workspace } = await resolve(c);
    return c.json(
      await inWorkspace(db, workspace.id, async (tx) =>
        view(tx, workspace, link, await visitorOf(c, tx, link)),
      ),
      200,
    );
  });

  app.post("/:token/seminars/:sessionId/register", async (c) => {
    const { link, workspace } = await resolve(c);
    const result = await inWorkspace(db, workspace.id, async (tx) => {
      const visitor = await visitorOf(c, tx, link);
      if (!visitor) throw new AppError("unauthorized", "Say who you are first (identify with your e-mail)");
      const current = await view(tx, workspace, link, visitor);
      const item = current.items.find((i) => i.sessionId === c.req.param("sessionId"));
      if (!item) throw notFound("Seminar session");
      const [session] = await tx.select().from(seminarSessions).where(eq(seminarSessions.id, item.sessionId));
      const email = visitor.email.toLowerCase();
      const [contact] = visitor.contactId
        ? await tx.select().from(contacts).where(eq(contacts.id, visitor.contactId))
        : [];
      // The visitor's invitation to this seminar moves to the chosen session; without one, one is made.
      const [existing] = await tx
        .select()
        .from(seminarInvitations)
        .where(
          and(
            eq(seminarInvitations.workspaceId, workspace.id),
            eq(seminarInvitations.seminarId, item.seminar.id),
            eq(seminarInvitations.accountId, link.accountId),
            eq(seminarInvitations.contactEmail, email),
          ),
        )
        .orderBy(
          sql`${seminarInvitations.sessionId} = ${item.sessionId} desc`,
          asc(seminarInvitations.createdAt),
        )
        .limit(1);
      const invitation =
        existing ??
        (
          await createInvitations(
            tx,
            workspace,
            session!,
            [
              {
                accountId: link.accountId,
                contactId: contact?.id ?? null,
                email,
                name: visitor.name,
                locale: null,
              },
            ],
            { source: "portal", publicUrl: services.config.publicUrl, sendMail: false },
          )
        )[0]!;
      await register(tx, workspace, invitation, item.sessionId);
      return view(tx, workspace, link, visitor);
    });
    return c.json(result, 200);
  });

  return app;
}
