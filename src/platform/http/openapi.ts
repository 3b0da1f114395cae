import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { inWorkspace, type Tx } from "../db/client.ts";
import type { AppEnv, Caller, Services } from "./context.ts";
import { validationFailed } from "./errors.ts";

/** A router whose request validation failures become the contract's `validation_failed` error. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationFailed(result.error);
    },
  });
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_found" }),
      message: z.string(),
      details: z.array(z.object({ path: z.string().optional(), message: z.string() }).passthrough()),
    }),
  })
  .openapi("Error");

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: errorSchema } },
});

/** The error responses every authenticated route can give. */
export const commonErrors = {
  400: errorResponse("The request is not valid"),
  401: errorResponse("Not signed in, or the token is not valid"),
  403: errorResponse("The caller's role does not allow this"),
  404: errorResponse("Not found (or in another workspace)"),
  409: errorResponse("Conflicts with an existing record"),
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const idParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

/** Runs `fn` on the caller's workspace only (see inWorkspace). */
export function scoped<T>(
  services: Services,
  c: Context<AppEnv>,
  fn: (tx: Tx, caller: Caller) => Promise<T>,
) {
  const caller = c.get("caller");
  return inWorkspace(services.database.db, caller.workspace.id, (tx) => fn(tx, caller));
}

/**
 * Sends a value whose dates become ISO strings on the wire, as the response schemas describe.
 * The schemas are checked by the tests against real responses.
 */
export function sendJson<S extends 200 | 201>(c: Context<AppEnv>, value: unknown, status: S) {
  return c.json(value as never, status);
}
