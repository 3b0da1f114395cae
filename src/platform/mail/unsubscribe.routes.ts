import { and, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { recordTimeline } from "../../timeline/timeline-entries.ts";
import { readSettings } from "../../workspaces/workspace-settings.ts";
import { inWorkspace } from "../db/client.ts";
import { contacts, workspaces } from "../db/schema.ts";
import type { Services } from "../http/context.ts";
import { AppError } from "../http/errors.ts";
import { asLocale } from "./outbox.ts";
import { contactOfUnsubscribeToken, unsubscribeKey } from "./unsubscribe-token.ts";

const INVALID = "This unsubscribe link does not work";

/**
 * The unsubscribe link of marketing mail, outside the staff sign-in: the token names one contact and
 * nothing else. `GET /api/unsubscribe/:token` tells the page which address and language;
 * `POST /api/unsubscribe/:token` (the page's button) and `POST /unsubscribe/:token` (RFC 8058
 * one-click, what mail programs send for `List-Unsubscribe-Post`) record the opt-out.
 */
export function unsubscribeRoutes(services: Services) {
  const app = new Hono();
  const secret = services.auth.options.secret ?? services.config.authSecret;
  if (!secret) throw new Error("Unsubscribe links need the instance secret");
  const key = unsubscribeKey(secret);
  const db = services.database.db;

  // Mounted at the root: every middleware names its paths, so nothing else is touched.
  const limit = bodyLimit({
    maxSize: 4 * 1024,
    onError: () => {
      throw new AppError("payload_too_large", "The body is larger than 4 KB");
    },
  });
  for (const path of ["/api/unsubscribe/*", "/unsubscribe/*"]) {
    app.use(path, noStore);
    app.on("POST", path, limit);
  }

  /** The contact the token names (looked up across workspaces: the token is the only credential). */
  async function resolve(c: Context) {
    const contactId = contactOfUnsubscribeToken(key, c.req.param("token") ?? "");
    if (!contactId) throw new AppError("not_found", INVALID);
    const [row] = await db
      .select({
        id: contacts.id,
        workspaceId: contacts.workspaceId,
        accountId: contacts.accountId,
        email: contacts.email,
        name: contacts.name,
        locale: contacts.locale,
        unsubscribedAt: contacts.unsubscribedAt,
        workspaceName: workspaces.name,
        settings: workspaces.settings,
      })
      .from(contacts)
      .innerJoin(workspaces, eq(workspaces.id, contacts.workspaceId))
      .where(eq(contacts.id, contactId));
    if (!row) throw new AppError("not_found", INVALID);
    return row;
  }

  type Contact = Awaited<ReturnType<typeof resolve>>;
  const view = (contact: Contact) => ({
    email: contact.email,
    language: asLocale(contact.locale) ?? readSettings(contact.settings)["mail.language"],
    sender: contact.workspaceName,
    unsubscribed: contact.unsubscribedAt !== null,
  });

  async function unsubscribe(contact: Contact, via: "page" | "one_click") {
    if (contact.unsubscribedAt) return;
    await inWorkspace(db, contact.workspaceId, async (tx) => {
      const [changed] = await tx
        .update(contacts)
        .set({ unsubscribedAt: new Date() })
        .where(and(eq(contacts.workspaceId, contact.workspaceId), eq(contacts.id, contact.id)))
        .returning({ unsubscribedAt: contacts.unsubscribedAt });
      if (!changed) return;
      await recordTimeline(tx, {
        workspaceId: contact.workspaceId,
        accountId: contact.accountId,
        kind: "mail",
        title: `Unsubscribed from marketing e-mail: ${contact.email}`,
        actorLabel: contact.name ?? contact.email,
        data: { action: "unsubscribed", email: contact.email, contactId: contact.id, via },
      });
    });
    contact.unsubscribedAt = new Date();
  }

  app.get("/api/unsubscribe/:token", async (c) => c.json(view(await resolve(c))));
  app.post("/api/unsubscribe/:token", async (c) => {
    const contact = await resolve(c);
    await unsubscribe(contact, "page");
    return c.json(view(contact));
  });
  // RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe address.
  app.post("/unsubscribe/:token", async (c) => {
    const contact = await resolve(c);
    await unsubscribe(contact, "one_click");
    return c.text(view(contact).language === "en" ? "You are unsubscribed." : "配信を停止しました。", 200);
  });
  return app;
}

async function noStore(c: Context, next: () => Promise<void>) {
  await next();
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
}
