import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { mailTotal } from "../mail/mail-metrics.ts";

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "embark_" });
  registry.registerMetric(mailTotal); // counted by the mail sender, which runs beside the app
  const requests = new Counter({
    name: "embark_http_requests_total",
    help: "HTTP requests by method, route and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "embark_http_request_duration_seconds",
    help: "HTTP request duration by method and route",
    labelNames: ["method", "route"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const middleware: MiddlewareHandler = async (c, next) => {
    const end = duration.startTimer();
    await next();
    // The route's pattern, not the raw path, keeps the label set small; middleware matches "ALL".
    const route = matchedRoutes(c).find((r) => r.method !== "ALL")?.path ?? "unmatched";
    end({ method: c.req.method, route });
    requests.inc({ method: c.req.method, route, status: String(c.res.status) });
  };
  const events = new Counter({
    name: "embark_events_total",
    help: "Usage-event messages received, by outcome (stored, duplicate, rejected)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const commits = new Histogram({
    name: "embark_events_commit_seconds",
    help: "Time to store one group commit of usage events, rollups included",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  /** What the ingestion queue reports after each commit. */
  const countEvents = (outcome: {
    stored: number;
    duplicates: number;
    rejected: number;
    seconds: number;
  }) => {
    events.inc({ outcome: "stored" }, outcome.stored);
    events.inc({ outcome: "duplicate" }, outcome.duplicates);
    events.inc({ outcome: "rejected" }, outcome.rejected);
    commits.observe(outcome.seconds);
  };
  return { registry, middleware, countEvents };
}
