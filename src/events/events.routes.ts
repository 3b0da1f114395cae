import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { requireAccount } from "../accounts/require-account.ts";
import { requireRole } from "../platform/auth/caller.ts";
import { isoInstant, rowsOf } from "../platform/db/client.ts";
import type { Services } from "../platform/http/context.ts";
import {
  commonErrors,
  createRouter,
  idParam,
  jsonResponse,
  scoped,
  sendJson,
} from "../platform/http/openapi.ts";
import { readAccountUsage } from "./account-usage.ts";

const instant = z.string().openapi({ format: "date-time" });

/** Raw rows carry instants as Date (pg) or text (PGlite); the API always answers ISO-8601. */
function withIsoInstants<T extends Record<string, unknown>>(rows: T[], keys: (keyof T)[]): T[] {
  for (const row of rows)
    for (const k of keys) if (row[k] !== null) row[k] = isoInstant(row[k] as string) as T[keyof T];
  return rows;
}
const day = z.string().openapi({ format: "date" });

const usageSchema = z
  .object({
    activatedAt: instant.nullable(),
    activation: z.object({
      events: z.array(z.string()),
      mode: z.enum(["any", "all"]),
      seen: z.array(z.object({ event: z.string(), firstSeenAt: instant })),
    }),
    usageFrequency: z.string().nullable(),
    firstSeenAt: instant.nullable(),
    lastSeenAt: instant.nullable(),
    totalEvents: z.number(),
    from: day,
    to: day,
    days: z.array(z.object({ day, events: z.number().int(), activeUsers: z.number().int() })),
    topEvents: z.array(
      z.object({ event: z.string(), count: z.number(), firstSeenAt: instant, lastSeenAt: instant }),
    ),
    users: z.array(z.object({ userId: z.string(), lastActiveOn: day, activeDays: z.number().int() })),
    activeUsers: z.object({ last7: z.number().int(), last28: z.number().int() }),
  })
  .openapi("AccountUsage");

const recentSchema = z.object({
  received: z.array(
    z.object({
      messageId: z.string(),
      type: z.string(),
      event: z.string().nullable(),
      userId: z.string().nullable(),
      anonymousId: z.string().nullable(),
      groupId: z.string().nullable(),
      accountId: z.string().nullable(),
      accountName: z.string().nullable(),
      timestamp: instant,
      receivedAt: instant,
    }),
  ),
  rejected: z.array(
    z.object({
      receivedAt: instant,
      reason: z.string(),
      messageId: z.string().nullable(),
      type: z.string().nullable(),
    }),
  ),
});

const unmatchedSchema = z.object({
  items: z.array(
    z.object({
      groupId: z.string(),
      name: z.string().nullable(),
      events: z.number(),
      firstSeenAt: instant,
      lastSeenAt: instant,
    }),
  ),
});

const namesSchema = z.object({
  items: z.array(
    z.object({ event: z.string(), accounts: z.number().int(), count: z.number(), lastSeenAt: instant }),
  ),
});

export function eventRoutes(services: Services) {
  const app = createRouter();
  const tags = ["Usage events"];

  app.openapi(
    createRoute({
      method: "get",
      path: "/accounts/{id}/usage",
      tags,
      summary:
        "An account's product use: activation, usage frequency, events and active users per day, top events",
      middleware: [requireAccount(services)] as const,
      request: {
        params: idParam,
        query: z.object({ days: z.coerce.number().int().min(1).max(365).default(90) }),
      },
      responses: { 200: jsonResponse(usageSchema, "The account's usage"), ...commonErrors },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { days } = c.req.valid("query");
      return sendJson(
        c,
        await scoped(services, c, (tx, { workspace }) => readAccountUsage(tx, workspace, id, days)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/events/recent",
      tags,
      summary: "The latest messages received and the latest refused, with the reason (manager or admin)",
      middleware: [requireRole("manager")] as const,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: jsonResponse(recentSchema, "Recent messages"), ...commonErrors },
    }),
    async (c) => {
      const { limit } = c.req.valid("query");
      const result = await scoped(services, c, async (tx, { workspace }) => ({
        received: withIsoInstants(
          rowsOf<Record<string, unknown>>(
            await tx.execute(sql`select e.message_id as "messageId", e.type, e.event, e.user_id as "userId",
              e.anonymous_id as "anonymousId", e.group_id as "groupId", e.account_id as "accountId",
              a.name as "accountName", e.timestamp, e.received_at as "receivedAt"
            from events e left join accounts a on a.id = e.account_id
            where e.workspace_id = ${workspace.id} order by e.received_at desc, e.message_id limit ${limit}`),
          ),
          ["timestamp", "receivedAt"],
        ),
        rejected: withIsoInstants(
          rowsOf<Record<string, unknown>>(
            await tx.execute(sql`select received_at as "receivedAt", reason, message_id as "messageId", type
            from event_rejections where workspace_id = ${workspace.id} order by received_at desc limit ${limit}`),
          ),
          ["receivedAt"],
        ),
      }));
      return sendJson(c, result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/events/unmatched-groups",
      tags,
      summary:
        "Group ids seen in events that match no account yet; their events attach when the account appears",
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }) },
      responses: {
        200: jsonResponse(unmatchedSchema, "Unmatched group ids, most events first"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { limit } = c.req.valid("query");
      const items = await scoped(services, c, async (tx, { workspace }) =>
        withIsoInstants(
          rowsOf<Record<string, unknown>>(
            await tx.execute(sql`select group_id as "groupId", name, events::float8 as events,
              first_seen_at as "firstSeenAt", last_seen_at as "lastSeenAt"
            from unmatched_groups where workspace_id = ${workspace.id}
            order by events desc, group_id limit ${limit}`),
          ),
          ["firstSeenAt", "lastSeenAt"],
        ),
      );
      return sendJson(c, { items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/events/names",
      tags,
      summary: "The tracked event names seen, with how many accounts sent them",
      responses: { 200: jsonResponse(namesSchema, "Event names, most accounts first"), ...commonErrors },
    }),
    async (c) => {
      const items = await scoped(services, c, async (tx, { workspace }) =>
        withIsoInstants(
          rowsOf<Record<string, unknown>>(
            await tx.execute(sql`select event, count(*)::int as accounts, sum(count)::float8 as count,
              max(last_seen_at) as "lastSeenAt"
            from account_event_stats where workspace_id = ${workspace.id}
            group by event order by count(*) desc, event limit 500`),
          ),
          ["lastSeenAt"],
        ),
      );
      return sendJson(c, { items }, 200);
    },
  );

  return app;
}
