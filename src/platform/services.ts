import { createAuth, loadAuthSecret } from "./auth/better-auth.ts";
import type { Config } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import type { Services } from "./http/context.ts";
import { createLogger } from "./logger.ts";

/** Opens the database, applies migrations and builds what routes and commands share. */
export async function openServices(config: Config): Promise<Services> {
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    const secret = await loadAuthSecret(database.db, config.authSecret);
    return { config, database, auth: createAuth(database.db, config, secret), log };
  } catch (err) {
    await database.close();
    throw err;
  }
}
