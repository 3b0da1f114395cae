import { inWorkspace } from "../platform/db/client.ts";
import type { Services } from "../platform/http/context.ts";
import { AppError } from "../platform/http/errors.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import { type Rejection, recordRejections } from "./event-rejections.ts";
import type { UsageMessage } from "./segment-message.ts";
import { groupedUserKeys, type StoredEvents, storeMessages } from "./store-events.ts";

interface Pending {
  workspace: Workspace;
  messages: readonly UsageMessage[];
  rejections: readonly Rejection[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Deadlocks and serialization failures are retried; anything else fails the requests. */
const retryable = (err: unknown) => {
  const code =
    (err as { code?: string; cause?: { code?: string } }).code ??
    (err as { cause?: { code?: string } }).cause?.code;
  return code === "40P01" || code === "40001";
};

const usageTypes = new Set(["track", "page", "screen"]);

/** FNV-1a: the same key always goes to the same lane. */
function laneOf(key: string, lanes: number) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % lanes;
}

/**
 * Group commit: requests that arrive while a transaction is under way are stored together in the
 * next one, so a busy sender costs one commit per round rather than one per request. A request's
 * promise settles only after the transactions holding its messages committed.
 *
 * Usage messages are split into lanes by the group they name, each lane with one writer: the
 * rollup rows of an account are written by one lane only, so lanes commit side by side without
 * waiting on each other's row locks. The embedded database runs one statement at a time; it gets
 * one lane.
 */
export class IngestQueue {
  private readonly lanes: Lane[];

  constructor(
    services: Services,
    onStored: (
      workspace: Workspace,
      result: StoredEvents & { rejected: number; seconds: number; groupedUsers: string[] },
    ) => void,
    options: { lanes?: number; maxMessages?: number } = {},
  ) {
    const lanes = options.lanes ?? (services.database.kind === "postgres" ? 2 : 1);
    this.lanes = Array.from(
      { length: lanes },
      () => new Lane(services, onStored, options.maxMessages ?? 5_000),
    );
  }

  submit(workspace: Workspace, messages: readonly UsageMessage[], rejections: readonly Rejection[] = []) {
    const parts = Array.from({ length: this.lanes.length }, () => [] as UsageMessage[]);
    // What one message settles for others (a group call, an alias, the events of a user whose group
    // comes from them) stays together in the first lane, in one transaction as on a single writer.
    const settled = new Set(messages.flatMap((m) => (m.type === "group" && m.groupId ? [m.groupId] : [])));
    for (const m of messages) {
      const independent = m.groupId && !settled.has(m.groupId) && usageTypes.has(m.type);
      parts[independent ? laneOf(m.groupId!, this.lanes.length) : 0]!.push(m);
    }
    const submitted = parts.flatMap((part, i) =>
      part.length > 0 || (i === 0 && rejections.length > 0)
        ? [this.lanes[i]!.submit(workspace, part, i === 0 ? rejections : [])]
        : [],
    );
    return Promise.all(submitted).then(() => {});
  }
}

class Lane {
  private pending: Pending[] = [];
  private active = false;
  private scheduled = false;

  constructor(
    private readonly services: Services,
    private readonly onStored: ConstructorParameters<typeof IngestQueue>[1],
    private readonly maxMessages: number,
  ) {}

  submit(workspace: Workspace, messages: readonly UsageMessage[], rejections: readonly Rejection[]) {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ workspace, messages, rejections, resolve, reject });
      // Requests read in the same turn of the event loop join one commit.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump() {
    if (this.active || this.pending.length === 0) return;
    const first = this.pending[0]!;
    const taken: Pending[] = [];
    let count = 0;
    this.pending = this.pending.filter((p) => {
      const fits =
        p.workspace.id === first.workspace.id &&
        (taken.length === 0 || count + p.messages.length <= this.maxMessages);
      if (fits) {
        taken.push(p);
        count += p.messages.length;
      }
      return !fits;
    });
    this.active = true;
    void this.store(taken).finally(() => {
      this.active = false;
      this.pump();
    });
  }

  private async store(items: Pending[]) {
    const workspace = items[0]!.workspace;
    const messages = items.flatMap((i) => i.messages);
    const rejections = items.flatMap((i) => i.rejections);
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const result = await inWorkspace(this.services.database.db, workspace.id, async (tx) => {
          await recordRejections(tx, workspace.id, rejections);
          return storeMessages(tx, workspace, messages);
        });
        for (const i of items) i.resolve();
        this.onStored(workspace, {
          ...result,
          rejected: rejections.length,
          seconds: (performance.now() - started) / 1000,
          groupedUsers: groupedUserKeys(messages),
        });
        return;
      } catch (err) {
        if (attempt < 4 && retryable(err)) continue;
        this.services.log.error({ err, workspace: workspace.slug }, "storing usage events failed");
        const failure = new AppError("unavailable", "The events could not be stored now; send them again");
        for (const i of items) i.reject(failure);
        return;
      }
    }
  }
}
