import { sql } from "drizzle-orm";

/**
 * `= any(...)` of a list of values, passed as one JSON parameter (works the same on both databases).
 * The subquery form lets the planner join (hash or index probes); `any(array(…))` would compare
 * every row with every value.
 */
export const anyOf = (ids: readonly string[], type: "text" | "uuid" = "text") =>
  sql`any(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::${sql.raw(type)})`;
