import { createRoute, z } from "@hono/zod-openapi";
import { requireAccount } from "../accounts/require-account.ts";
import { requireRole } from "../platform/auth/caller.ts";
import type { Services } from "../platform/http/context.ts";
import {
  commonErrors,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  scoped,
  sendJson,
} from "../platform/http/openapi.ts";
import {
  addTimelineEntry,
  listTimeline,
  meetingTypes,
  removeTimelineEntry,
  timelineEntryInput,
  timelineEntryPatch,
  timelineQuery,
  updateTimelineEntry,
} from "./timeline-entries.ts";

export const timelineEntrySchema = z
  .object({
    id: z.string().uuid(),
    accountId: z.string().uuid(),
    kind: z.string().openapi({
      description:
        "note | meeting (written by people) or a change: handoff | hearing | segment | touch_model | …",
    }),
    meetingType: z.enum(meetingTypes).nullable(),
    title: z.string().nullable(),
    body: z.string().nullable(),
    occurredAt: z.string().openapi({ format: "date-time" }),
    actorUserId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    actorName: z.string().nullable().openapi({ description: "The staff user's name, else actorLabel" }),
    data: z.record(z.string(), z.unknown()).openapi({
      description:
        "Facts for the UI: meetings `attendees`; changes e.g. `action`, `fields`, `templateId`; edits `editedAt`, `editedBy`",
    }),
    createdAt: z.string().openapi({ format: "date-time" }),
    editable: z.boolean().openapi({ description: "Whether the caller may change or delete this entry" }),
  })
  .openapi("TimelineEntry");

const timelinePage = z
  .object({
    items: z.array(timelineEntrySchema),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: "Pass as `before` for the next page; null at the end" }),
  })
  .openapi("TimelinePage");

export function timelineRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Timeline"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/timeline",
      tags,
      summary: "The account's timeline, newest first (cursor paging)",
      request: { params: idParam, query: timelineQuery },
      responses: { 200: jsonResponse(timelinePage, "A page of timeline entries"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const query = c.req.valid("query");
      const page = await scoped(services, c, (tx, caller) =>
        listTimeline(tx, caller.workspace.id, id, query, caller),
      );
      return sendJson(c, page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/accounts/{id}/timeline",
      tags,
      summary: "Write a note or a meeting record on the account's timeline",
      middleware: [requireRole("csm"), requireAccount(services)] as const,
      request: { params: idParam, body: jsonBody(timelineEntryInput) },
      responses: { 201: jsonResponse(timelineEntrySchema, "The new entry"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const entry = await scoped(services, c, (tx, caller) =>
        addTimelineEntry(tx, caller.workspace, id, input, caller),
      );
      return sendJson(c, entry, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/timeline/{id}",
      tags,
      summary: "Correct a note or meeting record (its author or a manager)",
      middleware: [requireRole("csm")] as const,
      request: { params: idParam, body: jsonBody(timelineEntryPatch) },
      responses: { 200: jsonResponse(timelineEntrySchema, "The changed entry"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      const entry = await scoped(services, c, (tx, caller) =>
        updateTimelineEntry(tx, caller.workspace, id, patch, caller),
      );
      return sendJson(c, entry, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/timeline/{id}",
      tags,
      summary: "Delete a note or meeting record (its author or a manager)",
      middleware: [requireRole("csm")] as const,
      request: { params: idParam },
      responses: { 204: { description: "Deleted" }, ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await scoped(services, c, (tx, caller) => removeTimelineEntry(tx, caller.workspace.id, id, caller));
      return c.body(null, 204);
    },
  );

  return app;
}
