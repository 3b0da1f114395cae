import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import type { Queryable } from "../platform/db/client.ts";
import { seminarInvitations } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import { setAttendance } from "./invitations.ts";
import { requireSession } from "./seminars.ts";

/** Header names webinar tools (Zoom, Teams, Google Meet, …) give the attendee's e-mail, in ja and en. */
const EMAIL_HEADERS = [
  "email",
  "e-mail",
  "email address",
  "e-mail address",
  "attendee email",
  "participant email",
  "user email",
  "registrant email",
  "メール",
  "メールアドレス",
  "メール アドレス",
  "eメール",
  "電子メール",
  "電子メールアドレス",
  "ユーザーのメール",
  "ユーザーのメールアドレス",
  "参加者のメール",
  "参加者のメールアドレス",
  "出席者のメール",
  "出席者のメールアドレス",
];
const normalize = (h: string) =>
  h
    .replace(/^\uFEFF/, "")
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[（(].*[)）]$/, "")
    .trim();
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Text of an uploaded report: UTF-8 (with or without BOM) or UTF-16 (Teams writes it). */
export function decodeReport(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data.subarray(2));
  return new TextDecoder("utf-8").decode(data).replace(/^\uFEFF/, "");
}

/**
 * The attendees' e-mail addresses in a webinar tool's attendee report. Reports may start with a few
 * summary lines (Zoom's "Attendee Report", Teams' "Summary"), so the header is the first row that has an
 * e-mail column; tab-separated files (Teams) are read too.
 */
export function attendeeEmails(text: string): { column: string; emails: string[] } {
  const firstLines = text.split(/\r?\n/, 10).join("\n");
  const delimiter =
    (firstLines.match(/\t/g)?.length ?? 0) > (firstLines.match(/,/g)?.length ?? 0) ? "\t" : ",";
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
    });
  } catch (err) {
    throw new AppError("validation_failed", `The file is not valid CSV: ${(err as Error).message}`);
  }
  for (let i = 0; i < rows.length; i++) {
    const index = rows[i]!.findIndex((h) => EMAIL_HEADERS.includes(normalize(h)));
    if (index < 0) continue;
    const emails = new Set<string>();
    for (const row of rows.slice(i + 1)) {
      const v = (row[index] ?? "").trim().toLowerCase();
      if (EMAIL.test(v)) emails.add(v);
    }
    return { column: rows[i]![index]!.trim(), emails: [...emails] };
  }
  throw new AppError(
    "validation_failed",
    "No e-mail column found: the report needs a column such as Email, Attendee Email, メールアドレス or ユーザーのメール",
  );
}

/**
 * Applies an attendee report to a session: listed invitees attended, registered invitees not listed
 * were absent; addresses with no invitation to the session are reported, never created.
 */
export async function importAttendance(
  tx: Queryable,
  workspaceId: string,
  sessionId: string,
  text: string,
  actor: { userId: string | null },
  now = new Date(),
) {
  await requireSession(tx, workspaceId, sessionId);
  const { column, emails } = attendeeEmails(text);
  const invitations = await tx
    .select()
    .from(seminarInvitations)
    .where(and(eq(seminarInvitations.workspaceId, workspaceId), eq(seminarInvitations.sessionId, sessionId)));
  const listed = new Set(emails);
  const known = new Set(invitations.map((i) => i.contactEmail));
  const present = invitations.filter((i) => listed.has(i.contactEmail));
  const absent = invitations.filter((i) => !listed.has(i.contactEmail) && i.status === "registered");
  const who = { userId: actor.userId, label: actor.userId ? null : "attendance report" };
  await setAttendance(tx, workspaceId, present, true, who, now);
  await setAttendance(tx, workspaceId, absent, false, who, now);
  return {
    emailColumn: column,
    attended: present.length,
    absent: absent.length,
    unknown: emails.filter((e) => !known.has(e)).sort(),
  };
}
