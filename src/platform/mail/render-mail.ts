import type { MailLocale } from "./outbox.ts";

export interface MailToRender {
  locale: MailLocale;
  purpose: "transactional" | "marketing";
  subject: string;
  text: string;
  html?: string | null;
  /** The sender shown in the footer: the workspace's name. */
  senderName: string;
  /** Marketing mail only: the contact's unsubscribe page. */
  unsubscribeUrl?: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const footers: Record<MailLocale, { sentBy: (name: string) => string; unsubscribe: string }> = {
  ja: {
    sentBy: (name) => `このメールは ${name} から送信されています。`,
    unsubscribe: "今後このようなお知らせが不要な場合は、こちらから配信を停止できます:",
  },
  en: {
    sentBy: (name) => `This message was sent by ${name}.`,
    unsubscribe: "To stop receiving messages like this one, unsubscribe here:",
  },
};

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)）」』。、]/g;

/** One paragraph of plain text as HTML: escaped, line breaks kept, web addresses as links. */
function paragraphHtml(paragraph: string) {
  let out = "";
  let last = 0;
  for (const m of paragraph.matchAll(URL_IN_TEXT)) {
    out += escapeHtml(paragraph.slice(last, m.index));
    const url = escapeHtml(m[0]);
    out += `<a href="${url}" style="color:#1c7ed6;word-break:break-all">${url}</a>`;
    last = (m.index ?? 0) + m[0].length;
  }
  out += escapeHtml(paragraph.slice(last));
  return out.replaceAll("\n", "<br>\n");
}

/** Plain text as a simple, readable HTML body (paragraphs on blank lines). */
export function textToHtml(text: string) {
  return text
    .replace(/\r\n/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p style="margin:0 0 16px">${paragraphHtml(p)}</p>`)
    .join("\n");
}

/** The message as sent: the body plus the footer (sender, and for marketing mail the unsubscribe link). */
export function renderMail(mail: MailToRender): RenderedMail {
  const footer = footers[mail.locale];
  const unsubscribe = mail.purpose === "marketing" ? (mail.unsubscribeUrl ?? null) : null;
  const footerLines = [
    footer.sentBy(mail.senderName),
    ...(unsubscribe ? [footer.unsubscribe, unsubscribe] : []),
  ];
  const text = `${mail.text.replace(/\s+$/, "")}\n\n--\n${footerLines.join("\n")}\n`;
  const footerHtml = `<p style="margin:0">${escapeHtml(footer.sentBy(mail.senderName))}</p>${
    unsubscribe
      ? `<p style="margin:8px 0 0">${escapeHtml(footer.unsubscribe)}<br><a href="${escapeHtml(unsubscribe)}" style="color:#868e96">${escapeHtml(unsubscribe)}</a></p>`
      : ""
  }`;
  const body = mail.html ?? textToHtml(mail.text);
  const html = `<!DOCTYPE html>
<html lang="${mail.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(mail.subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f3f5">
<div style="max-width:600px;margin:0 auto;padding:24px 16px">
<div style="background:#ffffff;border-radius:8px;padding:24px;font-family:-apple-system,'Segoe UI','Hiragino Sans','Hiragino Kaku Gothic ProN',Meiryo,sans-serif;font-size:15px;line-height:1.7;color:#212529">
${body}
</div>
<div style="padding:16px 8px;font-family:-apple-system,'Segoe UI','Hiragino Sans',Meiryo,sans-serif;font-size:12px;line-height:1.6;color:#868e96">
${footerHtml}
</div>
</div>
</body>
</html>
`;
  const headers: Record<string, string> = {};
  if (unsubscribe) {
    headers["List-Unsubscribe"] = `<${unsubscribe}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return { subject: mail.subject, text, html, headers };
}
