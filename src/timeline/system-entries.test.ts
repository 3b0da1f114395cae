import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { describeEachDatabase } from "../../test/support/test-database.ts";

type Json = Record<string, any>;

describeEachDatabase("changes on the account timeline", (kind) => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp(kind);
    token = (await app.workspaceWith("changes")).token;
  });
  afterAll(() => app?.close());

  it("records touch-model switches and lifecycle changes, but not the first classification", async () => {
    const account = (
      await app.call("/api/v1/accounts", {
        method: "POST",
        token,
        body: { externalId: "T-1", name: "Timeline KK", plan: "light" },
      })
    ).body as Json;
    const entries = async () =>
      (
        (await app.call(`/api/v1/accounts/${account.id}/timeline?kind=touch_model,lifecycle`, { token }))
          .body as Json
      ).items as Json[];
    expect(await entries()).toEqual([]);

    const override = await app.call(`/api/v1/accounts/${account.id}/touch-model`, {
      method: "PUT",
      token,
      body: { touchModel: "high", reason: "役員が導入を主導しているため" },
    });
    expect(override.status).toBe(200);
    await app.call(`/api/v1/accounts/${account.id}`, {
      method: "PATCH",
      token,
      body: { lifecyclePhase: "adoption" },
    });

    const [lifecycle, touch] = await entries();
    expect(lifecycle).toMatchObject({ kind: "lifecycle", data: { from: "onboarding", to: "adoption" } });
    expect(touch).toMatchObject({
      kind: "touch_model",
      body: "役員が導入を主導しているため",
      data: { to: "high", source: "override" },
    });
    expect(touch!.data.from).toBeTruthy();
  });
});
