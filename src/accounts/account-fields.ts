import { z } from "zod";

export const lifecyclePhases = ["onboarding", "adoption", "expansion", "churned"] as const;
export const touchModels = ["high", "low", "tech", "community"] as const;
export const contactRoles = ["decision_maker", "champion", "admin", "end_user"] as const;
export const literacyLevels = ["low", "medium", "high"] as const;

const aliases: Record<string, string> = {
  "high touch": "high",
  "high-touch": "high",
  high_touch: "high",
  ハイタッチ: "high",
  "low touch": "low",
  "low-touch": "low",
  low_touch: "low",
  ロータッチ: "low",
  "tech touch": "tech",
  "tech-touch": "tech",
  tech_touch: "tech",
  テックタッチ: "tech",
  "community touch": "community",
  community_touch: "community",
  コミュニティタッチ: "community",
  オンボーディング: "onboarding",
  導入期: "onboarding",
  アダプション: "adoption",
  定着期: "adoption",
  エクスパンション: "expansion",
  拡大期: "expansion",
  解約: "churned",
  "decision maker": "decision_maker",
  決裁者: "decision_maker",
  導入推進者: "champion",
  管理者: "admin",
  利用者: "end_user",
  "end user": "end_user",
};

/** Accepts the canonical value in any case, and the usual English and Japanese spellings. */
export function normalizeChoice(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const v = value.trim().toLowerCase();
  return aliases[v] ?? v;
}

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(normalizeChoice, z.enum(values, { error: `must be one of ${values.join(", ")}` }));

const text = (max = 500) => z.string().trim().min(1).max(max);
const amount = z.number().finite().min(0, "must not be negative");

/** An account as the API creates and edits it (camelCase; null clears a value). */
export const accountInput = z.object({
  externalId: text(200),
  name: text(300),
  groupId: text(200).nullish(),
  industry: text(200).nullish(),
  employees: z.number().int().min(0).max(100_000_000).nullish(),
  annualRevenue: amount.nullish(),
  plan: text(100).nullish(),
  contractStart: z.iso.datetime({ offset: true }).or(z.iso.date()).nullish(),
  contractValue: amount.nullish(),
  ownerId: z.string().min(1).nullish(),
  /** The backup CSM (副担当). */
  backupOwnerId: z.string().min(1).nullish(),
  touchModel: choice(touchModels).nullish(),
  lifecyclePhase: choice(lifecyclePhases).optional(),
  churnedAt: z.iso.datetime({ offset: true }).or(z.iso.date()).nullish(),
  churnReason: text(2000).nullish(),
  custom: z.record(z.string().min(1).max(100), z.string().max(2000)).optional(),
});
export type AccountInput = z.infer<typeof accountInput>;
export const accountPatch = accountInput.partial();
export type AccountPatch = z.infer<typeof accountPatch>;

export const contactInput = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: text(200).nullish(),
  role: choice(contactRoles).nullish(),
  literacy: choice(literacyLevels).nullish(),
  /** The language mail to the contact is written in; none: the workspace's mail language. */
  language: z.enum(["ja", "en"]).nullish(),
});
export type ContactInput = z.infer<typeof contactInput>;
export const contactPatch = contactInput.partial();
