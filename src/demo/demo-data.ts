/**
 * Realistic, deterministic customer data for the demo workspace and for large test workspaces:
 * B2B SaaS customers of a Japanese Customer Success team. Pure: no I/O, no clock, no Math.random.
 * Account n depends only on (seed, n, now), so any slice of a large workspace can be generated alone.
 */
import {
  churnReasons,
  enFamilyNames,
  enGivenNames,
  enHeads,
  enLegalForms,
  enTails,
  type Industry,
  industries,
  jaFamilyNames,
  jaGivenNames,
  jaLegalForms,
  kanaStems,
  kanjiHeads,
  kanjiTails,
  type Literacy,
  leadSources,
  placeStems,
  regions,
  type Word,
} from "./demo-vocabulary.ts";
import {
  createRandom,
  happens,
  mixSeed,
  pickOne,
  pickWeighted,
  type Random,
  randomInt,
  randomNormal,
} from "./seeded-random.ts";

export type DemoLanguage = "ja" | "en";
export type DemoPlan = "premium" | "middle" | "light";
export type DemoLifecyclePhase = "onboarding" | "adoption" | "expansion" | "churned";
export type DemoContactRole = "decision_maker" | "champion" | "admin" | "end_user";

export interface DemoContact {
  email: string;
  name: string;
  role: DemoContactRole;
  literacy: Literacy;
  locale: DemoLanguage;
}

export interface DemoAccount {
  number: number;
  language: DemoLanguage;
  externalId: string;
  groupId: string;
  name: string;
  /** ASCII e-mail domain of the company; unique per account (it contains the account number). */
  domain: string;
  industry: string;
  employees: number;
  /** JPY per year. */
  annualRevenue: number;
  plan: DemoPlan;
  contractStart: Date;
  /** JPY per year. */
  contractValue: number;
  lifecyclePhase: DemoLifecyclePhase;
  churnedAt: Date | null;
  churnReason: string | null;
  custom: Record<string, string>;
  contacts: DemoContact[];
  /** A uniform draw in [0, 1) used to assign the account's CSM (see chooseOwner). */
  ownerRoll: number;
}

export interface DemoStaffMember {
  email: string;
  name: string;
  role: "manager" | "csm";
}

const DAY_MS = 86_400_000;
const TOKYO_OFFSET_MS = 9 * 3_600_000;
const SHARE_OF_ENGLISH_COMPANIES = 0.25;
const CHURN_PROBABILITY = 0.068; // of accounts at least 45 days old: about 6% of all

/** Generates accounts `firstNumber … firstNumber + count - 1`. */
export function generateDemoAccounts(options: {
  count: number;
  seed: number;
  now: Date;
  firstNumber?: number;
}): DemoAccount[] {
  const first = options.firstNumber ?? 1;
  return Array.from({ length: options.count }, (_, i) =>
    generateDemoAccount(options.seed, first + i, options.now),
  );
}

export function generateDemoAccount(seed: number, number: number, now: Date): DemoAccount {
  const random = createRandom(mixSeed(seed, number));
  const language: DemoLanguage = happens(random, SHARE_OF_ENGLISH_COMPANIES) ? "en" : "ja";
  const industry = pickWeighted(
    random,
    industries.map((i) => [i, i.weight] as const),
  );
  const company =
    language === "ja" ? composeJapaneseCompany(random, industry) : composeEnglishCompany(random, industry);
  const padded = padNumber(number);
  const domain = `${company.ascii}-${padded}.example`;
  const employees = drawEmployees(random);
  const plan = choosePlan(random, employees);
  const contract = drawContract(random, now, plan);
  return {
    number,
    language,
    externalId: `ACC-${padded}`,
    groupId: `grp_${padded}`,
    name: company.name,
    domain,
    industry: language === "ja" ? industry.ja : industry.en,
    employees,
    annualRevenue: estimateRevenue(random, employees, industry),
    plan,
    contractStart: contract.start,
    contractValue: priceContract(random, plan, employees),
    lifecyclePhase: contract.phase,
    churnedAt: contract.churnedAt,
    churnReason: contract.churnedAt ? pickWeighted(random, churnReasons) : null,
    custom: drawCustomAttributes(random, language),
    contacts: generateContacts(random, { language, domain, employees, industry }),
    ownerRoll: random(),
  };
}

/** `123` → `000123` (longer numbers keep all their digits). */
export function padNumber(number: number): string {
  return String(number).padStart(6, "0");
}

function composeJapaneseCompany(random: Random, industry: Industry): { name: string; ascii: string } {
  const stem = pickJapaneseStem(random);
  const [word, wordAscii] = pickOne(random, industry.jaWords);
  const form = pickWeighted(random, jaLegalForms);
  const core = `${stem[0]}${word}`;
  return {
    name: form.before ? `${form.text}${core}` : `${core}${form.text}`,
    ascii: `${stem[1]}-${wordAscii}`,
  };
}

function pickJapaneseStem(random: Random): Word {
  const kind = pickWeighted(random, [
    ["kanji", 72],
    ["place", 10],
    ["kana", 11],
    ["family", 7],
  ] as const);
  if (kind === "place") return pickOne(random, placeStems);
  if (kind === "kana") return pickOne(random, kanaStems);
  if (kind === "family") return pickOne(random, jaFamilyNames);
  const [head, headAscii] = pickOne(random, kanjiHeads);
  const [tail, tailAscii] = pickOne(random, kanjiTails);
  return [`${head}${tail}`, `${headAscii}${tailAscii}`];
}

function composeEnglishCompany(random: Random, industry: Industry): { name: string; ascii: string } {
  const stem = `${pickOne(random, enHeads)}${pickOne(random, enTails)}`;
  const word = pickOne(random, industry.enWords);
  const form = pickWeighted(random, enLegalForms);
  return {
    name: [stem, word, form].filter(Boolean).join(" "),
    ascii: `${stem}-${word}`.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
  };
}

/** Log-normal around a median of ~60 employees, within 5..20,000. */
function drawEmployees(random: Random): number {
  const value = Math.exp(Math.log(60) + 1.5 * randomNormal(random));
  return Math.round(Math.min(20_000, Math.max(5, value)));
}

/** Annual revenue in JPY: employees × the industry's revenue per head, with noise; rounded to ¥1M. */
function estimateRevenue(random: Random, employees: number, industry: Industry): number {
  const noise = Math.exp(0.35 * randomNormal(random));
  return Math.max(1, Math.round((employees * industry.revenuePerEmployee * noise) / 1_000_000)) * 1_000_000;
}

/** Larger companies buy the larger plans more often. */
function choosePlan(random: Random, employees: number): DemoPlan {
  const weights: readonly [number, number, number] =
    employees < 50
      ? [5, 30, 65]
      : employees < 300
        ? [20, 50, 30]
        : employees < 1_000
          ? [45, 45, 10]
          : [70, 27, 3];
  return pickWeighted(random, [
    ["premium", weights[0]],
    ["middle", weights[1]],
    ["light", weights[2]],
  ] as const);
}

const priceRange: Record<DemoPlan, readonly [min: number, max: number]> = {
  premium: [2_400_000, 12_000_000],
  middle: [960_000, 3_600_000],
  light: [180_000, 960_000],
};

/** Annual contract value in JPY within the plan's range, higher for more employees; rounded to ¥10,000. */
function priceContract(random: Random, plan: DemoPlan, employees: number): number {
  const [min, max] = priceRange[plan];
  const position = clamp((Math.log10(employees) - 0.7) / 3.6 + 0.15 * randomNormal(random), 0, 1);
  return Math.round((min * (max / min) ** position) / 10_000) * 10_000;
}

interface Contract {
  start: Date;
  phase: DemoLifecyclePhase;
  churnedAt: Date | null;
}

/** Contract start within the 12 months before `now` (a growing business: more recent ones), and the phase. */
function drawContract(random: Random, now: Date, plan: DemoPlan): Contract {
  const recentBias = happens(random, 0.5) ? 1 - Math.sqrt(random()) : random();
  const ageDays = Math.min(364, Math.floor(recentBias * 365));
  const start = new Date(startOfTokyoDay(now) - ageDays * DAY_MS);
  if (ageDays >= 45 && happens(random, CHURN_PROBABILITY)) {
    const churnedAt = new Date(start.getTime() + randomInt(random, 30, ageDays - 1) * DAY_MS);
    return { start, phase: "churned", churnedAt };
  }
  return { start, phase: choosePhase(random, ageDays, plan), churnedAt: null };
}

function choosePhase(random: Random, ageDays: number, plan: DemoPlan): DemoLifecyclePhase {
  if (ageDays < 90) return "onboarding";
  if (ageDays < 180) return happens(random, 0.25) ? "onboarding" : "adoption";
  return happens(random, plan === "premium" ? 0.55 : 0.35) ? "expansion" : "adoption";
}

/** Midnight in Asia/Tokyo (no daylight saving) of the day `now` falls on, as epoch milliseconds. */
function startOfTokyoDay(now: Date): number {
  return Math.floor((now.getTime() + TOKYO_OFFSET_MS) / DAY_MS) * DAY_MS - TOKYO_OFFSET_MS;
}

const BASE62 = [..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"];

/** Attributes a CRM export brings along: the region, the CRM's record id, where the lead came from. */
function drawCustomAttributes(random: Random, language: DemoLanguage): Record<string, string> {
  const custom: Record<string, string> = {};
  if (happens(random, language === "ja" ? 0.75 : 0.4)) custom.region = pickWeighted(random, regions);
  if (happens(random, 0.8))
    custom.crm_id = `001${Array.from({ length: 12 }, () => pickOne(random, BASE62)).join("")}`;
  if (happens(random, 0.5)) custom.lead_source = pickOne(random, leadSources);
  return custom;
}

interface ContactContext {
  language: DemoLanguage;
  domain: string;
  employees: number;
  industry: Industry;
}

/** 1–4 people (more at larger companies); the first is usually the champion, the second the decision maker. */
function generateContacts(random: Random, context: ContactContext): DemoContact[] {
  const sizeWeights =
    context.employees < 30 ? [5, 4, 1, 0] : context.employees < 300 ? [2, 4, 3, 1] : [1, 3, 4, 3];
  const count = pickWeighted(
    random,
    sizeWeights.map((w, i) => [i + 1, w] as const),
  );
  const emailPattern = randomInt(random, 0, 2);
  const used = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const role = chooseContactRole(random, index);
    const person = context.language === "ja" ? drawJapanesePerson(random) : drawEnglishPerson(random);
    const local = uniqueLocalPart(composeLocalPart(person, emailPattern), used);
    return {
      email: `${local}@${context.domain}`,
      name: person.name,
      role,
      literacy: chooseLiteracy(random, context.industry, role),
      locale: context.language,
    };
  });
}

function chooseContactRole(random: Random, index: number): DemoContactRole {
  if (index === 0)
    return happens(random, 0.88) ? "champion" : pickOne(random, ["admin", "end_user"] as const);
  if (index === 1) return happens(random, 0.75) ? "decision_maker" : "end_user";
  if (index === 2) return happens(random, 0.6) ? "admin" : "end_user";
  return "end_user";
}

function chooseLiteracy(random: Random, industry: Industry, role: DemoContactRole): Literacy {
  const [low, medium, high] = industry.literacy;
  const savvy = role === "champion" || role === "admin" ? 1.6 : 1;
  return pickWeighted(random, [
    ["low", low / savvy],
    ["medium", medium],
    ["high", high * savvy],
  ] as const);
}

interface Person {
  name: string;
  given: string;
  family: string;
}

function drawJapanesePerson(random: Random): Person {
  const [family, familyAscii] = pickOne(random, jaFamilyNames);
  const [given, givenAscii] = pickOne(random, jaGivenNames);
  return { name: `${family} ${given}`, given: givenAscii, family: familyAscii };
}

function drawEnglishPerson(random: Random): Person {
  const given = pickOne(random, enGivenNames);
  const family = pickOne(random, enFamilyNames);
  return { name: `${given} ${family}`, given: given.toLowerCase(), family: family.toLowerCase() };
}

/** The company's e-mail convention: misaki.sato, sato.misaki or m.sato. */
function composeLocalPart(person: Person, pattern: number): string {
  if (pattern === 0) return `${person.given}.${person.family}`;
  if (pattern === 1) return `${person.family}.${person.given}`;
  return `${person.given[0]}.${person.family}`;
}

function uniqueLocalPart(wanted: string, used: Set<string>): string {
  let local = wanted;
  for (let n = 2; used.has(local); n++) local = `${wanted}${n}`;
  used.add(local);
  return local;
}

/**
 * The CSM who owns an account: deliberately uneven — the first owner carries about twice the
 * load of the others and most of the premium (high-touch) accounts, so team-load views have
 * a concentration to show. Null when there is nobody to assign.
 */
export function chooseOwner(account: Pick<DemoAccount, "ownerRoll" | "plan">, ownerIds: readonly string[]) {
  if (ownerIds.length === 0) return null;
  const weights = ownerIds.map((_, i) =>
    i === 0 ? (account.plan === "premium" ? 4 : 2.2) : 1 - 0.06 * (i - 1),
  );
  const total = weights.reduce((sum, w) => sum + w, 0);
  let roll = account.ownerRoll * total;
  for (let i = 0; i < ownerIds.length; i++) {
    roll -= weights[i]!;
    if (roll < 0) return ownerIds[i]!;
  }
  return ownerIds[ownerIds.length - 1]!;
}

const csmNames: readonly Word[] = [
  ["田中 一郎", "tanaka"],
  ["高橋 美穂", "takahashi"],
  ["伊藤 健", "ito"],
  ["渡辺 さやか", "watanabe"],
  ["中村 翔", "nakamura"],
  ["小林 真理子", "kobayashi"],
  ["加藤 大樹", "kato"],
  ["吉田 彩花", "yoshida"],
];

/** The CS team: a manager (山本 恵子) and eight CSMs, with e-mails at `domain`. */
export function listDemoStaff(domain = "demo.embark.example"): DemoStaffMember[] {
  return [
    { email: `yamamoto@${domain}`, name: "山本 恵子", role: "manager" },
    ...csmNames.map(([name, ascii]) => ({ email: `${ascii}@${domain}`, name, role: "csm" as const })),
  ];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
