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
import { hearingTemplateInput, hearingTemplatePatch, questionTypes } from "./hearing-questions.ts";
import {
  getAccountHearingSheet,
  hearingAnswersInput,
  listAccountHearingSheets,
  saveHearingAnswers,
} from "./hearing-sheets.ts";
import {
  createHearingTemplate,
  getHearingTemplate,
  listHearingTemplates,
  setHearingTemplateArchived,
  updateHearingTemplate,
} from "./hearing-templates.ts";

const label = z.object({ ja: z.string(), en: z.string() }).openapi("HearingLabel");
const question = z
  .object({
    id: z.string(),
    type: z.enum(questionTypes),
    label,
    options: z.array(z.object({ value: z.string(), label })).optional(),
    required: z.boolean(),
  })
  .openapi("HearingQuestion");

export const hearingTemplateSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    questions: z.array(question),
    removedQuestions: z
      .array(z.object({ id: z.string(), type: z.enum(questionTypes), label, removedAt: z.string() }))
      .openapi({ description: "Questions taken out of the template; answers to them are kept" }),
    archived: z.boolean(),
    archivedAt: z.string().nullable().openapi({ format: "date-time" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("HearingTemplate");

const answerValue = z.union([z.string(), z.number()]).nullable();
const answerSchema = z.object({
  value: answerValue,
  by: z.string().nullable().openapi({ description: "The staff user id who gave this answer" }),
  byName: z.string().nullable(),
  at: z.string().openapi({ format: "date-time" }),
});

export const hearingSheetSchema = z
  .object({
    template: hearingTemplateSchema,
    answers: z.record(
      z.string(),
      answerSchema.extend({
        outdated: z
          .boolean()
          .openapi({ description: "The question changed since (e.g. the option was removed); ask again" }),
      }),
    ),
    removedAnswers: z
      .array(
        answerSchema.extend({
          questionId: z.string(),
          label: label.nullable(),
          type: z.string().nullable(),
        }),
      )
      .openapi({ description: "Answers to questions since removed from the template" }),
    missingRequired: z
      .array(z.string())
      .openapi({ description: "Ids of required questions without an answer" }),
    answeredCount: z.number().int(),
    questionCount: z.number().int(),
    updatedAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("HearingSheet");

const sheetParams = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" } }),
  templateId: z.string().openapi({ param: { name: "templateId", in: "path" } }),
});

export function hearingSheetRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Hearing sheets"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/hearing-templates",
      tags,
      summary: "The hearing templates (the default one is created on first use)",
      request: {
        query: z.object({
          includeArchived: z
            .enum(["true", "false"])
            .optional()
            .openapi({ description: "Also list archived templates" }),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(hearingTemplateSchema) }), "Templates, oldest first"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { includeArchived } = c.req.valid("query");
      const items = await scoped(services, c, (tx, { workspace }) =>
        listHearingTemplates(tx, workspace.id, { includeArchived: includeArchived === "true" }),
      );
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/hearing-templates",
      tags,
      summary: "Define a hearing template (manager)",
      middleware: [requireRole("manager")] as const,
      request: { body: jsonBody(hearingTemplateInput) },
      responses: { 201: jsonResponse(hearingTemplateSchema, "The new template"), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const view = await scoped(services, c, (tx, { workspace }) =>
        createHearingTemplate(tx, workspace.id, input),
      );
      return sendJson(c, view, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/hearing-templates/{id}",
      tags,
      summary: "A hearing template",
      request: { params: idParam },
      responses: { 200: jsonResponse(hearingTemplateSchema, "The template"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const view = await scoped(services, c, (tx, { workspace }) => getHearingTemplate(tx, workspace.id, id));
      return sendJson(c, view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/hearing-templates/{id}",
      tags,
      summary: "Rename a template or replace its questions (manager); answers to removed questions are kept",
      middleware: [requireRole("manager")] as const,
      request: { params: idParam, body: jsonBody(hearingTemplatePatch) },
      responses: { 200: jsonResponse(hearingTemplateSchema, "The changed template"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      const view = await scoped(services, c, (tx, { workspace }) =>
        updateHearingTemplate(tx, workspace.id, id, patch),
      );
      return sendJson(c, view, 200);
    },
  );

  for (const [action, archived] of [
    ["archive", true],
    ["restore", false],
  ] as const)
    app.openapi(
      createRoute({
        method: "post",
        path: `/hearing-templates/{id}/${action}`,
        tags,
        summary: archived
          ? "Archive a template (manager): hidden from new sheets, answers kept"
          : "Restore an archived template (manager)",
        middleware: [requireRole("manager")] as const,
        request: { params: idParam },
        responses: { 200: jsonResponse(hearingTemplateSchema, "The template"), ...commonErrors },
      }),
      async (c) => {
        const { id } = c.req.valid("param");
        const view = await scoped(services, c, (tx, { workspace }) =>
          setHearingTemplateArchived(tx, workspace.id, id, archived),
        );
        return sendJson(c, view, 200);
      },
    );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/hearing-sheets",
      tags,
      summary: "The account's hearing sheets: every open template with the account's answers",
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(hearingSheetSchema) }), "One sheet per template"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const items = await scoped(services, c, (tx, { workspace }) =>
        listAccountHearingSheets(tx, workspace.id, id),
      );
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/hearing-sheets/{templateId}",
      tags,
      summary: "The account's sheet for one template",
      request: { params: sheetParams },
      responses: { 200: jsonResponse(hearingSheetSchema, "The sheet"), ...commonErrors },
    }),
    async (c) => {
      const { id, templateId } = c.req.valid("param");
      const view = await scoped(services, c, (tx, { workspace }) =>
        getAccountHearingSheet(tx, workspace.id, id, templateId),
      );
      return sendJson(c, view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/accounts/{id}/hearing-sheets/{templateId}",
      tags,
      summary:
        "Record answers on the account's sheet (csm); all answers are checked, one bad answer stores none",
      middleware: [requireRole("csm"), requireAccount(services)] as const,
      request: { params: sheetParams, body: jsonBody(hearingAnswersInput) },
      responses: { 200: jsonResponse(hearingSheetSchema, "The saved sheet"), ...commonErrors },
    }),
    async (c) => {
      const { id, templateId } = c.req.valid("param");
      const input = c.req.valid("json");
      const view = await scoped(services, c, (tx, caller) =>
        saveHearingAnswers(tx, caller.workspace.id, id, templateId, input, caller.userId),
      );
      return sendJson(c, view, 200);
    },
  );

  return app;
}
