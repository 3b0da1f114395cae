import { Counter } from "prom-client";

/** `embark_mail_total{channel,outcome}`: delivery attempts by channel (email, chat) and outcome (sent, retry, failed, suppressed). */
export const mailTotal = new Counter({
  name: "embark_mail_total",
  help: "Outgoing mail and chat notifications by channel and delivery outcome (sent, retry, failed, suppressed)",
  labelNames: ["channel", "outcome"],
  registers: [],
});

export function countMail(channel: string, outcome: string) {
  mailTotal.inc({ channel, outcome });
}
