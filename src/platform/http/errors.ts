import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

const statusByCode = {
  validation_failed: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof statusByCode;
export interface ErrorDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

/** The one error the application throws on purpose; its code decides the HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): ContentfulStatusCode {
    return statusByCode[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "Your role does not allow this") => new AppError("forbidden", message);

export function detailsFromZod(error: ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

export function validationFailed(error: ZodError, what = "The request"): AppError {
  return new AppError("validation_failed", `${what} is not valid`, detailsFromZod(error));
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, details: error.details } };
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 400)
      return new AppError("bad_request", err.message || "The request could not be read");
    const code = (Object.entries(statusByCode).find(([, s]) => s === err.status)?.[0] ??
      "bad_request") as ErrorCode;
    return new AppError(code, err.message || "The request could not be processed");
  }
  if (err instanceof SyntaxError) return new AppError("bad_request", "The body is not valid JSON");
  const pgCode =
    (err as { code?: unknown; cause?: { code?: unknown } })?.code ??
    (err as { cause?: { code?: unknown } })?.cause?.code;
  if (pgCode === "23505") return new AppError("conflict", "A record with the same key already exists");
  if (pgCode === "22021" || pgCode === "22P05")
    return new AppError("validation_failed", "A text contains a character that cannot be stored (NUL)");
  if (pgCode === "22P02" || pgCode === "22007" || pgCode === "22008" || pgCode === "22003")
    return new AppError("validation_failed", "A value has the wrong format");
  return new AppError("internal", "Something went wrong on our side; it has been logged");
}

export function sendError(c: Context, error: AppError) {
  return c.json(errorBody(error), error.status);
}
