/**
 * The column names of the usual CRM exports (Salesforce accounts, HubSpot companies; English and
 * Japanese UIs) and the Embark column each one means.
 */
const known: Record<string, string[]> = {
  external_id: [
    "external_id",
    "account id",
    "account_id",
    "record id",
    "company id",
    "取引先 id",
    "取引先id",
    "レコードid",
    "レコード id",
  ],
  name: ["name", "account name", "company name", "company", "取引先名", "会社名", "企業名"],
  group_id: ["group_id", "group id", "workspace id", "tenant id"],
  industry: ["industry", "業種"],
  employees: ["employees", "number of employees", "no. of employees", "従業員数"],
  annual_revenue: ["annual_revenue", "annual revenue", "年間売上", "年間売上高", "売上高"],
  plan: ["plan", "contract plan", "契約プラン", "プラン"],
  contract_start: [
    "contract_start",
    "contract start date",
    "close date",
    "contract start",
    "契約開始日",
    "完了予定日",
  ],
  contract_value: ["contract_value", "amount", "contract value", "acv", "契約金額", "金額"],
  owner_email: [
    "owner_email",
    "account owner",
    "account owner email",
    "company owner",
    "hubspot owner",
    "owner",
    "取引先 所有者",
    "取引先所有者",
    "会社の所有者",
    "所有者",
    "担当者",
  ],
  touch_model: ["touch_model", "touch model", "タッチモデル"],
  lifecycle_phase: [
    "lifecycle_phase",
    "lifecycle stage",
    "lifecycle phase",
    "ライフサイクルステージ",
    "フェーズ",
  ],
  churned_at: ["churned_at", "churn date", "解約日"],
  churn_reason: ["churn_reason", "churn reason", "解約理由"],
};

const lookup = new Map<string, string>();
for (const [column, names] of Object.entries(known)) for (const n of names) lookup.set(normalize(n), column);

function normalize(header: string): string {
  return header
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, " ");
}

/** For each file column: the Embark column it means, or "custom" (kept as a custom attribute). */
export function suggestAccountMapping(columns: string[]): Record<string, string> {
  const used = new Set<string>();
  const mapping: Record<string, string> = {};
  for (const c of columns) {
    const target = lookup.get(normalize(c));
    if (target && !used.has(target)) {
      used.add(target);
      mapping[c] = target;
    } else mapping[c] = "custom";
  }
  return mapping;
}
