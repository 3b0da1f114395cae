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

/**
 * Group commit: requests that arrive while a transaction is under way are stored together in the
 * next one, so a busy sender costs one commit per round rather than one per request. A request's
 * promise settles only after the transaction holding its messages committed.
 */
export class IngestQueue {
  private pending: Pending[] = [];
  private active = 0;
  private scheduled = false;

  constructor(
    private readonly services: Services,
    private readonly onStored: (
      workspace: Workspace,
      result: StoredEvents & { rejected: number; seconds: number; groupedUsers: string[] },
    ) => void,
    private readonly options = {
      // One writer: concurrent commits would queue on the same rollup rows (an active account's
      // events of the day) and could deadlock; one commit at a time, each holding everything that
      // arrived meanwhile, goes faster.
      concurrency: 1,
      maxMessages: 5_000,
    },
  ) {}

  submit(workspace: Workspace, messages: readonly UsageMessage[], rejections: readonly Rejection[] = []) {
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
    while (this.active < this.options.concurrency && this.pending.length > 0) {
      const first = this.pending[0]!;
      const taken: Pending[] = [];
      let count = 0;
      this.pending = this.pending.filter((p) => {
        const fits =
          p.workspace.id === first.workspace.id &&
          (taken.length === 0 || count + p.messages.length <= this.options.maxMessages);
        if (fits) {
          taken.push(p);
          count += p.messages.length;
        }
        return !fits;
      });
      this.active++;
      void this.store(taken).finally(() => {
        this.active--;
        this.pump();
      });
    }
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
