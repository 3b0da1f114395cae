// One fetch wrapper for the Embark HTTP API: cookies, JSON, the chosen workspace and the error shape.
import i18n from "i18next";
import { getChosenWorkspace } from "./workspace-choice";

export type ErrorDetail = { path: string; message: string; code?: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  /** Leave out the X-Embark-Workspace header (public and auth endpoints). */
  withoutWorkspace?: boolean;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function parseDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((d) =>
    isRecord(d) && typeof d.message === "string"
      ? [
          {
            path: typeof d.path === "string" ? d.path : "",
            message: d.message,
            ...(typeof d.code === "string" ? { code: d.code } : {}),
          },
        ]
      : [],
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // not JSON (a proxy error page, an empty body)
  }
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
  if (error) {
    return new ApiError(
      response.status,
      typeof error.code === "string" ? error.code : "http_error",
      typeof error.message === "string" ? error.message : response.statusText,
      parseDetails(error.details),
    );
  }
  // better-auth answers with {code, message} at the top level
  if (isRecord(payload) && typeof payload.message === "string") {
    return new ApiError(
      response.status,
      typeof payload.code === "string" ? payload.code : "http_error",
      payload.message,
    );
  }
  return new ApiError(response.status, "http_error", i18n.t("errors.http", { status: response.status }));
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (i18n.language) headers["Accept-Language"] = i18n.language;
  const workspace = options.withoutWorkspace ? null : getChosenWorkspace();
  if (workspace) headers["X-Embark-Workspace"] = workspace;
  const isForm = options.body instanceof FormData;
  // A FormData body sets its own multipart content type (with the boundary).
  if (options.body !== undefined && !isForm) headers["Content-Type"] = "application/json";

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      credentials: "include",
      headers,
      body:
        options.body === undefined
          ? undefined
          : isForm
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network_error", i18n.t("errors.network"));
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const apiGet = <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal });
export const apiPost = <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "POST", body });
export const apiPatch = <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PATCH", body });
export const apiPut = <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PUT", body });
export const apiDelete = <T = void>(path: string, body?: unknown) =>
  apiRequest<T>(path, { method: "DELETE", body });
/** Uploads a file (multipart/form-data). */
export const apiUpload = <T>(path: string, form: FormData) =>
  apiRequest<T>(path, { method: "POST", body: form });

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** Builds a query string, leaving out empty values. */
export function toQueryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
