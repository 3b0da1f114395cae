import { randomBytes } from "node:crypto";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { betterAuth } from "better-auth/minimal";
import { eq } from "drizzle-orm";
import { type Config, trustedOrigins } from "../config.ts";
import type { Db } from "../db/client.ts";
import {
  authCredentials,
  authRateLimits,
  authSessions,
  authVerifications,
  instanceSettings,
  users,
} from "../db/schema.ts";

/** Idle timeout: a session unused this long ends. */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;
/** Absolute timeout: a session ends this long after sign-in, however active (checked in caller.ts). */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** Header the server sets from the socket so rate limits key on the real client address. */
export const CLIENT_IP_HEADER = "x-embark-client-ip";

export function createAuth(db: Db, config: Config, secret: string) {
  return betterAuth({
    appName: "Embark",
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    secret,
    trustedOrigins: trustedOrigins(config),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        users,
        auth_sessions: authSessions,
        auth_credentials: authCredentials,
        auth_verifications: authVerifications,
        auth_rate_limits: authRateLimits,
      },
    }),
    user: { modelName: "users" },
    session: {
      modelName: "auth_sessions",
      expiresIn: SESSION_IDLE_SECONDS,
      updateAge: 15 * 60,
    },
    account: { modelName: "auth_credentials" },
    verification: { modelName: "auth_verifications" },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "auth_rate_limits",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: 10 } },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: config.publicUrl.startsWith("https://"),
      cookiePrefix: "embark",
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The signing secret: EMBARK_AUTH_SECRET, else one generated once and kept in the database. */
export async function loadAuthSecret(db: Db, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const generated = randomBytes(32).toString("base64url");
  await db.insert(instanceSettings).values({ key: "auth.secret", value: generated }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, "auth.secret"));
  return row!.value;
}
