import { createAuth, loadAuthSecret } from "./auth/better-auth.ts";
import type { Config } from "./config.ts";
import { openMigratedDatabase } from "./db/client.ts";
import type { Services } from "./http/context.ts";
import { createLogger } from "./logger.ts";

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
