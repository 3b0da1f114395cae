import { describe, expect, it } from "vitest";
import { attendeeEmails, decodeReport } from "./attendance-csv.ts";

const utf16 = (text: string) => {
  const body = Buffer.from(text, "utf16le");
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
};

describe("attendee reports of webinar tools", () => {
  it("reads Zoom's report: summary lines first, then the attendees", () => {
    const text = [
      "Attendee Report,",
      "Report Generated:,11/20/2026 15:02",
      "Topic,Webinar ID",
      "Welcome seminar,812 3456 7890",
      "",
      "Attended,User Name (Original Name),Email,Join Time",
      "Yes,Hanako Sato,SATO@alpha.example,11/20/2026 14:01",
      "Yes,Guest,,11/20/2026 14:02",
    ].join("\n");
    expect(attendeeEmails(text)).toEqual({ column: "Email", emails: ["sato@alpha.example"] });
  });

  it("reads Teams' tab-separated UTF-16 report", () => {
    const text = decodeReport(
      utf16(
        [
          "1. Summary",
          "Meeting title\tWelcome seminar",
          "",
          "2. Participants",
          "Name\tFirst Join\tLast Leave\tEmail\tRole",
          "John Smith\t11/20/26, 2:00 PM\t11/20/26, 3:00 PM\tsmith@beta.example\tAttendee",
        ].join("\r\n"),
      ),
    );
    expect(attendeeEmails(text)).toEqual({ column: "Email", emails: ["smith@beta.example"] });
  });

  it("knows the Japanese headers (Zoom ja: ユーザーのメール, Meet ja: メールアドレス)", () => {
    expect(attendeeEmails("名前（元の名前）,ユーザーのメール\n山田,yamada@alpha.example\n").column).toBe(
      "ユーザーのメール",
    );
    expect(attendeeEmails("\uFEFF姓,名,メールアドレス\n山田,太郎,yamada@alpha.example\n").emails).toEqual([
      "yamada@alpha.example",
    ]);
    expect(attendeeEmails("Full Name,Attendee Email\nA,a@x.example\n").column).toBe("Attendee Email");
  });

  it("refuses a report without an e-mail column", () => {
    expect(() => attendeeEmails("name,joined\nA,10:00\n")).toThrow(/e-mail column/);
  });
});
