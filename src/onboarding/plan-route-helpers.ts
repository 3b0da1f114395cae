import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { reviewOnboarding } from "../follow-up/review-follow-ups.ts";
import type { Tx } from "../platform/db/client.ts";
import type { AppEnv, Caller, Services } from "../platform/http/context.ts";
import { scoped } from "../platform/http/openapi.ts";
import type { Actor } from "./onboarding-timeline.ts";
import { readPlan } from "./read-plan.ts";

export const staffActor = (caller: Caller): Actor => ({ kind: "staff", userId: caller.userId });

/**
 * Runs a change of one plan in the caller's workspace, reviews its follow-ups and returns the plan
 * as it is now.
 */
export function changePlan(
  services: Services,
  c: Context<AppEnv>,
  onboardingId: string,
  change: (tx: Tx, caller: Caller, actor: Actor) => Promise<unknown>,
) {
  return scoped(services, c, async (tx, caller) => {
    await change(tx, caller, staffActor(caller));
    await reviewOnboarding(tx, caller.workspace, onboardingId);
    return readPlan(tx, caller.workspace, onboardingId);
  });
}

export const param = (name: string) => z.string().openapi({ param: { name, in: "path" } });
export const planParams = z.object({ id: param("id") });
export const taskParams = z.object({ id: param("id"), taskId: param("taskId") });
export const meetingParams = z.object({ id: param("id"), meetingId: param("meetingId") });
export const criterionParams = z.object({ id: param("id"), criterionId: param("criterionId") });
