import type { Logger } from "pino";
import type { Workspace } from "../../workspaces/workspaces.ts";
import type { Auth } from "../auth/better-auth.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { Role } from "../db/schema.ts";

/** What every route and use case can reach: built once at start. */
export interface Services {
  config: Config;
  database: Database;
  auth: Auth;
  log: Logger;
}

/** Who is calling: a signed-in staff user or an API token, always inside one workspace. */
export interface Caller {
  userId: string | null;
  role: Role;
  workspace: Workspace;
  via: "session" | "token";
  sessionId?: string;
}

export type AppEnv = { Variables: { caller: Caller; requestId: string } };
