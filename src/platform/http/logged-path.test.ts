import { expect, it } from "vitest";
import { loggedPath } from "./app.ts";

it("keeps portal tokens out of request logs", () => {
  expect(loggedPath("/api/portal/DJHuQ9abc_-x/identify")).toBe("/api/portal/:token/identify");
  expect(loggedPath("/portal/DJHuQ9abc_-x")).toBe("/portal/:token");
  expect(loggedPath("/api/v1/accounts/portal")).toBe("/api/v1/accounts/portal");
});
