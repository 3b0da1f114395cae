// The team's load (属人化チェック): accounts per CSM by touch model and segment, with warnings.
import { queryOptions } from "@tanstack/react-query";
import { apiGet } from "../platform/api";

export type CsmLoad = {
  userId: string;
  name: string;
  email: string;
  accounts: number;
  byTouchModel: Record<string, number>;
  bySegment: Record<string, number>;
  withoutBackup: number;
  backupFor: number;
};

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

export type TeamLoad = {
  csms: CsmLoad[];
  unassigned: number;
  highTouchShareLimit: number;
  warnings: TeamWarning[];
};

export const teamLoadQuery = queryOptions({
  queryKey: ["team", "load"],
  queryFn: ({ signal }) => apiGet<TeamLoad>("/api/v1/team/load", signal),
});
