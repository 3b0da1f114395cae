import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { readSettings } from "../../workspaces/workspace-settings.ts";
import { contacts, mailOutbox, workspaces } from "../db/schema.ts";
import type { Services } from "../http/context.ts";
import { type RecurringJob, startRecurringJob } from "../jobs/recurring-job.ts";
import { countMail } from "./mail-metrics.ts";
import { renderMail } from "./render-mail.ts";
import { unsubscribeKey, unsubscribeToken } from "./unsubscribe-token.ts";

/** How long a claimed message is reserved for its sender; a crashed sender's messages come back after it. */
export const LEASE_MS = 5 * 60 * 1000;
/** Attempts before a message that keeps failing temporarily is given up ("failed"). */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60 * 1000;
const MAX_RETRY_MS = 60 * 60 * 1000;
const BATCH = 20;
const CHAT_TIMEOUT_MS = 10_000;

/** The wait before the next attempt after `attempts` failed ones: 1 min, 2, 4, … capped at an hour. */
export const retryDelayMs = (attempts: number) =>
  Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

type OutboxRow = typeof mailOutbox.$inferSelect;
type Outcome =
  | { kind: "sent" }
  | { kind: "suppressed"; reason: string }
  | { kind: "failed"; reason: string }
  | { kind: "retry"; reason: string };

export interface SmtpStatus {
  configured: boolean;
  /** host:port of the server (never the user name or password). */
  host: string | null;
  secure: boolean;
  from: string;
}

export function smtpStatus(config: Services["config"]): SmtpStatus {
  if (!config.smtpUrl) return { configured: false, host: null, secure: false, from: config.mailFrom };
  try {
    const url = new URL(config.smtpUrl);
    const secure = url.protocol === "smtps:";
    return {
      configured: true,
      host: `${url.hostname}:${url.port || (secure ? 465 : 587)}`,
      secure,
      from: config.mailFrom,
    };
  } catch {
    return { configured: true, host: null, secure: false, from: config.mailFrom };
  }
}

/** The SMTP transport of `SMTP_URL` (smtp:// or smtps://, user and password in the URL), or null without one. */
export function createSmtpTransport(smtpUrl: string | undefined): Transporter | null {
  if (!smtpUrl) return null;
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

export interface DeliveryOptions {
  /** The SMTP transport; null: e-mail is not attempted (stays queued). Default: from `SMTP_URL`. */
  transport?: Transporter | null;
  now?: Date;
  leaseMs?: number;
  batchSize?: number;
}

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
}

/**
 * Claims the due messages (`FOR UPDATE SKIP LOCKED`, then a lease in `locked_until`) and delivers them,
 * batch after batch until nothing is due. Two instances on one database never claim the same message;
 * a message whose sender crashed is claimed again once its lease has run out. E-mail is only claimed
 * when there is a transport. The claim spans workspaces (it is the sender, not a request); every
 * update names the message's workspace.
 */
export async function deliverDueMail(
  services: Services,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const transport = options.transport === undefined ? defaultTransport(services) : options.transport;
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0, suppressed: 0 };
  const batchSize = options.batchSize ?? BATCH;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  for (;;) {
    const now = options.now ?? new Date();
    const claimed = await claimDue(services, now, transport !== null, leaseMs, batchSize);
    if (claimed.length === 0) return result;
    const names = await workspaceInfo(services, claimed);
    for (const claimedRow of claimed) {
      // A batch can take a while (slow servers): each message gets a fresh lease just before it is
      // sent, and one whose lease ran out and was claimed by another sender meanwhile is left to it.
      const row = await renewLease(services, claimedRow, options.now ?? new Date(), leaseMs);
      if (!row) continue;
      const tried = await deliverOne(services, row, transport, names.get(row.workspaceId));
      const outcome: Outcome =
        tried.kind === "retry" && row.attempts >= MAX_ATTEMPTS
          ? { kind: "failed", reason: `gave up after ${row.attempts} attempts: ${tried.reason}` }
          : tried;
      await record(services, row, outcome, options.now ?? new Date());
      countMail(row.channel, outcome.kind);
      if (outcome.kind === "sent") result.sent++;
      else if (outcome.kind === "retry") result.retried++;
      else if (outcome.kind === "failed") result.failed++;
      else result.suppressed++;
    }
    if (claimed.length < batchSize) return result;
  }
}

const transports = new WeakMap<Services, Transporter | null>();
function defaultTransport(services: Services) {
  if (!transports.has(services)) transports.set(services, createSmtpTransport(services.config.smtpUrl));
  return transports.get(services) ?? null;
}

async function claimDue(services: Services, now: Date, withEmail: boolean, leaseMs: number, limit: number) {
  const db = services.database.db;
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(
      and(
        inArray(mailOutbox.status, ["queued", "sending"]),
        lte(mailOutbox.nextAttemptAt, now),
        or(isNull(mailOutbox.lockedUntil), lte(mailOutbox.lockedUntil, now)),
        withEmail ? undefined : eq(mailOutbox.channel, "chat"),
      ),
    )
    .orderBy(mailOutbox.nextAttemptAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(mailOutbox)
    .set({
      status: "sending",
      lockedUntil: new Date(now.getTime() + leaseMs),
      attempts: sql`${mailOutbox.attempts} + 1`,
    })
    .where(inArray(mailOutbox.id, due))
    .returning();
}

/** Extends this sender's lease on a message; null when the lease is no longer this sender's. */
async function renewLease(services: Services, row: OutboxRow, now: Date, leaseMs: number) {
  if (!row.lockedUntil) return null;
  const [renewed] = await services.database.db
    .update(mailOutbox)
    .set({ lockedUntil: new Date(Math.max(now.getTime() + leaseMs, row.lockedUntil.getTime() + 1)) })
    .where(
      and(
        eq(mailOutbox.id, row.id),
        eq(mailOutbox.status, "sending"),
        eq(mailOutbox.lockedUntil, row.lockedUntil),
      ),
    )
    .returning();
  return renewed ?? null;
}

interface WorkspaceInfo {
  name: string;
  webhookUrl: string;
}

async function workspaceInfo(services: Services, rows: OutboxRow[]) {
  const ids = [...new Set(rows.map((r) => r.workspaceId))];
  const found = await services.database.db
    .select({ id: workspaces.id, name: workspaces.name, settings: workspaces.settings })
    .from(workspaces)
    .where(inArray(workspaces.id, ids));
  return new Map<string, WorkspaceInfo>(
    found.map((w) => [
      w.id,
      { name: w.name, webhookUrl: readSettings(w.settings)["notifications.chatWebhookUrl"] },
    ]),
  );
}

let unsubscribeKeyCache: { secret: string; key: Buffer } | null = null;
/** The unsubscribe page of a contact (the link in marketing mail). */
export function unsubscribeUrl(services: Services, contactId: string) {
  const secret = services.auth.options.secret ?? services.config.authSecret;
  if (!secret) throw new Error("Unsubscribe links need the instance secret");
  if (unsubscribeKeyCache?.secret !== secret) unsubscribeKeyCache = { secret, key: unsubscribeKey(secret) };
  return `${services.config.publicUrl}/unsubscribe/${unsubscribeToken(unsubscribeKeyCache.key, contactId)}`;
}

/** The message as it is (or would be) sent: body, footer, unsubscribe headers. */
export function renderOutboxMail(services: Services, row: OutboxRow, senderName: string) {
  return renderMail({
    locale: row.locale,
    purpose: row.purpose,
    subject: row.subject,
    text: row.text,
    html: row.html,
    senderName,
    unsubscribeUrl:
      row.purpose === "marketing" && row.contactId ? unsubscribeUrl(services, row.contactId) : null,
  });
}

async function deliverOne(
  services: Services,
  row: OutboxRow,
  transport: Transporter | null,
  workspace: WorkspaceInfo | undefined,
): Promise<Outcome> {
  if (!workspace) return { kind: "failed", reason: "the workspace no longer exists" };
  if (row.channel === "chat") return postChat(workspace.webhookUrl, row.text);
  if (!transport) return { kind: "retry", reason: "SMTP is not configured" };
  if (row.purpose === "marketing" && row.contactId) {
    const [contact] = await services.database.db
      .select({ unsubscribedAt: contacts.unsubscribedAt })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, row.workspaceId), eq(contacts.id, row.contactId)));
    if (contact?.unsubscribedAt) return { kind: "suppressed", reason: "unsubscribed" };
  }
  const mail = renderOutboxMail(services, row, workspace.name);
  try {
    await transport.sendMail({
      from: services.config.mailFrom,
      to: row.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      messageId: `<${row.id}@${messageIdDomain(services.config)}>`,
    });
    return { kind: "sent" };
  } catch (err) {
    return classifySmtpError(err);
  }
}

/** Message-IDs name the sender's domain (of EMBARK_MAIL_FROM), else the public URL's host. */
function messageIdDomain(config: Services["config"]) {
  const domain = /@([^\s>@]+)>?\s*$/.exec(config.mailFrom)?.[1];
  if (domain) return domain;
  try {
    return new URL(config.publicUrl).hostname;
  } catch {
    return "localhost";
  }
}

/** A 5xx answer is final ("failed" with the server's reason); connection trouble and 4xx answers are retried. */
export function classifySmtpError(err: unknown): Outcome {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  const reason = (e.response || e.message || String(err)).slice(0, 1000);
  if (typeof e.responseCode === "number" && e.responseCode >= 500) return { kind: "failed", reason };
  if (typeof e.responseCode !== "number" && e.code === "EENVELOPE") return { kind: "failed", reason };
  return { kind: "retry", reason: e.code && !reason.includes(e.code) ? `${e.code}: ${reason}` : reason };
}

/** Slack's incoming-webhook format. 2xx: sent; 5xx, 429, timeouts and connection errors: retried; other 4xx: failed. */
async function postChat(url: string, text: string): Promise<Outcome> {
  if (!url) return { kind: "failed", reason: "no chat webhook URL is set (notifications.chatWebhookUrl)" };
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(CHAT_TIMEOUT_MS),
      redirect: "error",
    });
    const answer = (await res.text().catch(() => "")).slice(0, 500);
    if (res.ok) return { kind: "sent" };
    const reason = `HTTP ${res.status}${answer ? `: ${answer}` : ""}`;
    if (res.status >= 500 || res.status === 429 || res.status === 408) return { kind: "retry", reason };
    return { kind: "failed", reason };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    const reason =
      e.name === "TimeoutError"
        ? `no answer within ${CHAT_TIMEOUT_MS / 1000} s`
        : (e.cause?.code ?? e.cause?.message ?? e.message ?? String(err));
    return { kind: "retry", reason };
  }
}

async function record(services: Services, row: OutboxRow, outcome: Outcome, now: Date) {
  const set =
    outcome.kind === "sent"
      ? { status: "sent" as const, sentAt: now, lockedUntil: null, lastError: null }
      : outcome.kind === "retry"
        ? {
            status: "queued" as const,
            lockedUntil: null,
            lastError: outcome.reason,
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)),
          }
        : { status: outcome.kind, lockedUntil: null, lastError: outcome.reason };
  // Only while this sender still holds the lease: a message claimed again by another sender is theirs.
  await services.database.db
    .update(mailOutbox)
    .set(set)
    .where(
      and(
        eq(mailOutbox.id, row.id),
        eq(mailOutbox.workspaceId, row.workspaceId),
        eq(mailOutbox.status, "sending"),
        row.lockedUntil ? eq(mailOutbox.lockedUntil, row.lockedUntil) : undefined,
      ),
    );
}

let running: RecurringJob | null = null;

/** Delivers due mail every few seconds in the background (`embark start`); `wakeMailDelivery` hurries it. */
export function startMailDelivery(services: Services, options: { everyMs?: number } = {}): RecurringJob {
  const job = startRecurringJob(services, {
    name: "mail delivery",
    everyMs: options.everyMs ?? 5_000,
    run: async (s) => {
      const result = await deliverDueMail(s);
      if (result.sent + result.failed + result.retried + result.suppressed > 0)
        s.log.info(result, "mail delivery");
    },
  });
  running = job;
  return {
    runNow: () => job.runNow(),
    stop: async () => {
      if (running === job) running = null;
      await job.stop();
    },
  };
}

/** Asks the background sender (if this process runs one) to look for due mail now. */
export function wakeMailDelivery() {
  running?.runNow();
}
