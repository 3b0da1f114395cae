import { createRoute, z } from "@hono/zod-openapi";
import { literacyLevels } from "../accounts/account-fields.ts";
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
import { completeHandoff, getHandoff, handoffPatch, updateHandoff } from "./handoff.ts";
import { handoffGapCodes } from "./handoff-gaps.ts";

const nullableText = z.string().nullable();

export const handoffSchema = z
  .object({
    accountId: z.string().uuid(),
    accountName: z.string(),
    industry: nullableText,
    employees: z.number().int().nullable(),
    annualRevenue: z.number().nullable(),
    department: nullableText,
    challenges: nullableText,
    adoptionPurpose: nullableText,
    expectedOutcomes: nullableText,
    itLiteracy: z.enum(literacyLevels).nullable(),
    skillNotes: nullableText,
    lessons: nullableText,
    similarAccountIds: z.array(z.string().uuid()),
    similarAccounts: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
    stakeholders: z
      .array(
        z.object({
          id: z.string().uuid(),
          name: nullableText,
          email: z.string(),
          role: z.string().openapi({ description: "decision_maker | champion" }),
          literacy: nullableText,
        }),
      )
      .openapi({ description: "The account's contacts whose role is decision_maker or champion" }),
    missing: z.array(z.enum(handoffGapCodes)).openapi({
      description: "Codes of the required parts still missing, in form order; empty when it can be completed",
    }),
    complete: z.boolean().openapi({ description: "Marked complete and still nothing missing" }),
    completedAt: nullableText.openapi({ format: "date-time" }),
    completedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .openapi("Handoff");

export function handoffRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Sales hand-off"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/handoff",
      tags,
      summary: "The account's sales hand-off and what it still lacks",
      request: { params: idParam },
      responses: { 200: jsonResponse(handoffSchema, "The hand-off"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => getHandoff(tx, workspace.id, id)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/accounts/{id}/handoff",
      tags,
      summary:
        "Fill in or correct the hand-off (a completed one stays complete only if nothing goes missing)",
      middleware: [requireRole("csm")] as const,
      request: { params: idParam, body: jsonBody(handoffPatch) },
      responses: { 200: jsonResponse(handoffSchema, "The changed hand-off"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      const view = await scoped(services, c, (tx, caller) =>
        updateHandoff(tx, caller.workspace, id, patch, caller.userId),
      );
      return sendJson(c, view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/accounts/{id}/handoff/complete",
      tags,
      summary: "Mark the hand-off complete (409 with the missing parts in `details` when incomplete)",
      middleware: [requireRole("csm")] as const,
      request: { params: idParam },
      responses: { 200: jsonResponse(handoffSchema, "The completed hand-off"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const view = await scoped(services, c, (tx, caller) =>
        completeHandoff(tx, caller.workspace.id, id, caller.userId),
      );
      return sendJson(c, view, 200);
    },
  );

  return app;
}
