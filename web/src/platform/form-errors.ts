// Puts a validation_failed answer's details onto the form fields they name.
import { ApiError } from "./api";

type FieldErrorSetter = { setFieldError: (path: string, error: string) => void };

/**
 * Maps `details[].path` ("name", "custom.region") onto form fields. `fieldFor` translates an API
 * path into the form's path (return null when the form has no such field). Returns true when at
 * least one detail found its field.
 */
export function applyFieldErrors(
  error: unknown,
  form: FieldErrorSetter,
  fieldFor: (apiPath: string) => string | null = (p) => p,
): boolean {
  if (!(error instanceof ApiError) || error.code !== "validation_failed") return false;
  let applied = false;
  for (const detail of error.details) {
    const field = fieldFor(detail.path.replace(/^body\./, ""));
    if (field) {
      form.setFieldError(field, detail.message);
      applied = true;
    }
  }
  return applied;
}
