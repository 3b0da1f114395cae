import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
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
import { listSends, resolveRecipients, searchContacts, sendSurvey, skipReasons } from "./send-survey.ts";
import { listResponses, surveyResults } from "./survey-results.ts";
import {
  bands,
  questionTypes,
  responseListQuery,
  responseSources,
  sendInput,
  surveyInput,
  surveyKinds,
  triggerKinds,
} from "./survey-schemas.ts";
import { createSurvey, getSurvey, listSurveys, setSurveyArchived, updateSurvey } from "./surveys.ts";

const instant = z.string().openapi({ format: "date-time" });
const localized = z.object({ ja: z.string(), en: z.string() });

export const surveySchema = z
  .object({
    id: z.string(),
    kind: z.enum(surveyKinds),
    title: localized,
    intro: localized,
    questions: z.array(
      z.object({
        id: z.string(),
        type: z.enum(questionTypes),
        text: localized,
        options: z.array(z.object({ value: z.string(), label: localized })).optional(),
        required: z.boolean(),
      }),
    ),
    closeAfterDays: z.number().int(),
    archivedAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
    sends: z.number().int(),
    responses: z.number().int(),
    triggers: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(triggerKinds),
        days: z.number().int().nullable(),
        segments: z.array(z.string()),
        touchModels: z.array(z.string()),
        roles: z.array(z.string()),
        createdAt: instant,
      }),
    ),
  })
  .openapi("Survey");

const recipientSchema = z.object({
  contactId: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  role: z.string().nullable(),
  accountId: z.string(),
  accountName: z.string(),
});
const sendPlanSchema = z
  .object({
    recipients: z.array(recipientSchema),
    skipped: z.array(recipientSchema.extend({ reason: z.enum(skipReasons) })),
  })
  .openapi("SurveySendPlan");

const sendSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    contactId: z.string(),
    contactName: z.string().nullable(),
    contactEmail: z.string(),
    source: z.string(),
    sentAt: instant,
    closesAt: instant,
    openedAt: instant.nullable(),
    answeredAt: instant.nullable(),
    score: z.number().int().nullable(),
    status: z.enum(["sent", "opened", "answered", "closed"]),
  })
  .openapi("SurveySend");

const npsSchema = z.object({
  n: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  value: z.number().nullable(),
});
const csatSchema = z.object({
  n: z.number().int(),
  satisfied: z.number().int(),
  value: z.number().nullable(),
  mean: z.number().nullable(),
});

const resultsSchema = z
  .object({
    surveyId: z.string(),
    kind: z.enum(surveyKinds),
    sends: z.number().int(),
    opened: z.number().int(),
    answeredSends: z.number().int(),
    responses: z.number().int(),
    responseRate: z.number().nullable(),
    nps: npsSchema.nullable(),
    csat: csatSchema.nullable(),
    distribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
    questions: z.array(
      z.object({
        id: z.string(),
        type: z.enum(questionTypes),
        answered: z.number().int(),
        mean: z.number().nullable(),
        counts: z.array(z.object({ value: z.string(), count: z.number().int() })),
      }),
    ),
  })
  .openapi("SurveyResults");

export const responseSchema = z
  .object({
    id: z.string(),
    surveyId: z.string().nullable(),
    surveyTitle: localized.nullable(),
    kind: z.enum(surveyKinds),
    score: z.number().int().nullable(),
    band: z.enum(bands).nullable(),
    comment: z.string().nullable(),
    answers: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    source: z.enum(responseSources),
    answeredAt: instant,
    updatedAt: instant,
    accountId: z.string(),
    accountName: z.string(),
    segment: z.string().nullable(),
    touchModel: z.string().nullable(),
    contactId: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    followedUp: z.boolean(),
  })
  .openapi("SurveyResponse");

/** 404 for a survey of another workspace before the body is validated. */
function requireSurvey(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.param("id");
    if (!id) throw notFound("Survey");
    await scoped(services, c, (tx, { workspace }) => getSurvey(tx, workspace.id, id));
    await next();
  };
}

export function surveyRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Surveys"];
  const publicUrl = services.config.publicUrl;

  app.openapi(
    createRoute({
      method: "get",
      path: "/surveys",
      tags,
      summary: "The workspace's surveys (archived ones with ?archived=true)",
      request: { query: z.object({ archived: z.enum(["true", "false"]).optional() }) },
      responses: {
        200: jsonResponse(z.object({ items: z.array(surveySchema) }), "The surveys"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { archived } = c.req.valid("query");
      const items = await scoped(services, c, (tx, { workspace }) =>
        listSurveys(tx, workspace.id, archived === "true"),
      );
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/surveys",
      tags,
      summary: "Define a survey (NPS, CSAT or custom) with its texts, questions and triggers",
      middleware: [requireRole("manager")] as const,
      request: { body: jsonBody(surveyInput) },
      responses: { 201: jsonResponse(surveySchema, "The new survey"), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          createSurvey(tx, workspace.id, input, userId),
        ),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/surveys/{id}",
      tags,
      summary: "One survey",
      request: { params: idParam },
      responses: { 200: jsonResponse(surveySchema, "The survey"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => getSurvey(tx, workspace.id, id)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/surveys/{id}",
      tags,
      summary: "Change a survey (its kind stays once it has answers; kept trigger ids keep their start)",
      middleware: [requireRole("manager"), requireSurvey(services)] as const,
      request: { params: idParam, body: jsonBody(surveyInput) },
      responses: { 200: jsonResponse(surveySchema, "The changed survey"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => updateSurvey(tx, workspace.id, id, input)),
        200,
      );
    },
  );

  for (const [suffix, archived] of [
    ["archive", true],
    ["unarchive", false],
  ] as const)
    app.openapi(
      createRoute({
        method: "post",
        path: `/surveys/{id}/${suffix}`,
        tags,
        summary: archived ? "Archive a survey (its triggers stop)" : "Take a survey out of the archive",
        middleware: [requireRole("manager")] as const,
        request: { params: idParam },
        responses: { 200: jsonResponse(surveySchema, "The survey"), ...commonErrors },
      }),
      async (c) => {
        const { id } = c.req.valid("param");
        return sendJson(
          c,
          await scoped(services, c, (tx, { workspace }) => setSurveyArchived(tx, workspace.id, id, archived)),
          200,
        );
      },
    );

  app.openapi(
    createRoute({
      method: "post",
      path: "/surveys/{id}/send/preview",
      tags,
      summary: "Who a send would reach and who it skips (and why), without sending",
      middleware: [requireRole("csm"), requireSurvey(services)] as const,
      request: { params: idParam, body: jsonBody(sendInput) },
      responses: { 200: jsonResponse(sendPlanSchema, "Recipients and skipped contacts"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, async (tx, { workspace }) =>
          resolveRecipients(tx, workspace, await getSurvey(tx, workspace.id, id), input),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/surveys/{id}/send",
      tags,
      summary:
        "Send the survey by e-mail to chosen contacts, or to a segment's contacts with the chosen roles",
      middleware: [requireRole("csm"), requireSurvey(services)] as const,
      request: { params: idParam, body: jsonBody(sendInput) },
      responses: {
        200: jsonResponse(sendPlanSchema.extend({ sent: z.number().int() }), "What was sent and skipped"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          sendSurvey(tx, workspace, id, input, userId, publicUrl),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/surveys/{id}/sends",
      tags,
      summary: "The survey's sends (newest 500) and where each stands",
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(sendSchema) }), "The sends"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const items = await scoped(services, c, async (tx, { workspace }) => {
        await getSurvey(tx, workspace.id, id);
        return listSends(tx, workspace.id, id);
      });
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/surveys/{id}/results",
      tags,
      summary: "NPS (promoters − detractors) or CSAT (share satisfied, mean), distribution and response rate",
      request: { params: idParam },
      responses: { 200: jsonResponse(resultsSchema, "The results"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => surveyResults(tx, workspace.id, id)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/survey-responses",
      tags,
      summary:
        "Answers with their comments, newest first, filtered by score band, segment, touch model and period",
      request: { query: responseListQuery },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(responseSchema),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            summary: z.object({ nps: npsSchema, csat: csatSchema }),
          }),
          "The answers",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => listResponses(tx, workspace, query)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/survey-recipients",
      tags,
      summary: "Contacts to send a survey to, by name, e-mail or account (first 50)",
      request: { query: z.object({ q: z.string().max(200).default("") }) },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(recipientSchema.extend({ unsubscribed: z.boolean() })) }),
          "Matching contacts",
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

  return app;
}
