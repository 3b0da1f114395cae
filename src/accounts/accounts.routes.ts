import { createRoute, z } from "@hono/zod-openapi";
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
import { accountInput, accountPatch, contactInput, contactPatch } from "./account-fields.ts";
import {
  accountListQuery,
  createAccount,
  getAccount,
  getAccountFacets,
  listAccounts,
  updateAccount,
} from "./accounts.ts";
import { addContact, listContacts, removeContact, updateContact } from "./contacts.ts";

const person = z.object({ id: z.string(), name: z.string(), email: z.string() });
const nullableString = z.string().nullable();
export const accountSchema = z
  .object({
    id: z.string().uuid(),
    externalId: z.string(),
    name: z.string(),
    groupId: z.string(),
    industry: nullableString,
    employees: z.number().int().nullable(),
    annualRevenue: z.number().nullable(),
    plan: nullableString,
    contractStart: nullableString.openapi({ format: "date-time" }),
    contractValue: z.number().nullable(),
    ownerId: nullableString,
    backupOwnerId: nullableString,
    backupOwner: person.nullable(),
    owner: person.nullable(),
    segment: nullableString.openapi({ description: "The segment key the segment rules give" }),
    touchModel: nullableString.openapi({
      description: "The effective touch model (override, else a signal switch, else the policy)",
    }),
    touchModelSource: z.enum(["rule", "signal", "override"]).nullable(),
    touchModelOverride: nullableString.openapi({ description: "A manual touch-model override" }),
    usageFrequency: nullableString.openapi({ description: "daily, weekly, monthly or inactive" }),
    activatedAt: nullableString.openapi({
      format: "date-time",
      description: "When the account's tracked events first met the activation definition",
    }),
    lifecyclePhase: z.string(),
    churnedAt: nullableString.openapi({ format: "date-time" }),
    churnReason: nullableString,
    custom: z.record(z.string(), z.string()),
    contactCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Account");

export const contactSchema = z
  .object({
    id: z.string().uuid(),
    accountId: z.string().uuid(),
    email: z.string(),
    name: nullableString,
    role: nullableString,
    literacy: nullableString,
    language: nullableString.openapi({ description: "ja or en; null: the workspace's mail language" }),
    unsubscribedAt: nullableString.openapi({
      description: "when the contact unsubscribed from marketing mail",
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Contact");

const accountPage = z.object({
  items: z.array(accountSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export function accountRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Accounts"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts",
      tags,
      summary: "List accounts (paged, searchable, sortable, filterable)",
      request: { query: accountListQuery },
      responses: { 200: jsonResponse(accountPage, "A page of accounts"), ...commonErrors },
    }),
    async (c) => {
      const query = c.req.valid("query");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => listAccounts(tx, workspace.id, query)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/facets",
      tags,
      summary: "The values the accounts list can be filtered by",
      responses: {
        200: jsonResponse(
          z.object({
            plans: z.array(z.string()),
            industries: z.array(z.string()),
            lifecyclePhases: z.array(z.string()),
            owners: z.array(person),
          }),
          "Filter values",
        ),
        ...commonErrors,
      },
    }),
    async (c) =>
      sendJson(c, await scoped(services, c, (tx, { workspace }) => getAccountFacets(tx, workspace.id)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/accounts",
      tags,
      summary: "Create an account",
      middleware: [requireRole("csm")] as const,
      request: { body: jsonBody(accountInput) },
      responses: { 201: jsonResponse(accountSchema, "The new account"), ...commonErrors },
    }),
    async (c) => {
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) => createAccount(tx, workspace, input, userId)),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}",
      tags,
      summary: "An account with its contacts",
      request: { params: idParam },
      responses: {
        200: jsonResponse(accountSchema.extend({ contacts: z.array(contactSchema) }), "The account"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const result = await scoped(services, c, async (tx, { workspace }) => ({
        ...(await getAccount(tx, workspace.id, id)),
        contacts: await listContacts(tx, workspace.id, id),
      }));
      return sendJson(c, result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/accounts/{id}",
      tags,
      summary: "Change an account",
      middleware: [requireRole("csm")] as const,
      request: { params: idParam, body: jsonBody(accountPatch) },
      responses: { 200: jsonResponse(accountSchema, "The changed account"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace, userId }) =>
          updateAccount(tx, workspace, id, patch, userId),
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/contacts",
      tags,
      summary: "The account's contacts",
      request: { params: idParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(contactSchema) }), "Contacts"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const items = await scoped(services, c, async (tx, { workspace }) => {
        await getAccount(tx, workspace.id, id);
        return listContacts(tx, workspace.id, id);
      });
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/accounts/{id}/contacts",
      tags,
      summary: "Add a contact to the account",
      middleware: [requireRole("csm")] as const,
      request: { params: idParam, body: jsonBody(contactInput) },
      responses: { 201: jsonResponse(contactSchema, "The new contact"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => addContact(tx, workspace.id, id, input)),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/contacts/{id}",
      tags,
      summary: "Change a contact",
      middleware: [requireRole("csm")] as const,
      request: { params: idParam, body: jsonBody(contactPatch) },
      responses: { 200: jsonResponse(contactSchema, "The changed contact"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const patch = c.req.valid("json");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => updateContact(tx, workspace.id, id, patch)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/contacts/{id}",
      tags,
      summary: "Remove a contact",
      middleware: [requireRole("csm")] as const,
      request: { params: idParam },
      responses: { 204: { description: "Removed" }, ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      await scoped(services, c, (tx, { workspace }) => removeContact(tx, workspace.id, id));
      return c.body(null, 204);
    },
  );

  return app;
}
