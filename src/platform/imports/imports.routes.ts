import { createRoute, z } from "@hono/zod-openapi";
import { inquiryColumns } from "../../support/import-inquiries.ts";
import { requireRole } from "../auth/caller.ts";
import type { Services } from "../http/context.ts";
import { AppError } from "../http/errors.ts";
import { commonErrors, createRouter, idParam, jsonResponse, scoped, sendJson } from "../http/openapi.ts";
import { suggestAccountMapping } from "./crm-headers.ts";
import { assertImportKind, importTable } from "./import-file.ts";
import { forgetImportMapping, listImportMappings, rememberImportMapping } from "./import-mappings.ts";
import { applyMapping, readTable } from "./read-table.ts";

const kindParam = z.object({
  kind: z.string().openapi({ param: { name: "kind", in: "path" }, example: "accounts" }),
});
const fileField = z.instanceof(File).openapi({ type: "string", format: "binary" });
const mappingSchema = z.record(z.string(), z.string().min(1));

const importResult = z
  .object({
    kind: z.string(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  })
  .openapi("ImportResult");

/** The fixed columns of the kinds whose unknown columns are rejected (CONTRACT.md). */
const fixedColumns: Record<string, string[]> = {
  contacts: ["account_external_id", "email", "name", "role", "literacy"],
  onboardings: ["account_external_id", "started_at", "target_date", "completed_at"],
  "seminar-invitations": [
    "account_external_id",
    "contact_email",
    "seminar",
    "session_at",
    "invited_at",
    "kind",
    "attended",
  ],
  "survey-responses": ["account_external_id", "survey", "score", "answered_at", "contact_email", "comment"],
  inquiries: [...inquiryColumns],
};

async function tableOf(file: File, mappingText: string | undefined) {
  const table = await readTable(Buffer.from(await file.arrayBuffer()), file.name);
  if (!mappingText) return table;
  let parsed: unknown;
  try {
    parsed = JSON.parse(mappingText);
  } catch {
    throw new AppError("validation_failed", "The mapping is not valid JSON", [
      { path: "mapping", message: "not JSON" },
    ]);
  }
  const mapping = mappingSchema.safeParse(parsed);
  if (!mapping.success)
    throw new AppError("validation_failed", "The mapping must map file columns to Embark columns");
  return applyMapping(table, mapping.data);
}

/** Imports through the web app: upload a CSV or .xlsx, map its columns (remembered by name), import. */
export function importRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Imports"];
  const writer = requireRole("csm");

  app.openapi(
    createRoute({
      method: "post",
      path: "/imports/{kind}/preview",
      tags,
      summary: "Read an uploaded file: its columns, the first rows and a suggested column mapping",
      middleware: [writer] as const,
      request: {
        params: kindParam,
        body: {
          required: true,
          content: { "multipart/form-data": { schema: z.object({ file: fileField }) } },
        },
      },
      responses: {
        200: jsonResponse(
          z.object({
            columns: z.array(z.string()),
            rows: z.array(z.record(z.string(), z.string())),
            totalRows: z.number().int(),
            suggestedMapping: mappingSchema,
            mappings: z.array(z.object({ id: z.string(), name: z.string(), mapping: mappingSchema })),
          }),
          "The file's shape",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { kind } = c.req.valid("param");
      assertImportKind(kind);
      const table = await tableOf(c.req.valid("form").file, undefined);
      const suggestedMapping =
        kind === "accounts"
          ? suggestAccountMapping(table.columns)
          : Object.fromEntries(
              table.columns.map((col) => [col, fixedColumns[kind]?.includes(col) ? col : "ignore"]),
            );
      const mappings = await scoped(services, c, (tx, { workspace }) =>
        listImportMappings(tx, workspace.id, kind),
      );
      return sendJson(
        c,
        {
          columns: table.columns,
          rows: table.rows.slice(0, 5).map((r) => r.values),
          totalRows: table.rows.length,
          suggestedMapping,
          mappings,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/imports/{kind}",
      tags,
      summary: "Import an uploaded CSV or .xlsx file, optionally through a column mapping",
      middleware: [writer] as const,
      request: {
        params: kindParam,
        body: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: z.object({
                file: fileField,
                mapping: z
                  .string()
                  .optional()
                  .openapi({ description: "JSON: file column → Embark column, 'custom' or 'ignore'" }),
                saveMappingAs: z.string().trim().min(1).max(100).optional(),
              }),
            },
          },
        },
      },
      responses: { 200: jsonResponse(importResult, "Counts and the rejected rows"), ...commonErrors },
    }),
    async (c) => {
      const { kind } = c.req.valid("param");
      assertImportKind(kind);
      const form = c.req.valid("form");
      const table = await tableOf(form.file, form.mapping);
      const { workspace } = c.get("caller");
      const result = await importTable(services.database.db, workspace, kind, table);
      if (form.saveMappingAs && form.mapping)
        await scoped(services, c, (tx) =>
          rememberImportMapping(tx, workspace.id, {
            kind,
            name: form.saveMappingAs!,
            mapping: JSON.parse(form.mapping!),
          }),
        );
      return sendJson(c, result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/import-mappings",
      tags,
      summary: "Remembered column mappings",
      request: { query: z.object({ kind: z.string().default("accounts") }) },
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(z.object({ id: z.string(), name: z.string(), mapping: mappingSchema })),
          }),
          "Mappings",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { kind } = c.req.valid("query");
      return sendJson(
        c,
        {
          items: await scoped(services, c, (tx, { workspace }) => listImportMappings(tx, workspace.id, kind)),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/import-mappings/{id}",
      tags,
      summary: "Forget a remembered mapping",
      middleware: [writer] as const,
      request: { params: idParam },
      responses: { 204: { description: "Forgotten" }, ...commonErrors },
    }),
    async (c) => {
      await scoped(services, c, (tx, { workspace }) =>
        forgetImportMapping(tx, workspace.id, c.req.valid("param").id),
      );
      return c.body(null, 204);
    },
  );

  return app;
}
