import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { type Db, inWorkspace } from "../platform/db/client.ts";
import { AppError } from "../platform/http/errors.ts";
import { emptyResult, type ImportResult, type Progress } from "../platform/imports/import-result.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { followUpStoredEvents } from "./event-facts-worker.ts";
import { readMessage, type UsageMessage } from "./segment-message.ts";
import { groupedUserKeys, storeMessages } from "./store-events.ts";

const CHUNK = 2_000;

/**
 * `embark import events FILE.ndjson`: one Segment message per line, exactly as `/v1/batch` takes
 * them, stored in chunks (a line is stored whole or rejected with its line number). A message
 * without a messageId gets one derived from the line, so importing the same file again changes
 * nothing; a `receivedAt` in the line (as in an export from Segment) is kept.
 */
export async function importEventsFile(
  db: Db,
  workspace: Workspace,
  file: string,
  onProgress?: Progress,
): Promise<ImportResult> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new AppError("not_found", `Cannot read ${file}`);
  }
  const result = emptyResult("events");
  const touched = new Set<string>();
  const users = new Set<string>();
  let pending: UsageMessage[] = [];
  let bytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const messages = pending;
    pending = [];
    const stored = await inWorkspace(db, workspace.id, (tx) => storeMessages(tx, workspace, messages));
    result.created += stored.stored;
    result.unchanged += stored.duplicates;
    for (const id of stored.accountIds) touched.add(id);
    for (const key of groupedUserKeys(messages)) users.add(key);
    onProgress?.(bytes, size);
  };

  const lines = createInterface({
    input: createReadStream(file, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    bytes += Buffer.byteLength(text) + 1;
    if (text.trim() === "") continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      result.rejected.push({ line, reason: "not valid JSON" });
      continue;
    }
    const read = readMessage(raw, {
      receivedAt: new Date(),
      keepReceivedAt: true,
      messageIdFallback: () =>
        `import-${createHash("sha256").update(text.trim()).digest("hex").slice(0, 32)}`,
    });
    if (!read.ok) result.rejected.push({ line, reason: read.reason });
    else pending.push(read.message);
    if (pending.length >= CHUNK) await flush();
  }
  await flush();
  await inWorkspace(db, workspace.id, (tx) => followUpStoredEvents(tx, workspace, [...touched], [...users]));
  onProgress?.(size, size);
  return result;
}
