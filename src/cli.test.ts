import { expect, it, vi } from "vitest";
import { embarkCommand } from "../test/support/embark-command.ts";
import { describeEachDatabase } from "../test/support/test-database.ts";

describeEachDatabase("the embark command", (kind) => {
  vi.setConfig({ testTimeout: 180_000 });
  const cli = embarkCommand(kind);
  const { embark, file } = cli;

  it("migrates, and manages settings, users, tokens and the write key", async () => {
    expect((await embark("migrate")).stdout).toContain("migrations applied");
    expect((await embark("config", "set", "timezone", "Asia/Tokyo")).stdout.trim()).toBe(
      "timezone=Asia/Tokyo",
    );
    expect(
      (await embark("config", "set", "activation.events", "Tutorial Completed, First Data Imported")).code,
    ).toBe(0);
    expect((await embark("config", "get", "timezone")).stdout.trim()).toBe("Asia/Tokyo");
    const all = (await embark("config", "get")).stdout;
    expect(all).toContain("kpi.targetDays=60");
    expect(all).toContain("activation.events=Tutorial Completed,First Data Imported");

    const bad = await embark("config", "set", "timezone", "Mars/Base");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/^embark: .*timezone.*IANA/);
    expect((await embark("config", "set", "colour", "blue")).stderr).toMatch(/unknown setting "colour"/);

    const added = await embark("users", "add", "sato@cs.example", "--name", "佐藤", "--role", "manager");
    expect(added.stdout).toMatch(/added sato@cs.example as manager in workspace default; password: \S{12,}/);
    expect((await embark("users", "add", "x@cs.example", "--role", "boss")).code).not.toBe(0);
    expect((await embark("users", "add", "not-an-email")).stderr).toMatch(/^embark: .*email/i);

    expect((await embark("token", "create", "--name", "crm")).stdout.trim()).toMatch(/^emb_[\w-]{40,}$/);
    const key = (await embark("write-key")).stdout.trim();
    expect(key).toMatch(/^wk_/);
    expect((await embark("write-key")).stdout.trim()).toBe(key);
    const rotated = (await embark("write-key", "--rotate")).stdout.trim();
    expect(rotated).not.toBe(key);
    expect((await embark("--workspace", "nope", "stats")).stderr.trim()).toBe('embark: No workspace "nope"');
  });

  it("imports accounts and contacts with per-row errors, idempotently, and counts them", async () => {
    const accounts = file(
      "accounts.csv",
      "\uFEFFexternal_id,name,plan,employees\nA-1,株式会社さくら,premium,1200\nA-2,Bluefin Inc.,light,12\nA-3,Broken,light,lots\n",
    );
    const first = await embark("import", "accounts", accounts);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("accounts: 2 created, 0 updated, 0 unchanged, 1 rejected");
    expect(first.stdout).toContain('line 4: employees: "lots" is not a number');
    const again = await embark("import", "accounts", accounts);
    expect(again.stdout).toContain("accounts: 0 created, 0 updated, 2 unchanged, 1 rejected");

    const contacts = file(
      "contacts.csv",
      "account_external_id,email,name,role\nA-1,misaki@sakura.example,佐藤 美咲,champion\n",
    );
    const imported = await embark("import", "contacts", contacts);
    expect(imported.code).toBe(0);
    expect(imported.stdout.trim()).toBe("contacts: 1 created, 0 updated, 0 unchanged, 0 rejected");
    const unknown = await embark(
      "import",
      "contacts",
      file("c2.csv", "account_external_id,email,fax\nA-1,a@b.example,1\n"),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown column "fax"/);

    const history = file(
      "onboardings.csv",
      "account_external_id,started_at,target_date,completed_at\nA-1,2025-04-01,2025-05-31,2025-05-20\nA-9,2025-04-01,,\n",
    );
    const onboarded = await embark("import", "onboardings", history);
    expect(onboarded.code).toBe(1);
    expect(onboarded.stdout).toContain("onboardings: 1 created, 0 updated, 0 unchanged, 1 rejected");
    expect(onboarded.stdout).toContain('line 3: account_external_id: no account has external_id "A-9"');
    expect((await embark("import", "onboardings", history)).stdout).toContain(
      "onboardings: 0 created, 0 updated, 1 unchanged, 1 rejected",
    );

    expect((await embark("import", "widgets", accounts)).stderr).toMatch(/Unknown import kind "widgets"/);
    expect((await embark("import", "accounts", cli.path("missing.csv"))).stderr).toMatch(/Cannot read/);

    const stats = JSON.parse((await embark("stats", "--json")).stdout);
    expect(stats).toEqual({
      accounts: 2,
      contacts: 1,
      onboardings: 1,
      events: 0,
      surveyResponses: 0,
      inquiries: 0,
      seminarInvitations: 0,
    });
    expect((await embark("stats")).stdout).toMatch(/accounts\s+2/);
  });
});
