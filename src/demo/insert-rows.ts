import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "../platform/db/client.ts";

/**
 * Inserts many rows in one set-based statement: the rows travel as a single JSON parameter that
 * `jsonb_to_recordset` turns back into typed columns (names and SQL types come from the Drizzle
 * table). Unlike a multi-row VALUES list it costs one bind parameter however many rows there are,
 * and it spares building a SQL fragment per value, which dominates the time of large inserts.
 * Every row must set the same properties; the table's defaults fill the columns they leave out.
 */
export async function insertRows<T extends PgTable>(db: Queryable, table: T, rows: T["$inferInsert"][]) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const properties = Object.keys(rows[0]!).filter((p) => p in columns);
  const target = sql.join(
    properties.map((p) => sql.identifier(columns[p]!.name)),
    sql`, `,
  );
  const picked = sql.join(
    properties.map((p) => sql.identifier(p)),
    sql`, `,
  );
  const recordShape = sql.join(
    properties.map((p): SQL => sql`${sql.identifier(p)} ${sql.raw(columns[p]!.getSQLType())}`),
    sql`, `,
  );
  await db.execute(
    sql`insert into ${sql.identifier(getTableName(table))} (${target})
        select ${picked} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${recordShape})`,
  );
}
