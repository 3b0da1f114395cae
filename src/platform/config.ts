import path from "node:path";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export interface Config {
  port: number;
  publicUrl: string;
  database: DatabaseTarget;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  authSecret: string | undefined;
}

/** Reads the settings of shared/CONTRACT.md from the environment; CLI flags override by argument. */
export function loadConfig(overrides: { port?: number; dataDir?: string } = {}, env = process.env): Config {
  const port = overrides.port ?? parsePort(env.PORT);
  const database: DatabaseTarget = env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "pglite", dataDir: path.resolve(overrides.dataDir ?? env.EMBARK_DATA_DIR ?? "./embark-data") };
  return {
    port,
    publicUrl: (env.EMBARK_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    database,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.EMBARK_MAIL_FROM ?? "Embark <no-reply@localhost>",
    logLevel: env.LOG_LEVEL ?? "info",
    authSecret: env.EMBARK_AUTH_SECRET || undefined,
  };
}

/**
 * The origins the web app may be used from (sign-in and CSRF checks): the public URL, and for a
 * local installation on localhost also the same port on 127.0.0.1 and [::1].
 */
export function trustedOrigins(config: Pick<Config, "publicUrl">): string[] {
  const url = new URL(config.publicUrl);
  if (url.hostname !== "localhost") return [url.origin];
  return ["localhost", "127.0.0.1", "[::1]"].map(
    (host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ""}`,
  );
}

function parsePort(value: string | undefined): number {
  if (!value) return 8080;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`PORT must be a port number, got "${value}"`);
  return n;
}
