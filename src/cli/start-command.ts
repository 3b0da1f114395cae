import { createDemoWorkspace, ensureDemoOnFirstStart } from "../demo/create-demo.ts";
import { signInHint } from "../demo/sign-in-hint.ts";
import { startDailyReviews } from "../follow-up/daily-review.ts";
import { startInformationEmails } from "../information-emails/run-information-emails.ts";
import { startKpiAlertJob } from "../kpis/kpi-alerts-job.ts";
import { loadConfig } from "../platform/config.ts";
import { startMailDelivery } from "../platform/mail/mail-delivery.ts";
import { startServer } from "../platform/server.ts";
import { openServices } from "../platform/services.ts";
import { startMonthlyReportMail } from "../reports/monthly-report-mail.ts";
import { startSeminarJob } from "../seminars/seminar-job.ts";
import { startSurveyTriggers } from "../surveys/survey-triggers.ts";
import { describeError, fail, type GlobalOptions } from "./run-command.ts";

/** `embark start`: migrate, create the demo on first start (unless --no-demo), serve. */
export async function startCommand(options: GlobalOptions & { port?: number; demo?: boolean }) {
  try {
    const config = loadConfig({ port: options.port, dataDir: options.dataDir });
    const services = await openServices(config);
    const { db } = services.database;
    if (options.demo === true) await createDemoWorkspace(db);
    else if (options.demo === undefined) await ensureDemoOnFirstStart(db);
    const server = await startServer(services, config.port);
    const dailyReviews = startDailyReviews(services);
    const seminarJob = startSeminarJob(services);
    const mailDelivery = startMailDelivery(services);
    const surveyTriggers = startSurveyTriggers(services);
    const informationEmails = startInformationEmails(services);
    const kpiAlerts = startKpiAlertJob(services);
    const monthlyReport = startMonthlyReportMail(services);
    const url = process.env.EMBARK_PUBLIC_URL ? config.publicUrl : `http://localhost:${server.port}`;
    services.log.info({ url, database: services.database.kind }, "Embark is running");
    const hint = await signInHint(db);
    process.stdout.write(
      `\n  Embark is running at ${url}  (database: ${services.database.kind === "pglite" ? `embedded, ${(config.database as { dataDir: string }).dataDir}` : "PostgreSQL server"})\n` +
        (hint ? `  Demo sign-in: ${hint.email} / ${hint.password}\n` : "") +
        `  API reference: ${url}/api/docs\n\n`,
    );
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      services.log.info({ signal }, "stopping");
      await dailyReviews.stop();
      await seminarJob.stop();
      await mailDelivery.stop();
      await surveyTriggers.stop();
      await informationEmails.stop();
      await kpiAlerts.stop();
      await monthlyReport.stop();
      await server.stop();
      process.exit(0);
    };
    process.on("SIGINT", () => void stop("SIGINT"));
    process.on("SIGTERM", () => void stop("SIGTERM"));
  } catch (err) {
    fail(describeError(err));
  }
}
