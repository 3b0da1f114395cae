import { describe, expect, it } from "vitest";
import { chooseOwner, generateDemoAccount, generateDemoAccounts, listDemoStaff } from "./demo-data.ts";

const now = new Date("2026-05-15T03:00:00Z");
const yearBefore = now.getTime() - 366 * 86_400_000;

describe("demo data", () => {
  const many = generateDemoAccounts({ count: 20_000, seed: 7, now });

  it("is the same for the same seed and different for another", () => {
    const again = generateDemoAccounts({ count: 50, seed: 7, now });
    expect(again).toEqual(many.slice(0, 50));
    const other = generateDemoAccounts({ count: 50, seed: 8, now });
    expect(other.map((a) => a.name)).not.toEqual(again.map((a) => a.name));
  });

  it("generates any account alone exactly as within the whole run", () => {
    expect(generateDemoAccount(7, 12_345, now)).toEqual(many[12_344]);
    expect(generateDemoAccounts({ count: 3, seed: 7, now, firstNumber: 101 })).toEqual(many.slice(100, 103));
  });

  it("gives unique external ids, group ids and contact e-mails across 20,000 accounts", () => {
    expect(new Set(many.map((a) => a.externalId)).size).toBe(many.length);
    expect(new Set(many.map((a) => a.groupId)).size).toBe(many.length);
    const emails = many.flatMap((a) => a.contacts.map((c) => c.email));
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((e) => /^[a-z0-9.]+@[a-z0-9-]+\.example$/.test(e))).toBe(true);
    expect(many[122]!.externalId).toBe("ACC-000123");
    expect(many[122]!.groupId).toBe("grp_000123");
  });

  it("keeps company names mostly unique", () => {
    expect(new Set(many.map((a) => a.name)).size / many.length).toBeGreaterThan(0.9);
  });

  it("never dates anything after now, and churn always follows the contract start", () => {
    for (const a of many) {
      expect(a.contractStart.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(a.contractStart.getTime()).toBeGreaterThan(yearBefore);
      if (a.churnedAt) {
        expect(a.churnedAt.getTime()).toBeGreaterThan(a.contractStart.getTime());
        expect(a.churnedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      }
    }
  });

  it("churns about 6% of accounts, each with a Japanese reason", () => {
    const churned = many.filter((a) => a.lifecyclePhase === "churned");
    expect(churned.length / many.length).toBeGreaterThan(0.04);
    expect(churned.length / many.length).toBeLessThan(0.08);
    expect(
      churned.every((a) => a.churnedAt && /[\u3040-\u30ff\u4e00-\u9fff]/.test(a.churnReason ?? "")),
    ).toBe(true);
    expect(many.filter((a) => a.churnedAt !== null).length).toBe(churned.length);
  });

  it("keeps recent contracts in onboarding", () => {
    const recent = many.filter((a) => now.getTime() - a.contractStart.getTime() < 45 * 86_400_000);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((a) => a.lifecyclePhase === "onboarding")).toBe(true);
  });

  it("uses one language per company", () => {
    const english = many.filter((a) => a.language === "en");
    expect(english.length / many.length).toBeGreaterThan(0.15);
    expect(english.every((a) => /^[A-Za-z &]+$/.test(a.industry))).toBe(true);
    expect(english.every((a) => a.contacts.every((c) => /^[A-Za-z ]+$/.test(c.name)))).toBe(true);
    const japanese = many.filter((a) => a.language === "ja");
    expect(japanese.every((a) => /(株式会社|合同会社|有限会社)/.test(a.name))).toBe(true);
    expect(japanese.every((a) => !/^[A-Za-z &]+$/.test(a.industry))).toBe(true);
  });

  it("sells premium more often to large companies and prices contracts by plan", () => {
    const premiumShare = (list: typeof many) => list.filter((a) => a.plan === "premium").length / list.length;
    const large = many.filter((a) => a.employees >= 1_000);
    const small = many.filter((a) => a.employees < 50);
    expect(premiumShare(large)).toBeGreaterThan(premiumShare(small) * 3);
    const median = (plan: string) => {
      const values = many.filter((a) => a.plan === plan).map((a) => a.contractValue);
      return values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    };
    expect(median("premium")).toBeGreaterThan(median("middle"));
    expect(median("middle")).toBeGreaterThan(median("light"));
    expect(many.every((a) => a.employees >= 5 && a.employees <= 20_000)).toBe(true);
  });

  it("gives most accounts a champion, and every account one to four contacts", () => {
    expect(many.every((a) => a.contacts.length >= 1 && a.contacts.length <= 4)).toBe(true);
    const withChampion = many.filter((a) => a.contacts.some((c) => c.role === "champion"));
    expect(withChampion.length / many.length).toBeGreaterThan(0.8);
  });

  it("loads one CSM more than the others", () => {
    const owners = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const load = new Map<string, number>();
    for (const a of many) {
      const owner = chooseOwner(a, owners)!;
      load.set(owner, (load.get(owner) ?? 0) + 1);
    }
    const others = owners.slice(1).map((o) => load.get(o) ?? 0);
    expect(load.get("a")!).toBeGreaterThan(1.8 * Math.max(...others));
    expect(Math.min(...others)).toBeGreaterThan(0);
    expect(chooseOwner(many[0]!, [])).toBeNull();
  });

  it("names a manager and eight CSMs", () => {
    const staff = listDemoStaff();
    expect(staff.filter((s) => s.role === "csm")).toHaveLength(8);
    expect(staff.filter((s) => s.role === "manager")).toHaveLength(1);
    expect(staff.map((s) => s.email)).toContain("tanaka@demo.embark.example");
  });
});
