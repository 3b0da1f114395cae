import { createAuth, loadAuthSecret } from "./auth/better-auth.ts";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import type { Services } from "./http/context.ts";
import { createLogger } from "./logger.ts";

/** Opens the database and applies pending migrations (what every command does first). */
export async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** Everything the server's routes share: the migrated database, sign-in and the logger. */
export async function openServices(config: Config): Promise<Services> {
  const database = await openMigratedDatabase(config);
  try {
    const secret = await loadAuthSecret(database.db, config.authSecret);
    return {
      config,
      database,
      auth: createAuth(database.db, config, secret),
      log: createLogger(config.logLevel),
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
