import { expect, it, vi } from "vitest";
import { embarkCommand } from "../../test/support/embark-command.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";
import { kpiIds } from "./kpi-definitions.ts";

describeEachDatabase("embark kpi and embark import inquiries", (kind) => {
  vi.setConfig({ testTimeout: 420_000 });
  const cli = embarkCommand(kind);
  const { embark } = cli;
  const file = (name: string, lines: string[]) => cli.file(name, `${lines.join("\n")}\n`);

  it("imports inquiries, prints the KPIs as a table and as the contract's JSON, and refuses bad input", async () => {
    const accounts = file("accounts.csv", ["external_id,name,plan", "A1,アルファ,premium", "A2,ベータ,"]);
    const ok = (r: { code: number; stdout: string; stderr: string }) =>
      expect(r.code, r.stderr + r.stdout).toBe(0);
    ok(await embark("import", "accounts", accounts));
    const onboardings = file("onboardings.csv", [
      "account_external_id,started_at,completed_at",
      "A1,2026-01-05,2026-02-04",
      "A2,2026-02-01,",
    ]);
    ok(await embark("import", "onboardings", onboardings));
    const inquiries = file("inquiries.csv", [
      "external_id,account_external_id,opened_at,first_response_at,channel",
      "I1,A1,2026-01-10T09:00:00Z,2026-01-10T12:00:00Z,email",
      "I2,A2,2026-02-10T00:00:00Z,,chat",
      "I3,A2,2026-02-10T00:00:00Z,2026-02-09T00:00:00Z,chat",
    ]);
    const imported = await embark("import", "inquiries", inquiries);
    expect(imported.stdout).toContain("inquiries: 2 created, 0 updated, 0 unchanged, 1 rejected");
    expect(imported.stdout).toContain("line 4: first_response_at: is before opened_at");
    expect(imported.code).not.toBe(0);
    const badColumns = await embark(
      "import",
      "inquiries",
      file("bad.csv", ["account_external_id,opened_at,mood", "A1,2026-01-01,ok"]),
    );
    expect(badColumns.code).not.toBe(0);
    expect(badColumns.stderr.trim()).toMatch(/^embark: Unknown column "mood"/);
    expect(JSON.parse((await embark("stats", "--json")).stdout).inquiries).toBe(2);

    const q1 = ["--from", "2026-01-01", "--to", "2026-04-01", "--as-of", "2026-04-15T00:00:00Z"];
    const json = await embark("kpi", ...q1, "--json");
    ok(json);
    const body = JSON.parse(json.stdout);
    expect(body.period).toEqual({ from: "2026-01-01", to: "2026-04-01", timezone: "UTC" });
    expect(body.asOf).toBe("2026-04-15T00:00:00.000Z");
    expect(Object.keys(body.kpis)).toEqual([...kpiIds]);
    // C = A1 (completed in 30 d), A2 (running) → 1/2; inquiries: I1 answered in 3 h, I2 unanswered.
    expect(body.kpis.onboarding_completion_rate).toEqual({
      value: 0.5,
      numerator: 1,
      denominator: 2,
      interval: [0.0945, 0.9055],
      target: null,
      status: "no_target",
    });
    expect(body.kpis.avg_first_response_hours).toMatchObject({
      value: 3,
      n: 1,
      median: 3,
      p90: 3,
      unanswered: 1,
    });
    expect(body.kpis.nps).toMatchObject({ value: null, n: 0 });
    expect(body.breakdown).toBeUndefined();

    const table = await embark("kpi", ...q1);
    ok(table);
    expect(table.stdout).toContain(
      "KPIs 2026-01-01 to 2026-04-01 (exclusive, UTC), as of 2026-04-15T00:00:00.000Z",
    );
    expect(table.stdout).toMatch(/Onboarding completion rate\s+50\.0%\s+1\/2\s+9\.4%–90\.5%/);
    expect(table.stdout).toMatch(
      /Average first response time\s+3\.0 h\s+n=1, median 3\.0 h, p90 3\.0 h, 1 unanswered/,
    );
    expect(table.stdout).toMatch(/Average onboarding lead time\s+30\.0 d\s+n=1, median 30\.0 d/);
    expect(table.stdout).toMatch(/NPS\s+–\s+n=0/);

    // Filtered to accounts without a plan: A2 alone, running → 0/1.
    const noPlan = await embark(
      "kpi",
      ...q1,
      "--plan",
      "none",
      "--touch-model",
      "none,high,low,tech,community",
    );
    ok(noPlan);
    expect(noPlan.stdout).toContain(
      "Only accounts with touch model none or high or low or tech or community, plan none",
    );
    expect(noPlan.stdout).toMatch(/Onboarding completion rate\s+0\.0%\s+0\/1/);

    for (const args of [
      ["--from", "2026-02-30"],
      ["--from", "2026-03-01", "--to", "2026-02-01"],
      ["--by", "colour"],
    ]) {
      const bad = await embark("kpi", ...args);
      expect(bad.code, args.join(" ")).not.toBe(0);
      expect(bad.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(bad.stderr, args.join(" ")).toMatch(/^embark: /);
    }
  });
});
