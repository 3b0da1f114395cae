// Between an account (API) and the account form's values, and back to a create body or a patch.
import { toZonedDay } from "../platform/format";
import type { Account, AccountInput, LifecyclePhase, TouchModel } from "../platform/types";

export type AccountFormValues = {
  externalId: string;
  name: string;
  groupId: string;
  industry: string;
  employees: number | string;
  annualRevenue: number | string;
  plan: string;
  contractStart: string | null;
  contractValue: number | string;
  ownerId: string | null;
  backupOwnerId: string | null;
  touchModel: TouchModel | null;
  lifecyclePhase: LifecyclePhase;
  churnedAt: string | null;
  churnReason: string;
  custom: { key: string; value: string }[];
};

export function toFormValues(account: Account | null, timeZone: string): AccountFormValues {
  return {
    externalId: account?.externalId ?? "",
    name: account?.name ?? "",
    groupId: account?.groupId ?? "",
    industry: account?.industry ?? "",
    employees: account?.employees ?? "",
    annualRevenue: account?.annualRevenue ?? "",
    plan: account?.plan ?? "",
    contractStart: toZonedDay(account?.contractStart, timeZone),
    contractValue: account?.contractValue ?? "",
    ownerId: account?.ownerId ?? null,
    backupOwnerId: account?.backupOwnerId ?? null,
    touchModel: account?.touchModelOverride ?? null,
    lifecyclePhase: account?.lifecyclePhase ?? "onboarding",
    churnedAt: toZonedDay(account?.churnedAt, timeZone),
    churnReason: account?.churnReason ?? "",
    custom: Object.entries(account?.custom ?? {}).map(([key, value]) => ({ key, value })),
  };
}

const textOrNull = (v: string) => (v.trim() === "" ? null : v.trim());
const numberOrNull = (v: number | string) => {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const n = Number(v.replace(/[,\s¥￥]/g, ""));
  return v.trim() === "" || !Number.isFinite(n) ? null : n;
};

export function toAccountInput(values: AccountFormValues): AccountInput {
  const churned = values.lifecyclePhase === "churned";
  return {
    externalId: values.externalId.trim(),
    name: values.name.trim(),
    groupId: textOrNull(values.groupId),
    industry: textOrNull(values.industry),
    employees: numberOrNull(values.employees),
    annualRevenue: numberOrNull(values.annualRevenue),
    plan: textOrNull(values.plan),
    contractStart: values.contractStart || null,
    contractValue: numberOrNull(values.contractValue),
    ownerId: values.ownerId || null,
    backupOwnerId: values.backupOwnerId || null,
    touchModel: values.touchModel || null,
    lifecyclePhase: values.lifecyclePhase,
    churnedAt: churned ? values.churnedAt || null : null,
    churnReason: churned ? textOrNull(values.churnReason) : null,
    custom: Object.fromEntries(
      values.custom.filter((c) => c.key.trim() !== "").map((c) => [c.key.trim(), c.value]),
    ),
  };
}

/** A create body leaves out what is empty. */
export function toCreateBody(values: AccountFormValues): AccountInput {
  const input = toAccountInput(values);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null) continue;
    if (key === "custom" && Object.keys(value as object).length === 0) continue;
    body[key] = value;
  }
  return body as AccountInput;
}

/** A patch carries only the fields the user changed (null clears one). */
export function toPatchBody(before: AccountFormValues, after: AccountFormValues): Partial<AccountInput> {
  const a = toAccountInput(before);
  const b = toAccountInput(after);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(b) as (keyof AccountInput)[]) {
    if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) patch[key] = b[key];
  }
  return patch as Partial<AccountInput>;
}

/** Where an API error path lands in the form ("custom.region" → that row's value). */
export function formFieldFor(values: AccountFormValues) {
  return (apiPath: string): string | null => {
    if (apiPath.startsWith("custom.")) {
      const index = values.custom.findIndex((c) => c.key.trim() === apiPath.slice("custom.".length));
      return index >= 0 ? `custom.${index}.value` : null;
    }
    return apiPath in values ? apiPath : null;
  };
}
