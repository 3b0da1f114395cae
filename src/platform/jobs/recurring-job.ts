import type { Services } from "../http/context.ts";

export interface RecurringJob {
  /** Stops the timer and waits for a run under way to finish. */
  stop(): Promise<void>;
  /** Runs the job soon (after the run under way, if any) instead of waiting for the next tick. */
  runNow(): void;
}

export interface RecurringJobDefinition {
  /** Names the job in the log. */
  name: string;
  everyMs: number;
  run: (services: Services, now: Date) => Promise<void>;
}

/**
 * Runs `run` at start and then every `everyMs`. A run still under way when the next is due is not
 * overlapped (that tick is skipped); errors are logged and the job carries on; the timer does not keep
 * the process alive. Work that must happen once across several app instances must make itself
 * idempotent (unique keys, `FOR UPDATE SKIP LOCKED`): this only prevents overlap within one process.
 */
export function startRecurringJob(services: Services, job: RecurringJobDefinition): RecurringJob {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const tick = (requested = false) => {
    if (stopped) return;
    if (running) {
      if (requested) again = true;
      return;
    }
    running = (async () => {
      try {
        await job.run(services, new Date());
      } catch (err) {
        services.log.error({ err, job: job.name }, "recurring job failed");
      }
    })().finally(() => {
      running = null;
      if (again) {
        again = false;
        tick();
      }
    });
  };
  const timer = setInterval(() => tick(), job.everyMs);
  timer.unref();
  setImmediate(() => tick());
  return {
    runNow() {
      setImmediate(() => tick(true));
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
