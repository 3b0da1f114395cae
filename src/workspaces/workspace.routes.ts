import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { requireRole } from "../platform/auth/caller.ts";
import { users } from "../platform/db/schema.ts";
import type { Services } from "../platform/http/context.ts";
import { validationFailed } from "../platform/http/errors.ts";
import { commonErrors, createRouter, jsonBody, jsonResponse, sendJson } from "../platform/http/openapi.ts";
import { changeSettings } from "./workspace-settings.ts";
import { getWriteKey, rotateWriteKey, updateSettings, workspacesOfUser } from "./workspaces.ts";

const settingsSchema = z
  .object({
    timezone: z.string().openapi({ example: "Asia/Tokyo" }),
    "kpi.targetDays": z.number().int(),
    "activation.events": z.array(z.string()),
    "activation.mode": z.enum(["any", "all"]),
    "team.highTouchShareLimit": z
      .number()
      .openapi({ description: "share of high-touch accounts one CSM may carry" }),
    "onboarding.autoStart": z.enum(["off", "onboarding_phase"]).openapi({
      description: "start an onboarding when an account is created in or enters the onboarding phase",
    }),
    "onboarding.stallDays": z
      .number()
      .int()
      .openapi({ description: "days without progress before an onboarding is stalled" }),
    "portal.linkDays": z.number().int().openapi({ description: "days a new portal link stays valid" }),
    "usage.windowDays": z
      .number()
      .int()
      .openapi({ description: "usage frequency counts the days with use within this many days" }),
    "usage.dailyMinDays": z.number().int().openapi({ description: "days with use in the window for daily" }),
    "usage.weeklyMinDays": z
      .number()
      .int()
      .openapi({ description: "days with use in the window for weekly" }),
    "events.groupTraits": z.enum(["ignore", "create", "create_update"]).openapi({
      description:
        "whether group calls' traits create accounts (create) and also update them (create_update)",
    }),
    "notifications.chatWebhookUrl": z.string().openapi({
      description: 'incoming-webhook URL (Slack format, {"text": …}) for staff notifications; "" for none',
    }),
    "kpi.definitionsReviewedOn": z.string().openapi({
      description:
        'day the KPI definition settings were last reviewed (YYYY-MM-DD); "" = since the workspace was created',
    }),
    "kpi.alertNotifications": z.enum(["off", "email", "chat", "both"]).openapi({
      description:
        "send off-track KPI alerts and review reminders to managers by e-mail, chat webhook, both, or not",
    }),
    "mail.language": z
      .enum(["ja", "en"])
      .openapi({ description: "language of mail to contacts and staff whose own language is not known" }),
    "report.recipients": z.array(z.string()).openapi({
      description:
        "e-mail addresses that get the monthly KPI report on the 1st (the previous month); [] for none",
    }),
  })
  .openapi("WorkspaceSettings");

export function workspaceRoutes(services: Services) {
  const app = createRouter();
  const { db } = services.database;
  const tags = ["Workspace"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags,
      summary: "The caller, their role and their workspaces",
      responses: {
        200: jsonResponse(
          z.object({
            user: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
            role: z.string(),
            via: z.enum(["session", "token"]),
            workspace: z.object({
              id: z.string(),
              slug: z.string(),
              name: z.string(),
              settings: settingsSchema,
            }),
            workspaces: z.array(z.object({ slug: z.string(), name: z.string(), role: z.string() })),
          }),
          "Who is calling",
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const caller = c.get("caller");
      const [user] = caller.userId
        ? await db
            .select({ id: users.id, email: users.email, name: users.name })
            .from(users)
            .where(eq(users.id, caller.userId))
        : [];
      const memberOf = caller.userId ? await workspacesOfUser(db, caller.userId) : [];
      return sendJson(
        c,
        {
          user: user ?? null,
          role: caller.role,
          via: caller.via,
          workspace: caller.workspace,
          workspaces:
            caller.via === "session"
              ? memberOf.map(({ slug, name, role }) => ({ slug, name, role }))
              : [{ slug: caller.workspace.slug, name: caller.workspace.name, role: caller.role }],
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/settings",
      tags,
      summary: "Workspace settings",
      responses: { 200: jsonResponse(settingsSchema, "The settings"), ...commonErrors },
    }),
    (c) => sendJson(c, c.get("caller").workspace.settings, 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/settings",
      tags,
      summary: "Change workspace settings (manager or admin)",
      middleware: [requireRole("manager")] as const,
      request: { body: jsonBody(settingsSchema.partial().strict()) },
      responses: { 200: jsonResponse(settingsSchema, "The new settings"), ...commonErrors },
    }),
    async (c) => {
      const { workspace } = c.get("caller");
      const result = changeSettings(workspace.settings, c.req.valid("json"));
      if (!result.success) throw validationFailed(result.error, "The settings");
      await updateSettings(db, workspace, result.data);
      return sendJson(c, result.data, 200);
    },
  );

  const writeKey = z.object({ writeKey: z.string() });
  app.openapi(
    createRoute({
      method: "get",
      path: "/write-key",
      tags,
      summary: "The workspace's ingestion write key (manager or admin)",
      middleware: [requireRole("manager")] as const,
      responses: { 200: jsonResponse(writeKey, "The write key"), ...commonErrors },
    }),
    async (c) => sendJson(c, { writeKey: await getWriteKey(db, c.get("caller").workspace.id) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/write-key/rotate",
      tags,
      summary: "Replace the write key; the old one stops working at once (admin)",
      middleware: [requireRole("admin")] as const,
      responses: { 200: jsonResponse(writeKey, "The new write key"), ...commonErrors },
    }),
    async (c) => sendJson(c, { writeKey: await rotateWriteKey(db, c.get("caller").workspace.id) }, 200),
  );

  return app;
}
