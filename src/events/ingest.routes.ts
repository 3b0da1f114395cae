import { gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { Db } from "../platform/db/client.ts";
import type { AppEnv } from "../platform/http/context.ts";
import { AppError } from "../platform/http/errors.ts";
import type { Rejection } from "./event-rejections.ts";
import type { IngestQueue } from "./ingest-queue.ts";
import {
  type Envelope,
  MAX_BATCH_BYTES,
  type MessageType,
  messageTypes,
  readMessage,
  type UsageMessage,
} from "./segment-message.ts";
import { workspaceOfWriteKey } from "./write-keys.ts";

const shortPaths: Record<string, string> = {
  t: "track",
  i: "identify",
  g: "group",
  p: "page",
  s: "screen",
  a: "alias",
  b: "batch",
};

const tooLarge = () => new AppError("bad_request", "The request is larger than 500 KB");

/** The write key from HTTP Basic auth (user name; the password is empty), if there is one. */
function keyFromHeader(header: string | undefined): string | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const user = decoded.split(":")[0] ?? "";
  return user === "" ? null : user;
}

async function readBody(raw: Request): Promise<unknown> {
  let bytes = Buffer.from(await raw.arrayBuffer());
  if ((raw.headers.get("content-encoding") ?? "").toLowerCase() === "gzip") {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_BATCH_BYTES });
    } catch (err) {
      if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
      throw new AppError("bad_request", "The body is not valid gzip");
    }
  }
  if (bytes.length > MAX_BATCH_BYTES) throw tooLarge();
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON");
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The Segment-compatible ingestion endpoints (shared/CONTRACT.md): `/v1/track`, `/identify`,
 * `/group`, `/page`, `/screen`, `/alias` and `/batch`, authenticated by the workspace's write key.
 * `200 {"success": true}` is sent only after the messages are committed.
 */
export function ingestRoutes(db: Db, queue: IngestQueue) {
  const app = new Hono<AppEnv>();
  // Browsers send from the customer's own site: any origin, no cookies.
  app.use(
    cors({
      origin: "*",
      allowHeaders: ["Authorization", "Content-Type", "Content-Encoding"],
      maxAge: 86_400,
    }),
  );
  app.use(
    bodyLimit({
      maxSize: MAX_BATCH_BYTES,
      onError: (c) => {
        // The rest of the body is not read: the connection cannot carry another request.
        c.header("Connection", "close");
        throw tooLarge();
      },
    }),
  );

  // analytics.js (analytics-next) posts to the first letter of the type: /v1/t, /v1/i, … /v1/b.
  app.post("/:type{track|identify|group|page|screen|alias|batch|[tigpsab]}", async (c) => {
    const headerKey = keyFromHeader(c.req.header("authorization"));
    const body = await readBody(c.req.raw);
    const key = headerKey ?? (isObject(body) && typeof body.writeKey === "string" ? body.writeKey : null);
    const workspace = await workspaceOfWriteKey(db, key);
    if (!workspace)
      throw new AppError(
        "unauthorized",
        key
          ? "The write key is not valid"
          : "A write key is required (HTTP Basic user name, or writeKey in the body)",
      );
    if (!isObject(body)) throw new AppError("bad_request", "The body must be a JSON object");

    const path = shortPaths[c.req.param("type")] ?? c.req.param("type");
    const receivedAt = new Date();
    let items: unknown[];
    let envelope: Envelope;
    if (path === "batch") {
      if (!Array.isArray(body.batch))
        throw new AppError("bad_request", 'A batch needs a "batch" array of messages');
      items = body.batch;
      envelope = { receivedAt, context: body.context, integrations: body.integrations, sentAt: body.sentAt };
    } else {
      items = [body];
      envelope = { receivedAt, type: path as MessageType };
    }

    const messages: UsageMessage[] = [];
    const rejections: Rejection[] = [];
    const details: { path: string; message: string }[] = [];
    items.forEach((item, i) => {
      const read = readMessage(item, envelope);
      if (read.ok) messages.push(read.message);
      else {
        const raw = isObject(item) ? item : {};
        rejections.push({
          reason: read.reason,
          messageId: typeof raw.messageId === "string" ? raw.messageId : null,
          type:
            path === "batch"
              ? messageTypes.includes(raw.type as MessageType)
                ? (raw.type as string)
                : null
              : path,
        });
        details.push({ path: path === "batch" ? `batch.${i}` : "body", message: read.reason });
      }
    });
    await queue.submit(workspace, messages, rejections);
    if (rejections.length === 0) return c.json({ success: true }, 200);
    throw new AppError(
      "validation_failed",
      items.length === 1
        ? `The message was rejected: ${rejections[0]!.reason}`
        : `${rejections.length} of ${items.length} messages rejected; the other ${messages.length} are stored`,
      details.slice(0, 100),
    );
  });
  return app;
}
