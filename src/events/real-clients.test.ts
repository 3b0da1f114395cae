import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { rowsOf } from "../platform/db/client.ts";

type Json = Record<string, any>;

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** A call as the customer's product makes it; `at` shifts the call's own timestamp (ms, client clock). */
interface Call {
  type: "track" | "identify" | "group" | "page";
  userId: string;
  event?: string;
  name?: string;
  groupId?: string;
  traits?: Json;
  properties?: Json;
  context?: Json;
  messageId?: string;
  at?: number;
}

/**
 * The customer's server: a separate Node process whose clock runs SKEW_MS ahead, sending through
 * the unmodified client library with its host pointed at Embark, then flushing. Prints what it saw.
 */
const sender = `
const skew = Number(process.env.SKEW_MS);
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) { if (args.length === 0) super(RealDate.now() + skew); else super(...args); }
  static now() { return RealDate.now() + skew; }
};
const { library, host, writeKey, calls } = JSON.parse(process.env.SEND);
const withTime = (c) => {
  const { type: _t, at, ...rest } = c;
  return at === undefined ? rest : { ...rest, timestamp: new Date(Date.now() + at) };
};
const statuses = [];
const errors = [];
if (library === "segment") {
  const { Analytics } = await import("@segment/analytics-node");
  const client = new Analytics({ writeKey, host, maxRetries: 2 });
  client.on("http_response", (r) => statuses.push(r.status));
  client.on("error", (e) => errors.push(String(e?.reason ?? e?.message ?? e)));
  for (const c of calls) client[c.type](withTime(c));
  await client.closeAndFlush({ timeout: 20000 });
} else {
  const { default: Rudder } = await import("@rudderstack/rudder-sdk-node");
  const client = new Rudder(writeKey, {
    dataPlaneUrl: host,
    logLevel: "error",
    retryCount: 1,
    errorHandler: (e) => errors.push(String(e?.response?.status ?? e?.message ?? e)),
  });
  for (const c of calls) client[c.type](withTime(c));
  while (client.queue.length > 0 || client.pendingFlush) {
    await client.flush();
    if (client.queue.length === 0) { await client.pendingFlush; break; }
  }
}
process.stdout.write(JSON.stringify({ statuses, errors }), () => process.exit(0));
`;

const libraries = ["segment", "rudderstack"] as const;
type Library = (typeof libraries)[number];

/** The clients' clock runs an hour fast: every stored timestamp must come out corrected. */
const SKEW_MS = 3_600_000;

describeEachDatabase("usage events from the real Segment and RudderStack Node clients", (kind) => {
  let app: TestApp;
  let token: string;
  let workspaceId: string;
  let writeKey: string;

  const v1 = (p: string, init: { method?: string; body?: unknown } = {}) =>
    app.call(`/api/v1${p}`, { token, ...init });

  const sendWith = async (library: Library, calls: Call[]) => {
    const { stdout } = await run(process.execPath, ["--input-type=module", "--no-warnings", "-e", sender], {
      cwd: root,
      env: {
        ...process.env,
        SKEW_MS: String(SKEW_MS),
        SEND: JSON.stringify({ library, host: app.url, writeKey, calls }),
      },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout) as { statuses: number[]; errors: string[] };
    expect(result.errors, `${library} reported errors`).toEqual([]);
    // Segment's client reports each answer; RudderStack's only its failures (to errorHandler).
    if (library === "segment") expect(result.statuses.length, "segment made no request").toBeGreaterThan(0);
    for (const s of result.statuses) expect(s, `${library} got ${s}`).toBe(200);
  };

  /** Every stored event of the users whose id starts with the prefix, from the database. */
  const storedOf = async (prefix: string) =>
    rowsOf<{
      message_id: string;
      type: string;
      event: string | null;
      user_id: string;
      group_id: string | null;
      account_id: string | null;
      timestamp: string | Date;
      received_at: string | Date;
    }>(
      await app.services.database.db.execute(
        sql`select message_id, type, event, user_id, group_id, account_id, timestamp, received_at from events
            where workspace_id = ${workspaceId} and user_id like ${`${prefix}%`} order by timestamp`,
      ),
    );

  const account = async (externalId: string, groupId?: string) => {
    const res = await v1("/accounts", {
      method: "POST",
      body: { externalId, name: `Account ${externalId}`, ...(groupId ? { groupId } : {}) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (res.body as Json).id as string;
  };
  const usage = async (accountId: string) => {
    const res = await v1(`/accounts/${accountId}/usage?days=90`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Json;
  };
  const countOf = (u: Json, event: string) =>
    (u.topEvents as Json[]).find((t) => t.event === event)?.count ?? 0;
  const recentOf = async (prefix: string) => {
    const res = await v1("/events/recent?limit=50");
    expect(res.status).toBe(200);
    return ((res.body as Json).received as Json[]).filter((r) => String(r.userId).startsWith(prefix));
  };

  beforeAll(async () => {
    app = await startTestApp(kind);
    const w = await app.workspaceWith("clients");
    token = w.token;
    workspaceId = w.workspace.id;
    writeKey = ((await v1("/write-key")).body as Json).writeKey;
  });
  afterAll(() => app?.close());

  for (const library of libraries)
    it(`${library}: with events.groupTraits = create, a group call's traits create the account`, async () => {
      const p = `traits-${library}-`;
      const set = await v1("/settings", { method: "PATCH", body: { "events.groupTraits": "create" } });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      try {
        await sendWith(library, [
          {
            type: "group",
            userId: `${p}u1`,
            groupId: `${p}made`,
            traits: { name: `Made by ${library}`, industry: "Software", employees: 42, plan: "pro" },
          },
          { type: "track", userId: `${p}u1`, event: "Made" },
        ]);
        const items = ((await v1("/accounts?pageSize=100")).body as Json).items as Json[];
        const made = items.find((a) => a.externalId === `${p}made`);
        expect(made).toMatchObject({
          groupId: `${p}made`,
          name: `Made by ${library}`,
          industry: "Software",
          employees: 42,
          plan: "pro",
        });
        expect(countOf(await usage(made!.id), "Made")).toBe(1);
      } finally {
        await v1("/settings", { method: "PATCH", body: { "events.groupTraits": "ignore" } });
      }
    });

  for (const library of libraries) {
    it(`${library}: every call arrives once, on the right account, with corrected timestamps`, {
      timeout: 90_000,
    }, async () => {
      const p = `${library}-`;
      const acme = await account(`${p}acme`); // group_id defaults to the external id
      const globex = await account(`${p}globex-ext`, `${p}globex`);
      const initech = await account(`${p}initech`);

      const t0 = Date.now();
      await sendWith(library, [
        // track naming its account by context.groupId
        { type: "track", userId: `${p}u1`, event: "Report Created", context: { groupId: `${p}acme` } },
        // identify
        { type: "identify", userId: `${p}u2`, traits: { email: `${p}u2@example.com`, name: "Two" } },
        // group, then track without a groupId
        { type: "group", userId: `${p}u3`, groupId: `${p}globex`, traits: { name: "Globex" } },
        { type: "track", userId: `${p}u3`, event: "Dashboard Viewed" },
        // track before the user's group call (which comes in the next flush)
        { type: "track", userId: `${p}u4`, event: "Invite Sent", at: -5 * 60_000 },
        // a group Embark does not know yet
        { type: "track", userId: `${p}u5`, event: "Export Done", context: { groupId: `${p}later` } },
        // the client's own retry of one message: same messageId twice
        {
          type: "track",
          userId: `${p}u6`,
          event: "Retried",
          messageId: `${p}retry-1`,
          context: { groupId: `${p}acme` },
        },
        {
          type: "track",
          userId: `${p}u6`,
          event: "Retried",
          messageId: `${p}retry-1`,
          context: { groupId: `${p}acme` },
        },
        // a user's track before any group call, whose group call (next flush) names an unknown group
        { type: "track", userId: `${p}u7`, event: "Early Bird" },
        // a page view with its own past timestamp (client clock)
        {
          type: "page",
          userId: `${p}u1`,
          name: "Pricing",
          context: { groupId: `${p}acme` },
          at: -10 * 60_000,
        },
      ]);
      const t1 = Date.now();
      await sendWith(library, [
        { type: "group", userId: `${p}u4`, groupId: `${p}initech` },
        { type: "group", userId: `${p}u7`, groupId: `${p}late2` },
      ]);
      const t2 = Date.now();

      const rows = await storedOf(p);
      const key = (r: { type: string; event: string | null; user_id: string }) =>
        `${r.type}:${r.event ?? ""}:${r.user_id}`;
      expect(rows.map(key).sort()).toEqual(
        [
          `track:Report Created:${p}u1`,
          `identify::${p}u2`,
          `group::${p}u3`,
          `track:Dashboard Viewed:${p}u3`,
          `track:Invite Sent:${p}u4`,
          `track:Export Done:${p}u5`,
          `track:Retried:${p}u6`,
          `page::${p}u1`,
          `group::${p}u4`,
          `track:Early Bird:${p}u7`,
          `group::${p}u7`,
        ].sort(),
      );
      const byKey = new Map(rows.map((r) => [key(r), r]));
      const accountOf = (k: string) => byKey.get(k)?.account_id ?? null;
      expect(accountOf(`track:Report Created:${p}u1`)).toBe(acme);
      expect(accountOf(`page::${p}u1`)).toBe(acme);
      expect(accountOf(`track:Retried:${p}u6`)).toBe(acme);
      expect(accountOf(`group::${p}u3`)).toBe(globex);
      expect(accountOf(`track:Dashboard Viewed:${p}u3`)).toBe(globex);
      expect(accountOf(`track:Invite Sent:${p}u4`)).toBe(initech);
      expect(accountOf(`group::${p}u4`)).toBe(initech);
      expect(accountOf(`identify::${p}u2`)).toBeNull();
      expect(accountOf(`track:Export Done:${p}u5`)).toBeNull();

      // Timestamps: the client's clock was an hour fast; what is stored is Embark's time of receipt
      // minus the message's age at sending.
      const ms = (v: string | Date) => new Date(v).getTime();
      const near = (k: string, from: number, to: number) => {
        const t = ms(byKey.get(k)!.timestamp);
        expect(t, `${k} at ${new Date(t).toISOString()}`).toBeGreaterThanOrEqual(from - 2_000);
        expect(t, `${k} at ${new Date(t).toISOString()}`).toBeLessThanOrEqual(to + 2_000);
      };
      near(`track:Report Created:${p}u1`, t0, t1);
      near(`track:Dashboard Viewed:${p}u3`, t0, t1);
      near(`identify::${p}u2`, t0, t1);
      near(`page::${p}u1`, t0 - 10 * 60_000, t1 - 10 * 60_000);
      near(`track:Invite Sent:${p}u4`, t0 - 5 * 60_000, t1 - 5 * 60_000);
      near(`group::${p}u4`, t1, t2);
      for (const r of rows) {
        expect(ms(r.received_at)).toBeGreaterThanOrEqual(t0 - 1_000);
        expect(ms(r.received_at)).toBeLessThanOrEqual(t2 + 1_000);
      }

      // What the staff see.
      const recent = await recentOf(p);
      expect(recent).toHaveLength(rows.length);
      const report = recent.find((r) => r.event === "Report Created")!;
      expect(report).toMatchObject({ type: "track", userId: `${p}u1`, groupId: `${p}acme`, accountId: acme });
      expect(report.accountName).toBe(`Account ${p}acme`);
      expect(Math.abs(ms(report.timestamp) - ms(byKey.get(`track:Report Created:${p}u1`)!.timestamp))).toBe(
        0,
      );
      expect(recent.find((r) => r.event === "Invite Sent")).toMatchObject({ accountId: initech });

      const acmeUsage = await usage(acme);
      expect(countOf(acmeUsage, "Report Created")).toBe(1);
      expect(countOf(acmeUsage, "Retried")).toBe(1);
      expect(acmeUsage.users.map((u: Json) => u.userId).sort()).toEqual([`${p}u1`, `${p}u6`]);
      expect(acmeUsage.activeUsers.last7).toBe(2);
      expect(countOf(await usage(globex), "Dashboard Viewed")).toBe(1);
      const initechUsage = await usage(initech);
      expect(countOf(initechUsage, "Invite Sent")).toBe(1);
      expect(initechUsage.totalEvents).toBe(1);
      expect(ms(initechUsage.firstSeenAt)).toBe(ms(byKey.get(`track:Invite Sent:${p}u4`)!.timestamp));

      // The unknown group waits, then attaches when its account is created.
      const unmatched = ((await v1("/events/unmatched-groups")).body as Json).items as Json[];
      expect(unmatched).toEqual(
        expect.arrayContaining([expect.objectContaining({ groupId: `${p}later`, events: 1 })]),
      );
      const later = await account(`${p}later-ext`, `${p}later`);
      const after = await storedOf(`${p}u5`);
      expect(after).toHaveLength(1);
      expect(after[0]!.account_id).toBe(later);
      const laterUsage = await usage(later);
      expect(countOf(laterUsage, "Export Done")).toBe(1);
      expect(laterUsage.totalEvents).toBe(1);
      expect(laterUsage.users).toEqual([expect.objectContaining({ userId: `${p}u5`, activeDays: 1 })]);
      const stillUnmatched = ((await v1("/events/unmatched-groups")).body as Json).items as Json[];
      expect(stillUnmatched.map((i) => i.groupId)).not.toContain(`${p}later`);

      // A user's early track follows the user's group call to a group without an account, and
      // both attach when the account appears.
      expect((await storedOf(`${p}u7`)).map((r) => [r.type, r.group_id, r.account_id])).toEqual(
        expect.arrayContaining([
          ["track", `${p}late2`, null],
          ["group", `${p}late2`, null],
        ]),
      );
      const late2 = await account(`${p}late2-ext`, `${p}late2`);
      expect((await storedOf(`${p}u7`)).map((r) => r.account_id)).toEqual([late2, late2]);
      expect(countOf(await usage(late2), "Early Bird")).toBe(1);

      // Sending the same messages again (as a client retry after a lost answer would) adds nothing.
      await sendWith(library, [
        {
          type: "track",
          userId: `${p}u6`,
          event: "Retried",
          messageId: `${p}retry-1`,
          context: { groupId: `${p}acme` },
        },
      ]);
      expect(countOf(await usage(acme), "Retried")).toBe(1);
      expect(await storedOf(p)).toHaveLength(rows.length);
    });
  }
});
