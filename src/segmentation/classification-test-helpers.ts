import type { TestApp } from "../../test/support/test-app.ts";
import { createApiToken } from "../platform/auth/api-tokens.ts";
import type { Role } from "../platform/db/schema.ts";
import { addStaffUser } from "../staff/staff-users.ts";
import type { Workspace } from "../workspaces/workspaces.ts";

/** Test support: a signed-in staff member of the workspace with the role, as an API token. */
let made = 0;

export async function tokenFor(app: TestApp, workspace: Workspace, role: Role, name: string) {
  const db = app.services.database.db;
  const user = await addStaffUser(db, workspace.id, {
    email: `${role}-${++made}@${workspace.slug}.example`,
    name,
    role,
    password: "a-long-test-password",
  });
  const { token } = await createApiToken(db, {
    workspaceId: workspace.id,
    name: role,
    userId: user.userId,
    role,
  });
  return { token, userId: user.userId };
}
