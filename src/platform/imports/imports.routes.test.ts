import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { describeEachDatabase } from "../../../test/support/test-database.ts";

type Json = Record<string, any>;

const salesforceCsv = `\uFEFFAccount ID,Account Name,Industry,Employees,Annual Revenue,Account Owner,Billing State/Province
001A,株式会社さくらテクノロジー,製造業,"1,200","5,000,000,000",admin of crm,東京都
001B,Bluefin Logistics Inc.,Logistics,80,,admin@crm.example,Osaka
001C,No Owner KK,IT,10,,誰でもない人,愛知県
`;

describeEachDatabase("imports from the web app", (kind) => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp(kind);
    token = (await app.workspaceWith("crm")).token;
  });
  afterAll(() => app?.close());

  const upload = async (path: string, file: Blob, name: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("file", file, name);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const res = await fetch(`${app.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it("recognises a Salesforce export, imports it through the mapping and remembers the mapping", async () => {
    const file = new Blob([salesforceCsv], { type: "text/csv" });
    const preview = await upload("/api/v1/imports/accounts/preview", file, "sf.csv");
    expect(preview.status).toBe(200);
    expect(preview.body.totalRows).toBe(3);
    expect(preview.body.suggestedMapping).toEqual({
      "Account ID": "external_id",
      "Account Name": "name",
      Industry: "industry",
      Employees: "employees",
      "Annual Revenue": "annual_revenue",
      "Account Owner": "owner_email",
      "Billing State/Province": "custom",
    });
    const mapping = JSON.stringify(preview.body.suggestedMapping);
    const imported = await upload("/api/v1/imports/accounts", file, "sf.csv", {
      mapping,
      saveMappingAs: "Salesforce",
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(imported.body.rejected).toEqual([
      {
        line: 4,
        reason: 'owner_email: "誰でもない人" is neither an e-mail address nor the name of a staff user',
      },
    ]);
    const again = await upload("/api/v1/imports/accounts", file, "sf.csv", { mapping });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const list = (await app.call("/api/v1/accounts?q=さくら", { token })).body as Json;
    expect(list.items[0]).toMatchObject({
      externalId: "001A",
      employees: 1200,
      annualRevenue: 5_000_000_000,
      custom: { "Billing State/Province": "東京都" },
    });
    expect(list.items[0].owner.email).toBe("admin@crm.example");
    const mappings = (await app.call("/api/v1/import-mappings?kind=accounts", { token })).body as Json;
    expect(mappings.items).toEqual([
      expect.objectContaining({ name: "Salesforce", mapping: preview.body.suggestedMapping }),
    ]);
  });

  it("reads an .xlsx workbook of a HubSpot export in Japanese", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("会社");
    sheet.addRow(["レコードID", "会社名", "業種", "従業員数", "契約開始日", "ライフサイクルステージ"]);
    sheet.addRow([
      "H-1",
      "みなと商事合同会社",
      "小売",
      45,
      new Date(Date.UTC(2026, 3, 1)),
      "オンボーディング",
    ]);
    sheet.addRow(["H-2", "東海精機株式会社", "製造業", "320", "2026-05-10", "アダプション"]);
    const data = await book.xlsx.writeBuffer();
    const file = new Blob([data]);
    const preview = await upload("/api/v1/imports/accounts/preview", file, "hubspot.xlsx");
    expect(preview.body.columns).toEqual([
      "レコードID",
      "会社名",
      "業種",
      "従業員数",
      "契約開始日",
      "ライフサイクルステージ",
    ]);
    expect(preview.body.rows[0]).toMatchObject({
      会社名: "みなと商事合同会社",
      従業員数: "45",
      契約開始日: "2026-04-01",
    });
    const imported = await upload("/api/v1/imports/accounts", file, "hubspot.xlsx", {
      mapping: JSON.stringify(preview.body.suggestedMapping),
    });
    expect(imported.body).toMatchObject({ created: 2, rejected: [] });
    const h2 = ((await app.call("/api/v1/accounts?q=H-2", { token })).body as Json).items[0];
    expect(h2).toMatchObject({ name: "東海精機株式会社", employees: 320, lifecyclePhase: "adoption" });
  });

  it("refuses unreadable files and bad mappings with the error shape", async () => {
    const garbage = await upload(
      "/api/v1/imports/accounts",
      new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x41])]),
      "x.csv",
    );
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.message).toMatch(/UTF-8/);
    const xls = await upload("/api/v1/imports/accounts", new Blob(["x"]), "old.xls");
    expect(xls.body.error.message).toMatch(/\.xlsx/);
    const badMap = await upload("/api/v1/imports/accounts", new Blob(["a,b\n1,2\n"]), "x.csv", {
      mapping: "{",
    });
    expect(badMap.status).toBe(400);
    const twice = await upload("/api/v1/imports/accounts", new Blob(["a,b\n1,2\n"]), "x.csv", {
      mapping: JSON.stringify({ a: "name", b: "name" }),
    });
    expect(twice.body.error.message).toMatch(/Two columns are mapped to "name"/);
    const kind = await upload("/api/v1/imports/widgets", new Blob(["a\n1\n"]), "x.csv");
    expect(kind.status).toBe(400);
  });
});
