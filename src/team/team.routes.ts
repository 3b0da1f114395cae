import { createRoute, z } from "@hono/zod-openapi";
import type { Services } from "../platform/http/context.ts";
import { commonErrors, createRouter, jsonResponse, scoped, sendJson } from "../platform/http/openapi.ts";
import { computeTeamLoad } from "./team-load.ts";

const counts = z.record(z.string(), z.number().int());

export function teamRoutes(services: Services) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: "get",
      path: "/team/load",
      tags: ["Team"],
      summary:
        "Accounts per CSM by touch model and segment, with concentration and backup warnings (属人化チェック)",
      responses: {
        200: jsonResponse(
          z.object({
            csms: z.array(
              z.object({
                userId: z.string(),
                name: z.string(),
                email: z.string(),
                accounts: z.number().int(),
                byTouchModel: counts,
                bySegment: counts,
                withoutBackup: z.number().int(),
                backupFor: z.number().int(),
              }),
            ),
            unassigned: z.number().int(),
            highTouchShareLimit: z.number(),
            warnings: z.array(z.object({ code: z.string() }).passthrough()),
          }),
          "The team's load",
        ),
        ...commonErrors,
      },
    }),
    async (c) =>
      sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) =>
          computeTeamLoad(tx, workspace.id, workspace.settings["team.highTouchShareLimit"]),
        ),
        200,
      ),
  );
  return app;
}
