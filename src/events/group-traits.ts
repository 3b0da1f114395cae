import { and, asc, eq } from "drizzle-orm";
import { accountInput } from "../accounts/account-fields.ts";
import { createAccount, updateAccount } from "../accounts/accounts.ts";
import type { Queryable } from "../platform/db/client.ts";
import { accounts } from "../platform/db/schema.ts";
import { AppError } from "../platform/http/errors.ts";
import type { Workspace } from "../workspaces/workspaces.ts";
import type { UsageMessage } from "./segment-message.ts";

const traitFields = ["name", "industry", "employees", "plan"] as const;

/** The account fields a group call's traits carry (name, industry, employees, plan), those that are valid. */
function fieldsOf(traits: Record<string, unknown>) {
  const fields: Partial<Record<(typeof traitFields)[number], unknown>> = {};
  for (const f of traitFields) {
    const value = f === "employees" && typeof traits[f] === "string" ? Number(traits[f]) : traits[f];
    if (value === undefined || value === null) continue;
    if (accountInput.shape[f].safeParse(value).success) fields[f] = value;
  }
  return fields;
}

/**
 * Lets `group` calls create the account of an unknown group (external id = group id) and, with
 * `create_update`, bring a known account's name, industry, employees and plan up to date, as the
 * workspace setting `events.groupTraits` says. Returns why a call could not, per group id.
 */
export async function applyGroupTraits(
  tx: Queryable,
  workspace: Workspace,
  calls: readonly UsageMessage[],
): Promise<{ groupId: string; reason: string }[]> {
  const mode = workspace.settings["events.groupTraits"];
  if (mode === "ignore") return [];
  const problems: { groupId: string; reason: string }[] = [];
  for (const call of calls) {
    const groupId = call.groupId!;
    const fields = fieldsOf(call.traits);
    const [existing] = await tx
      .select({
        id: accounts.id,
        name: accounts.name,
        industry: accounts.industry,
        employees: accounts.employees,
        plan: accounts.plan,
      })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, workspace.id), eq(accounts.groupId, groupId)))
      .orderBy(asc(accounts.createdAt))
      .limit(1);
    try {
      if (!existing) {
        if (groupId.length > 200)
          throw new AppError("validation_failed", "the group id is longer than 200 characters");
        await createAccount(tx, workspace, {
          ...fields,
          externalId: groupId,
          groupId,
          name: typeof fields.name === "string" ? fields.name : groupId,
        } as Parameters<typeof createAccount>[2]);
      } else if (mode === "create_update") {
        const patch = Object.fromEntries(
          Object.entries(fields).filter(([k, v]) => existing[k as keyof typeof existing] !== v),
        );
        if (Object.keys(patch).length > 0) await updateAccount(tx, workspace, existing.id, patch);
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problems.push({
        groupId,
        reason: `group ${groupId}: the account was not ${existing ? "updated" : "created"}: ${err.message}`,
      });
    }
  }
  return problems;
}
