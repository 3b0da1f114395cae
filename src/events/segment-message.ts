import { randomUUID } from "node:crypto";

export const messageTypes = ["track", "identify", "group", "page", "screen", "alias"] as const;
export type MessageType = (typeof messageTypes)[number];

export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

/** A message as Embark stores it: the fields it reads, and the rest of the message as sent (properties, traits, context, …). */
export interface UsageMessage {
  messageId: string;
  type: MessageType;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** The account's id in the product: a `group` call's groupId, else `context.groupId`. */
  groupId: string | null;
  /** `alias`: the earlier id of the same person. */
  previousId: string | null;
  traits: Record<string, unknown>;
  timestamp: Date;
  receivedAt: Date;
  message: Record<string, unknown>;
}

export type ReadMessage = { ok: true; message: UsageMessage } | { ok: false; reason: string };

/** What a batch request adds to each of its messages. */
export interface Envelope {
  receivedAt: Date;
  type?: MessageType;
  context?: unknown;
  integrations?: unknown;
  sentAt?: unknown;
  /** A message without a messageId gets this one (the import derives it from the line). */
  messageIdFallback?: () => string;
  /** Imports keep the `receivedAt` a message already carries (an export from Segment has it). */
  keepReceivedAt?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function idOf(v: unknown): string | null {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") return null;
  const s = v.trim();
  return s === "" ? null : s;
}

function instantOf(v: unknown): Date | null | "invalid" {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v !== "string" && typeof v !== "number") return "invalid";
  const d = new Date(v);
  const year = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || year < 2000 || year > 2099 ? "invalid" : d;
}

const MAX_ID = 512;

/**
 * Checks one Segment message and turns it into what Embark stores: the batch's context and
 * integrations merged in, the client's clock skew corrected
 * (`timestamp = receivedAt − (sentAt − timestamp)`), a messageId when the sender gave none.
 */
export function readMessage(raw: unknown, envelope: Envelope): ReadMessage {
  if (!isObject(raw)) return { ok: false, reason: "a message must be a JSON object" };
  const json = JSON.stringify(raw);
  if (Buffer.byteLength(json) > MAX_MESSAGE_BYTES)
    return { ok: false, reason: "the message is larger than 32 KB" };
  // JSON.stringify escapes exactly what PostgreSQL's jsonb cannot hold: NUL and unpaired surrogates.
  if (/\\u0000|\\ud[89a-f]/i.test(json))
    return { ok: false, reason: "the message contains a NUL character or an unpaired surrogate" };
  const type = (envelope.type ?? raw.type) as MessageType;
  if (!messageTypes.includes(type))
    return {
      ok: false,
      reason:
        raw.type === undefined
          ? "type is required (track, identify, group, page, screen or alias)"
          : `type "${String(raw.type)}" is not one of ${messageTypes.join(", ")}`,
    };
  const userId = idOf(raw.userId);
  const anonymousId = idOf(raw.anonymousId);
  if (!userId && !anonymousId) return { ok: false, reason: "userId or anonymousId is required" };
  if ((userId?.length ?? 0) > MAX_ID || (anonymousId?.length ?? 0) > MAX_ID)
    return { ok: false, reason: "userId and anonymousId are at most 512 characters" };

  const context = {
    ...(isObject(envelope.context) ? envelope.context : {}),
    ...(isObject(raw.context) ? raw.context : {}),
  };
  const integrations = {
    ...(isObject(envelope.integrations) ? envelope.integrations : {}),
    ...(isObject(raw.integrations) ? raw.integrations : {}),
  };
  let event: string | null = null;
  if (type === "track") {
    event = typeof raw.event === "string" ? raw.event.trim() : null;
    if (!event) return { ok: false, reason: "a track call needs an event name" };
    if (event.length > 200) return { ok: false, reason: "an event name is at most 200 characters" };
  }
  let groupId = idOf(context.groupId);
  if (type === "group") {
    groupId = idOf(raw.groupId);
    if (!groupId) return { ok: false, reason: "a group call needs a groupId" };
  }
  if ((groupId?.length ?? 0) > MAX_ID) return { ok: false, reason: "a groupId is at most 512 characters" };
  const previousId = type === "alias" ? idOf(raw.previousId) : null;
  if (type === "alias" && (!previousId || !userId))
    return { ok: false, reason: "an alias call needs previousId and userId" };

  const messageId = raw.messageId === undefined || raw.messageId === null ? null : idOf(raw.messageId);
  if (raw.messageId !== undefined && raw.messageId !== null && !messageId)
    return { ok: false, reason: "messageId must be a non-empty string" };
  if ((messageId?.length ?? 0) > 200) return { ok: false, reason: "a messageId is at most 200 characters" };

  const sent = instantOf(raw.timestamp ?? raw.originalTimestamp);
  const sentAt = instantOf(raw.sentAt ?? envelope.sentAt);
  if (sent === "invalid") return { ok: false, reason: "timestamp is not a date between 2000 and 2099" };
  if (sentAt === "invalid") return { ok: false, reason: "sentAt is not a date between 2000 and 2099" };
  const kept = envelope.keepReceivedAt ? instantOf(raw.receivedAt) : null;
  const receivedAt = kept instanceof Date ? kept : envelope.receivedAt;
  let timestamp = sent ?? receivedAt;
  if (sent && sentAt) {
    const corrected = new Date(receivedAt.getTime() - (sentAt.getTime() - sent.getTime()));
    if (corrected.getUTCFullYear() >= 2000 && corrected.getUTCFullYear() <= 2099) timestamp = corrected;
  }

  // What the columns hold is not stored twice; the write key is never stored.
  const {
    writeKey: _secret,
    type: _type,
    messageId: _messageId,
    userId: _userId,
    anonymousId: _anonymousId,
    event: _event,
    timestamp: _timestamp,
    receivedAt: _receivedAt,
    ...rest
  } = raw;
  const id = messageId ?? envelope.messageIdFallback?.() ?? randomUUID();
  return {
    ok: true,
    message: {
      messageId: id,
      type,
      event,
      userId,
      anonymousId,
      groupId,
      previousId,
      traits: isObject(raw.traits) ? raw.traits : isObject(context.traits) ? context.traits : {},
      timestamp,
      receivedAt,
      message: {
        ...rest,
        ...(Object.keys(context).length > 0 ? { context } : {}),
        ...(Object.keys(integrations).length > 0 ? { integrations } : {}),
        ...(sent ? { originalTimestamp: raw.timestamp ?? raw.originalTimestamp } : {}),
      },
    },
  };
}
