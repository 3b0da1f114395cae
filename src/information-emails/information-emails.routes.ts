import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { requireAccount } from "../accounts/require-account.ts";
import { requireRole } from "../platform/auth/caller.ts";
import type { AppEnv, Services } from "../platform/http/context.ts";
import { notFound } from "../platform/http/errors.ts";
import {
  commonErrors,
  createRouter,
  idParam,
  jsonBody,
  jsonResponse,
  scoped,
  sendJson,
} from "../platform/http/openapi.ts";
import { listAccountEnrolments, listSequenceEnrolments } from "./enrolments.ts";
import { previewStep } from "./preview-step.ts";
import {
  enrolmentSchema,
  placeholders,
  previewInput,
  previewSchema,
  sequenceInput,
  sequenceSchema,
  sequenceSummarySchema,
} from "./sequence-schemas.ts";
import {
  activateSequence,
  createSequence,
  createStandardSequence,
  deleteSequence,
  getSequence,
  listSequences,
  pauseSequence,
  updateSequence,
} from "./sequences.ts";

/** 404 for a sequence of another workspace before the body is validated. */
function requireSequence(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.param("id");
    if (!id) throw notFound("Information sequence");
    await scoped(services, c, (tx, { workspace }) => getSequence(tx, workspace.id, id));
    await next();
  };
}

const enrolmentList = z.object({ items: z.array(enrolmentSchema) });

export function informationEmailRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Information e-mails"];
  const manager = requireRole("manager");

  app.openapi(
    createRoute({
      method: "get",
      path: "/information-sequences",
      tags,
      summary: "Information e-mail sequences with their step, enrolment and sent counts",
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(sequenceSummarySchema), placeholders: z.array(z.string()) }),
          "The sequences, active first",
        ),
        ...commonErrors,
      },
    }),
    async (c) =>
      sendJson(
        c,
        {
          items: await scoped(services, c, (tx, { workspace }) => listSequences(tx, workspace.id)),
          placeholders,
        },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/information-sequences",
      tags,
      summary: "Create a sequence (manager); it stays paused until turned on",
      middleware: [manager] as const,
      request: { body: jsonBody(sequenceInput) },
      responses: { 201: jsonResponse(sequenceSchema, "The new sequence"), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          createSequence(tx, workspace.id, input, userId),
        ),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/information-sequences/standard",
      tags,
      summary:
        "Create the standard tech-touch sequence (five steps in Japanese and English; manager); only when the workspace has none",
      middleware: [manager] as const,
      request: {
        body: {
          required: false,
          content: { "application/json": { schema: z.object({ locale: z.enum(["ja", "en"]).optional() }) } },
        },
      },
      responses: { 201: jsonResponse(sequenceSchema, "The standard sequence"), ...commonErrors },
    }),
    async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { locale?: unknown };
      const locale = body.locale === "en" ? "en" : body.locale === "ja" ? "ja" : null;
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          createStandardSequence(
            tx,
            workspace.id,
            locale ?? workspace.settings["mail.language"] ?? "ja",
            userId,
          ),
        ),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/information-sequences/preview",
      tags,
      summary: "A step's subject and body as one account's contact would read them, in Japanese and English",
      request: { body: jsonBody(previewInput) },
      responses: { 200: jsonResponse(previewSchema, "The rendered step"), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) =>
          previewStep(tx, workspace.id, input, services.config.publicUrl),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/information-sequences/{id}",
      tags,
      summary: "A sequence with its steps",
      request: { params: idParam },
      responses: { 200: jsonResponse(sequenceSchema, "The sequence"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => getSequence(tx, workspace.id, id)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/information-sequences/{id}",
      tags,
      summary:
        "Replace a sequence's target, recipients and steps (manager); steps named by id keep their sends",
      middleware: [manager, requireSequence(services)] as const,
      request: { params: idParam, body: jsonBody(sequenceInput) },
      responses: { 200: jsonResponse(sequenceSchema, "The sequence"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => updateSequence(tx, workspace.id, id, input)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/information-sequences/{id}",
      tags,
      summary: "Delete a sequence with its enrolments (manager); e-mails already queued stay in the outbox",
      middleware: [manager] as const,
      request: { params: idParam },
      responses: { 204: { description: "Deleted" }, ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await scoped(services, c, (tx, { workspace }) => deleteSequence(tx, workspace.id, id));
      return c.body(null, 204);
    },
  );

  for (const [action, run, summary] of [
    [
      "activate",
      activateSequence,
      "Turn a sequence on (manager): onboardings that start from now on are enrolled",
    ],
    ["pause", pauseSequence, "Pause a sequence (manager): running enrolments stop and get no further steps"],
  ] as const)
    app.openapi(
      createRoute({
        method: "post",
        path: `/information-sequences/{id}/${action}`,
        tags,
        summary,
        middleware: [manager] as const,
        request: { params: idParam },
        responses: { 200: jsonResponse(sequenceSchema, "The sequence"), ...commonErrors },
      }),
      async (c) => {
        const { id } = c.req.valid("param");
        return sendJson(c, await scoped(services, c, (tx, { workspace }) => run(tx, workspace.id, id)), 200);
      },
    );

  app.openapi(
    createRoute({
      method: "get",
      path: "/information-sequences/{id}/enrolments",
      tags,
      summary: "The onboardings enrolled in a sequence with each account's progress",
      middleware: [requireSequence(services)] as const,
      request: { params: idParam },
      responses: { 200: jsonResponse(enrolmentList, "Running first, then newest"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        {
          items: await scoped(services, c, (tx, { workspace }) => listSequenceEnrolments(tx, workspace, id)),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/information-enrolments",
      tags,
      summary: "The information e-mail sequences an account receives or received",
      middleware: [requireAccount(services)] as const,
      request: { params: idParam },
      responses: { 200: jsonResponse(enrolmentList, "Running first, then newest"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        { items: await scoped(services, c, (tx, { workspace }) => listAccountEnrolments(tx, workspace, id)) },
        200,
      );
    },
  );

  return app;
}
