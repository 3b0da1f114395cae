import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { requireRole } from "../platform/auth/caller.ts";
import { accounts } from "../platform/db/schema.ts";
import type { Services } from "../platform/http/context.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import {
  commonErrors,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  scoped,
  sendJson,
} from "../platform/http/openapi.ts";
import { zonedTimeToInstant as zoned } from "../platform/time.ts";
import { decodeReport, importAttendance } from "./attendance-csv.ts";
import {
  accountInvitations,
  inviteToSession,
  listInvitations,
  searchContacts,
  updateInvitation,
} from "./invitations.ts";
import {
  attendanceResultSchema,
  invitationPatch,
  invitationSchema,
  inviteInput,
  inviteResultSchema,
  participationSchema,
  seminarDetailSchema,
  seminarInput,
  seminarKinds,
  seminarPatch,
  seminarSchema,
  sessionInput,
  sessionPatch,
  sessionSchema,
} from "./seminar-schemas.ts";
import {
  createSeminar,
  createSession,
  getSeminar,
  listSeminars,
  participation,
  updateSeminar,
  updateSession,
} from "./seminars.ts";

const period = z.object({
  from: z.iso.date().optional().openapi({ description: "invited_at from this day (workspace time zone)" }),
  to: z.iso.date().optional().openapi({ description: "invited_at before the end of this day" }),
});
const fileField = z.instanceof(File).openapi({ type: "string", format: "binary" });
const DAY_MS = 86_400_000;

export function seminarRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Seminars"];
  const manager = requireRole("manager");
  const csm = requireRole("csm");
  const { publicUrl } = services.config;

  const periodOf = (q: { from?: string; to?: string }, timeZone: string) => {
    const at = (d: string) => {
      const [y, m, day] = d.split("-").map(Number) as [number, number, number];
      return zoned(y, m, day, timeZone);
    };
    return {
      from: q.from ? at(q.from) : undefined,
      to: q.to ? new Date(at(q.to).getTime() + DAY_MS) : undefined,
    };
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/seminars",
      tags,
      summary: "Seminars with their next sessions, invitation counts and participation",
      request: { query: period.extend({ includeArchived: z.enum(["true", "false"]).optional() }) },
      responses: {
        200: jsonResponse(z.object({ items: z.array(seminarSchema) }), "Seminars"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const items = await scoped(services, c, (tx, { workspace }) =>
        listSeminars(tx, workspace.id, {
          includeArchived: q.includeArchived === "true",
          ...periodOf(q, workspace.settings.timezone),
        }),
      );
      return sendJson(c, { items: items.map(({ sessions: _s, ...s }) => s) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/seminars/participation",
      tags,
      summary: "Participation over a kind of seminar (welcome: the KPI ウェルカムセミナー参加率)",
      request: { query: period.extend({ kind: z.enum(seminarKinds).default("welcome") }) },
      responses: { 200: jsonResponse(participationSchema, "Participation"), ...commonErrors },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const result = await scoped(services, c, async (tx, { workspace }) => {
        const rates = await participation(tx, workspace.id, {
          kind: q.kind,
          ...periodOf(q, workspace.settings.timezone),
        });
        return rates.get("all") ?? { numerator: 0, denominator: 0, value: null };
      });
      return sendJson(c, result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/seminars",
      tags,
      summary: "Create a seminar",
      middleware: [manager] as const,
      request: { body: jsonBody(seminarInput) },
      responses: { 201: jsonResponse(seminarDetailSchema, "The seminar"), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => createSeminar(tx, workspace.id, input)),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/seminars/{id}",
      tags,
      summary: "A seminar with all its sessions",
      request: { params: idParam },
      responses: { 200: jsonResponse(seminarDetailSchema, "The seminar"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => getSeminar(tx, workspace.id, id)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/seminars/{id}",
      tags,
      summary:
        "Change a seminar; giving touch models switches automatic invitations on (for onboardings started from now)",
      middleware: [manager] as const,
      request: { params: idParam, body: jsonBody(seminarPatch) },
      responses: { 200: jsonResponse(seminarDetailSchema, "The seminar"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => updateSeminar(tx, workspace.id, id, patch)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/seminars/{id}/sessions",
      tags,
      summary: "Add a session (date, time, online URL)",
      middleware: [csm] as const,
      request: { params: idParam, body: jsonBody(sessionInput) },
      responses: { 201: jsonResponse(sessionSchema, "The session"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => createSession(tx, workspace.id, id, input)),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/seminar-sessions/{id}",
      tags,
      summary: "Change or cancel a session",
      middleware: [csm] as const,
      request: { params: idParam, body: jsonBody(sessionPatch) },
      responses: { 200: jsonResponse(sessionSchema, "The session"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => updateSession(tx, workspace.id, id, patch)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/seminar-sessions/{id}/invitations",
      tags,
      summary: "A session's invitations with their status and attendance",
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(invitationSchema) }), "Invitations"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const items = await scoped(services, c, (tx, { workspace }) => listInvitations(tx, workspace.id, id));
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/seminar-invitations",
      tags,
      summary: "An account's seminar invitations, newest session first",
      request: { params: idParam },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(
              invitationSchema.extend({
                seminarTitle: z.object({ ja: z.string(), en: z.string() }),
                seminarKind: z.enum(seminarKinds),
                startsAt: z.string(),
              }),
            ),
          }),
          "Invitations",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const items = await scoped(services, c, async (tx, { workspace }) => {
        const [account] = /^[0-9a-f-]{36}$/i.test(id)
          ? await tx
              .select({ id: accounts.id })
              .from(accounts)
              .where(and(eq(accounts.workspaceId, workspace.id), eq(accounts.id, id)))
          : [];
        if (!account) throw notFound("Account");
        return accountInvitations(tx, workspace.id, id);
      });
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/seminar-contacts",
      tags,
      summary: "Contacts to invite, by name, e-mail or account name",
      request: { query: z.object({ q: z.string().max(200).default("") }) },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(
              z.object({
                contactId: z.string(),
                name: z.string().nullable(),
                email: z.string(),
                accountId: z.string(),
                accountName: z.string(),
              }),
            ),
          }),
          "Contacts",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { q } = c.req.valid("query");
      const items = await scoped(services, c, (tx, { workspace }) =>
        searchContacts(tx, workspace.id, q.trim()),
      );
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/seminar-sessions/{id}/invitations",
      tags,
      summary: "Invite chosen contacts, a segment or a touch model by e-mail (each contact once per session)",
      middleware: [csm] as const,
      request: { params: idParam, body: jsonBody(inviteInput) },
      responses: { 200: jsonResponse(inviteResultSchema, "How many were invited"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          inviteToSession(tx, workspace, id, input, { userId, publicUrl }),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/seminar-sessions/{id}/attendance",
      tags,
      summary:
        "Import the webinar tool's attendee report (CSV): listed invitees attended, registered ones not listed were absent; unknown addresses are reported",
      middleware: [csm] as const,
      request: {
        params: idParam,
        body: {
          required: true,
          content: { "multipart/form-data": { schema: z.object({ file: fileField }) } },
        },
      },
      responses: { 200: jsonResponse(attendanceResultSchema, "What the report changed"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { file } = c.req.valid("form");
      if (file.size > 5 * 1024 * 1024)
        throw new AppError("payload_too_large", "The report is larger than 5 MB");
      const text = decodeReport(new Uint8Array(await file.arrayBuffer()));
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          importAttendance(tx, workspace.id, id, text, { userId }),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/seminar-invitations/{id}",
      tags,
      summary: "Mark attendance (true, false, null) or register / decline on the contact's behalf",
      middleware: [csm] as const,
      request: { params: idParam, body: jsonBody(invitationPatch) },
      responses: { 200: jsonResponse(invitationSchema, "The invitation"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          updateInvitation(tx, workspace.id, id, patch, { userId }),
        ),
        200,
      );
    },
  );

  return app;
}
