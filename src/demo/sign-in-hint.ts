import { eq } from "drizzle-orm";
import type { Db } from "../platform/db/client.ts";
import { instanceSettings } from "../platform/db/schema.ts";

const KEY = "demo.sign-in";

/** The demo's sign-in, shown on the sign-in page while the demo workspace exists. */
export async function signInHint(db: Db): Promise<{ email: string; password: string } | null> {
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, KEY));
  return row ? (JSON.parse(row.value) as { email: string; password: string }) : null;
}

export async function rememberSignInHint(db: Db, hint: { email: string; password: string }) {
  await db
    .insert(instanceSettings)
    .values({ key: KEY, value: JSON.stringify(hint) })
    .onConflictDoUpdate({ target: instanceSettings.key, set: { value: JSON.stringify(hint) } });
}
