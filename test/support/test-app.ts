import { type AddressInfo, createServer } from "node:net";
import { createApiToken } from "../../src/platform/auth/api-tokens.ts";
import { loadConfig } from "../../src/platform/config.ts";
import type { Role } from "../../src/platform/db/schema.ts";
import type { Services } from "../../src/platform/http/context.ts";
import { startServer } from "../../src/platform/server.ts";
import { openServices } from "../../src/platform/services.ts";
import { addStaffUser } from "../../src/staff/staff-users.ts";
import { createWorkspace, type Workspace } from "../../src/workspaces/workspaces.ts";
import { createTestDatabase, type DatabaseKind } from "./test-database.ts";

export interface TestApp {
  services: Services;
  url: string;
  /** fetch against the running server; JSON bodies are encoded, `token` becomes a bearer header. */
  call(
    path: string,
    init?: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    body: unknown;
    headers: Headers;
  }>;
  /** A workspace with a user and an API token of the given role. */
  workspaceWith(
    slug: string,
    role?: Role,
  ): Promise<{ workspace: Workspace; token: string; email: string; password: string }>;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the real server on a free port over a fresh database of the kind. */
export async function startTestApp(kind: DatabaseKind): Promise<TestApp> {
  const { target, drop } = await createTestDatabase(kind);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = {
    ...loadConfig({ port }, { LOG_LEVEL: "silent", EMBARK_PUBLIC_URL: url }),
    database: target,
  };
  const services = await openServices(config);
  const server = await startServer(services, port);
  return {
    services,
    url,
    async call(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
        headers["content-type"] ??= "application/json";
      }
      const res = await fetch(url + path, { method: init.method ?? "GET", headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {}
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async workspaceWith(slug, role = "admin") {
      const workspace = await createWorkspace(services.database.db, { slug, name: `Workspace ${slug}` });
      const email = `${role}@${slug}.example`;
      const password = "correct-horse-battery";
      const user = await addStaffUser(services.database.db, workspace.id, {
        email,
        role,
        password,
        name: `${role} of ${slug}`,
      });
      const { token } = await createApiToken(services.database.db, {
        workspaceId: workspace.id,
        name: "test",
        userId: user.userId,
        role,
      });
      return { workspace, token, email, password };
    },
    async close() {
      await server.stop();
      await drop();
    },
  };
}
