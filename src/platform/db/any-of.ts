import { sql } from "drizzle-orm";

/** `= any(...)` of a list of values, passed as one JSON parameter (works the same on both databases). */
export const anyOf = (ids: readonly string[], type: "text" | "uuid" = "text") =>
  sql`any(array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::${sql.raw(type)}))`;
