import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./http/app.ts";
import type { Services } from "./http/context.ts";

/** Serves the web app and API until SIGINT/SIGTERM, then closes the database cleanly. */
export async function startServer(services: Services, port: number) {
  const app = createApp(services);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: process.env.EMBARK_HOST ?? "0.0.0.0" }, () =>
      resolve(s),
    );
    s.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await services.database.close();
  };
  return { port: address.port, stop };
}
