export interface CsmLoad {
  userId: string;
  name: string;
  email: string;
  accounts: number;
  byTouchModel: Record<string, number>;
  bySegment: Record<string, number>;
  /** Accounts this CSM owns that have no backup CSM (副担当). */
  withoutBackup: number;
  /** Accounts where this CSM is the backup. */
  backupFor: number;
}

export type TeamWarning =
  | {
      code: "high_touch_concentration";
      userId: string;
      name: string;
      highTouch: number;
      share: number;
      limit: number;
    }
  | { code: "no_backup"; userId: string; name: string; accounts: number }
  | { code: "unassigned_accounts"; accounts: number };

/**
 * The 属人化 check: one person carrying too large a share of the high-touch accounts, accounts
 * whose CSM has no backup, and accounts nobody owns.
 */
export function findTeamWarnings(
  csms: CsmLoad[],
  unassigned: number,
  highTouchShareLimit: number,
): TeamWarning[] {
  const warnings: TeamWarning[] = [];
  const highTouchTotal = csms.reduce((sum, c) => sum + (c.byTouchModel.high ?? 0), 0);
  for (const c of csms) {
    const highTouch = c.byTouchModel.high ?? 0;
    // With fewer than three high-touch accounts in all, a share says nothing.
    if (highTouchTotal >= 3 && highTouch / highTouchTotal > highTouchShareLimit)
      warnings.push({
        code: "high_touch_concentration",
        userId: c.userId,
        name: c.name,
        highTouch,
        share: highTouch / highTouchTotal,
        limit: highTouchShareLimit,
      });
  }
  for (const c of csms)
    if (c.withoutBackup > 0)
      warnings.push({ code: "no_backup", userId: c.userId, name: c.name, accounts: c.withoutBackup });
  if (unassigned > 0) warnings.push({ code: "unassigned_accounts", accounts: unassigned });
  return warnings;
}
