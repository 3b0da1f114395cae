import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";

type Json = Record<string, any>;

describeEachDatabase("hand-off edits and the segment", (kind) => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp(kind);
    token = (await app.workspaceWith("handoff-seg")).token;
  });
  afterAll(() => app?.close());

  it("re-segments an account when the hand-off changes its company size", async () => {
    const account = (
      await app.call("/api/v1/accounts", {
        method: "POST",
        token,
        body: { externalId: "S-1", name: "Small KK", employees: 10, plan: "light" },
      })
    ).body as Json;
    const before = account.segment;
    await app.call(`/api/v1/accounts/${account.id}/handoff`, {
      method: "PATCH",
      token,
      body: { employees: 5000 },
    });
    const after = (await app.call(`/api/v1/accounts/${account.id}`, { token })).body as Json;
    const explained = (await app.call(`/api/v1/accounts/${account.id}/classification`, { token }))
      .body as Json;
    expect(after.segment).toBe(explained.segment.key);
    expect(after.segment).not.toBe(before);
  });
});
