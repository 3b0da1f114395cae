import { z } from "@hono/zod-openapi";
import { touchModelPolicy } from "../touch-models/touch-model-policy.ts";
import { segmentRuleSet } from "./segment-rules.ts";

/** Response schemas of the segmentation and touch-model API (requests use the domain schemas). */
export const person = z.object({ id: z.string(), name: z.string(), email: z.string() });

const versionFields = {
  version: z.number().int().openapi({ description: "0 = the built-in default (nothing saved yet)" }),
  isDefault: z.boolean(),
  createdBy: person.nullable(),
  createdAt: z.string().nullable().openapi({ format: "date-time" }),
};

// The domain schemas are plain zod (they may be built before the OpenAPI extension loads), so they
// are used as they are, not renamed with .openapi().
export const segmentRuleSetSchema = segmentRuleSet;
export const touchModelPolicySchema = touchModelPolicy;

export const segmentRulesVersionSchema = z
  .object({ ...versionFields, definition: segmentRuleSetSchema })
  .openapi("SegmentRulesVersion");
export const touchModelPolicyVersionSchema = z
  .object({ ...versionFields, definition: touchModelPolicySchema })
  .openapi("TouchModelPolicyVersion");

const move = z.object({ from: z.string().nullable(), to: z.string().nullable(), count: z.number().int() });
const counts = z.record(z.string(), z.number().int());
const load = z.object({ segments: counts, touchModels: counts });

export const changeSummarySchema = z
  .object({
    total: z.number().int(),
    segmentChanges: z.number().int(),
    touchModelChanges: z.number().int(),
    segmentMoves: z
      .array(move)
      .openapi({ description: "from → to pairs with from ≠ to; from null = unclassified" }),
    touchModelMoves: z.array(move),
    segments: z.array(z.object({ segment: z.string(), before: z.number().int(), after: z.number().int() })),
    owners: z.array(
      z.object({
        ownerId: z.string().nullable(),
        ownerName: z.string().nullable(),
        before: load,
        after: load,
      }),
    ),
  })
  .openapi("ClassificationChangeSummary");

export const previewSchema = changeSummarySchema
  .extend({ warnings: z.array(z.string()) })
  .openapi("SegmentRulesPreview");

export const historyEntrySchema = z
  .object({
    id: z.string(),
    fromModel: z.string().nullable(),
    toModel: z.string(),
    source: z.enum(["rule", "override", "signal", "import"]),
    reason: z.string(),
    actor: person.nullable(),
    changedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("TouchModelChange");

export const classificationSchema = z
  .object({
    accountId: z.string(),
    segment: z.object({
      key: z.string(),
      label: z.object({ ja: z.string(), en: z.string() }).nullable(),
      rule: z.number().int().nullable().openapi({ description: "1-based; null = fallback" }),
      explanation: z.string().openapi({ example: "matched rule 2: plan = premium and employees ≥ 500" }),
      rulesVersion: z.number().int(),
    }),
    touchModel: z.object({
      effective: z.string().nullable(),
      source: z.enum(["rule", "signal", "override"]).nullable(),
      override: z.string().nullable(),
      explanation: z.string().openapi({ example: "segment small → tech touch (policy v3)" }),
      policyModel: z.string().openapi({ description: "What the policy alone gives the segment" }),
      policyVersion: z.number().int(),
    }),
    history: z.array(historyEntrySchema),
  })
  .openapi("AccountClassification");
