import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import { accountRoutes } from "../../accounts/accounts.routes.ts";
import { signInHint } from "../../demo/sign-in-hint.ts";
import { createEventFacts } from "../../events/event-facts-worker.ts";
import { eventRoutes } from "../../events/events.routes.ts";
import { ingestRoutes } from "../../events/ingest.routes.ts";
import { IngestQueue } from "../../events/ingest-queue.ts";
import { followUpRoutes } from "../../follow-up/follow-up.routes.ts";
import { handoffRoutes } from "../../handoff/handoff.routes.ts";
import { hearingSheetRoutes } from "../../hearing-sheets/hearing-sheets.routes.ts";
import { informationEmailRoutes } from "../../information-emails/information-emails.routes.ts";
import { kpiDashboardRoutes } from "../../kpis/kpi-dashboard.routes.ts";
import { kpiTargetRoutes } from "../../kpis/kpi-targets.routes.ts";
import { kpiRoutes } from "../../kpis/kpis.routes.ts";
import { onboardingRoutes } from "../../onboarding/onboarding.routes.ts";
import { portalRoutes } from "../../portal/portal.routes.ts";
import { portalLinkRoutes } from "../../portal/portal-links.routes.ts";
import { reportRoutes } from "../../reports/reports.routes.ts";
import { segmentRuleRoutes } from "../../segmentation/segment-rules.routes.ts";
import { seminarPortalRoutes } from "../../seminars/seminar-portal.routes.ts";
import { seminarPublicRoutes } from "../../seminars/seminar-public.routes.ts";
import { seminarRoutes } from "../../seminars/seminars.routes.ts";
import { staffRoutes } from "../../staff/staff.routes.ts";
import { portalSurveyRoutes, surveyAnswerRoutes } from "../../surveys/survey-answer.routes.ts";
import { surveyRoutes } from "../../surveys/surveys.routes.ts";
import { teamRoutes } from "../../team/team.routes.ts";
import { timelineRoutes } from "../../timeline/timeline.routes.ts";
import { touchModelRoutes } from "../../touch-models/touch-model.routes.ts";
import { workspaceRoutes } from "../../workspaces/workspace.routes.ts";
import { CLIENT_IP_HEADER } from "../auth/better-auth.ts";
import { requireCaller } from "../auth/caller.ts";
import { trustedOrigins } from "../config.ts";
import { importRoutes } from "../imports/imports.routes.ts";
import { mailRoutes } from "../mail/mail.routes.ts";
import { unsubscribeRoutes } from "../mail/unsubscribe.routes.ts";
import type { AppEnv, Services } from "./context.ts";
import { AppError, sendError, toAppError } from "./errors.ts";
import { createMetrics } from "./metrics.ts";
import { createRouter } from "./openapi.ts";

/** A portal link's token is a secret: request logs name the route, never the token. */
export const loggedPath = (p: string) =>
  p.replace(/^(\/api)?\/(portal|survey|seminar|unsubscribe)\/[^/]+/, "$1/$2/:token");

export const webRoot = path.resolve(import.meta.dirname, "../../../dist/web");

export function createApp(services: Services) {
  const { log, database, auth, config } = services;
  const app = new Hono<AppEnv>();
  const metrics = createMetrics();

  app.use(async (c, next) => {
    const requestId = c.req.header("x-request-id") ?? randomUUID();
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    c.header("x-request-id", requestId);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const entry = { requestId, method: c.req.method, path: loggedPath(c.req.path), status: c.res.status, ms };
    if (c.res.status >= 500) log.error(entry, "request failed");
    else if (c.req.path !== "/healthz" && c.req.path !== "/readyz") log.info(entry, "request");
  });
  app.use(metrics.middleware);
  app.use(secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));

  app.onError((err, c) => {
    const error = toAppError(err);
    if (error.code === "internal") log.error({ err, requestId: c.get("requestId") }, "unhandled error");
    return sendError(c, error);
  });
  app.notFound((c) => {
    const p = c.req.path;
    if (p.startsWith("/api/") || p.startsWith("/v1/") || !existsSync(path.join(webRoot, "index.html")))
      return sendError(c, new AppError("not_found", `No route ${c.req.method} ${p}`));
    return c.html(readFileSync(path.join(webRoot, "index.html"), "utf8"));
  });

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await database.ping();
      return c.json({ status: "ready", database: database.kind });
    } catch {
      return sendError(c, new AppError("unavailable", "The database is not reachable"));
    }
  });
  app.get("/metrics", async (c) =>
    c.text(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType }),
  );

  // Staff sign-in, sign-out and sessions (better-auth). The client address comes from the socket,
  // never from a header the client could forge.
  const csrfCheck = csrf({ origin: trustedOrigins(config) });
  app.on(["GET", "POST"], "/api/auth/*", bodyLimit({ maxSize: 64 * 1024 }), csrfCheck, (c) => {
    const headers = new Headers(c.req.raw.headers);
    headers.set(CLIENT_IP_HEADER, getConnInfo(c).remote.address ?? "unknown");
    return auth.handler(new Request(c.req.raw, { headers }));
  });

  app.route("/api/portal", portalRoutes(services));
  app.route("/", unsubscribeRoutes(services));
  app.route("/api/portal", portalSurveyRoutes(services));
  app.route("/api/survey", surveyAnswerRoutes(services));
  app.route("/api/portal", seminarPortalRoutes(services));
  app.route("/api/seminar", seminarPublicRoutes(services));

  const eventFacts = createEventFacts(services);
  const ingestQueue = new IngestQueue(services, (workspace, stored) => {
    metrics.countEvents(stored);
    eventFacts.notify(workspace, stored.accountIds, stored.groupedUsers);
  });
  app.route("/v1", ingestRoutes(database.db, ingestQueue));

  const api = createRouter();
  const limitTo = (mb: number) =>
    bodyLimit({
      maxSize: mb * 1024 * 1024,
      onError: () => {
        throw new AppError("payload_too_large", `The body is larger than ${mb} MB`);
      },
    });
  const [uploadLimit, jsonLimit] = [limitTo(25), limitTo(1)];
  api.use((c, next) =>
    c.req.path.startsWith("/api/v1/imports/") ? uploadLimit(c, next) : jsonLimit(c, next),
  );
  // Cookie sessions are ambient credentials and need CSRF protection; bearer tokens are not and do not.
  api.use((c, next) => (c.req.header("authorization") ? next() : csrfCheck(c, next)));
  api.get("/public/sign-in-hint", async (c) => c.json({ demo: await signInHint(database.db) }));
  api.use(requireCaller(services));
  api.route("/", workspaceRoutes(services));
  api.route("/", staffRoutes(services));
  api.route("/", accountRoutes(services));
  api.route("/", segmentRuleRoutes(services));
  api.route("/", touchModelRoutes(services));
  api.route("/", importRoutes(services));
  api.route("/", teamRoutes(services));
  api.route("/", handoffRoutes(services));
  api.route("/", hearingSheetRoutes(services));
  api.route("/", timelineRoutes(services));
  api.route("/", onboardingRoutes(services));
  api.route("/", followUpRoutes(services));
  api.route("/", portalLinkRoutes(services));
  api.route("/", eventRoutes(services));
  api.route("/", mailRoutes(services));
  api.route("/", surveyRoutes(services));
  api.route("/", seminarRoutes(services));
  api.route("/", informationEmailRoutes(services));
  api.route("/", reportRoutes(services));
  api.route("/", kpiRoutes(services));
  api.route("/", kpiDashboardRoutes(services));
  api.route("/", kpiTargetRoutes(services));
  app.route("/api/v1", api);

  app.get("/api/openapi.json", (c) =>
    c.json(
      api.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: "Embark API",
          version: "1",
          description:
            "Customer onboarding for Customer Success teams. Staff authenticate with a session cookie or `Authorization: Bearer <API token>`.",
        },
        servers: [{ url: `${config.publicUrl}/api/v1` }],
      }),
    ),
  );
  // The reference page's script is served from the package, so the docs work without internet access.
  const scalarScript = createRequire(import.meta.url).resolve("@scalar/api-reference/browser/standalone.js");
  let scalarCode: string | undefined;
  app.get("/api/docs/standalone.js", (c) => {
    scalarCode ??= readFileSync(scalarScript, "utf8");
    return c.body(scalarCode, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=86400",
    });
  });
  app.get(
    "/api/docs",
    Scalar({ url: "/api/openapi.json", pageTitle: "Embark API", cdn: "/api/docs/standalone.js" }),
  );

  // The built web app (npm start builds it first); the API works without it.
  if (existsSync(webRoot)) app.use("/*", serveStatic({ root: path.relative(process.cwd(), webRoot) || "." }));
  return app;
}
