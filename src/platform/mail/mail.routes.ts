import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { requireRole } from "../auth/caller.ts";
import { users } from "../db/schema.ts";
import type { Services } from "../http/context.ts";
import { AppError } from "../http/errors.ts";
import { commonErrors, createRouter, idParam, jsonResponse, scoped, sendJson } from "../http/openapi.ts";
import { renderOutboxMail, smtpStatus, wakeMailDelivery } from "./mail-delivery.ts";
import {
  asLocale,
  mailChannels,
  mailStatuses,
  outboxCounts,
  queueChatNotification,
  queueMail,
} from "./outbox.ts";
import { getOutboxMessage, listOutbox, outboxQuery, retryOutboxMessage } from "./outbox-list.ts";

const instant = z.string().openapi({ format: "date-time" });

export const smtpStatusSchema = z
  .object({
    configured: z.boolean(),
    host: z.string().nullable().openapi({ description: "host:port, never the credentials" }),
    secure: z.boolean(),
    from: z.string(),
  })
  .openapi("SmtpStatus");

export const outboxItemSchema = z
  .object({
    id: z.string(),
    channel: z.enum(mailChannels),
    to: z.string().openapi({ description: "the address; for chat, the webhook's host" }),
    contactId: z.string().nullable(),
    accountId: z.string().nullable(),
    accountName: z.string().nullable(),
    locale: z.enum(["ja", "en"]),
    purpose: z.enum(["transactional", "marketing"]),
    category: z.string(),
    subject: z.string(),
    status: z.enum(mailStatuses),
    attempts: z.number().int(),
    nextAttemptAt: instant,
    lastError: z.string().nullable(),
    sentAt: instant.nullable(),
    createdAt: instant,
  })
  .openapi("OutboxMessage");

export const outboxDetailSchema = outboxItemSchema
  .extend({
    text: z.string().openapi({ description: "the body as sent, footer included" }),
    html: z.string().nullable().openapi({ description: "the HTML as sent (e-mail only)" }),
    headers: z.record(z.string(), z.string()),
  })
  .openapi("OutboxMessageDetail");

export const outboxPageSchema = z
  .object({
    items: z.array(outboxItemSchema),
    nextCursor: z.string().nullable(),
    smtp: smtpStatusSchema,
    chatWebhookConfigured: z.boolean(),
    counts: z.record(z.enum(mailStatuses), z.number().int()),
  })
  .openapi("OutboxPage");

export function mailRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Mail"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/mail/outbox",
      tags,
      summary:
        "Outgoing e-mail and chat notifications, newest first, with the SMTP status (without SMTP, e-mail stays queued)",
      request: { query: outboxQuery },
      responses: { 200: jsonResponse(outboxPageSchema, "A page of the outbox"), ...commonErrors },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const page = await scoped(services, c, async (tx, { workspace }) => ({
        ...(await listOutbox(tx, workspace.id, query)),
        counts: await outboxCounts(tx, workspace.id),
      }));
      const settings = c.get("caller").workspace.settings;
      return sendJson(
        c,
        {
          ...page,
          smtp: smtpStatus(services.config),
          chatWebhookConfigured: Boolean(settings["notifications.chatWebhookUrl"]),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/mail/outbox/{id}",
      tags,
      summary:
        "One message as it is (or would be) sent: body with footer, HTML, headers, attempts, last error",
      request: { params: idParam },
      responses: { 200: jsonResponse(outboxDetailSchema, "The message"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { row, ...message } = await scoped(services, c, (tx, { workspace }) =>
        getOutboxMessage(tx, workspace.id, id),
      );
      const caller = c.get("caller");
      if (row.channel === "chat") return sendJson(c, { ...message, html: null, headers: {} }, 200);
      const rendered = renderOutboxMail(services, row, caller.workspace.name);
      return sendJson(
        c,
        { ...message, text: rendered.text, html: rendered.html, headers: rendered.headers },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/mail/outbox/{id}/retry",
      tags,
      summary: "Send a failed message again now (manager or admin)",
      middleware: [requireRole("manager")] as const,
      request: { params: idParam },
      responses: { 200: jsonResponse(outboxItemSchema, "The message, queued again"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const {
        row: _row,
        text: _text,
        html: _html,
        ...message
      } = await scoped(services, c, async (tx, { workspace }) => {
        await retryOutboxMessage(tx, workspace.id, id);
        return getOutboxMessage(tx, workspace.id, id);
      });
      wakeMailDelivery();
      return sendJson(c, message, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/mail/test-email",
      tags,
      summary: "Queue a test e-mail to the signed-in user's own address (manager or admin)",
      middleware: [requireRole("manager")] as const,
      responses: {
        201: jsonResponse(z.object({ id: z.string(), to: z.string() }), "The queued test message"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const caller = c.get("caller");
      if (!caller.userId)
        throw new AppError(
          "bad_request",
          "A test e-mail goes to a signed-in user; this API token has no user",
        );
      const [user] = await services.database.db
        .select({ email: users.email, locale: users.locale })
        .from(users)
        .where(eq(users.id, caller.userId));
      if (!user) throw new AppError("bad_request", "The user has no e-mail address");
      const locale = asLocale(user.locale) ?? caller.workspace.settings["mail.language"];
      const texts = {
        ja: {
          subject: "Embark テストメール",
          text: `${caller.workspace.name} のメール送信設定のテストです。\n\nこのメールが届いていれば、SMTP の設定は正しく動いています。`,
        },
        en: {
          subject: "Embark test e-mail",
          text: `This is a test of the mail settings of ${caller.workspace.name}.\n\nIf this message reached you, SMTP is set up correctly.`,
        },
      }[locale];
      const queued = await scoped(services, c, (tx, { workspace }) =>
        queueMail(tx, workspace.id, {
          to: user.email,
          locale,
          purpose: "transactional",
          category: "test",
          ...texts,
        }),
      );
      wakeMailDelivery();
      return sendJson(c, { id: queued.id, to: user.email }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/mail/test-chat",
      tags,
      summary: "Queue a test notification to the chat webhook (manager or admin)",
      middleware: [requireRole("manager")] as const,
      responses: { 201: jsonResponse(z.object({ queued: z.boolean() }), "Queued"), ...commonErrors },
    }),
    async (c) => {
      const caller = c.get("caller");
      if (!caller.workspace.settings["notifications.chatWebhookUrl"])
        throw new AppError("bad_request", "Set notifications.chatWebhookUrl first");
      const text =
        caller.workspace.settings["mail.language"] === "en"
          ? `Test notification from Embark (${caller.workspace.name}): chat notifications arrive here.`
          : `Embark（${caller.workspace.name}）からのテスト通知です。通知はこのチャンネルに届きます。`;
      const result = await scoped(services, c, (tx, { workspace }) =>
        queueChatNotification(tx, workspace.id, { text }),
      );
      wakeMailDelivery();
      return sendJson(c, result, 201);
    },
  );

  return app;
}
