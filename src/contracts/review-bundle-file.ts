import { z } from 'zod';
import { EvidenceRefSchema } from './evidence-ref.js';
import { ClaimStatementSchema, ReviewBundleSchema } from './phase-outputs.js';

/** The `format` tag of a review bundle file; bumped only on an incompatible change. */
export const REVIEW_BUNDLE_FORMAT = 'swarmlord.review-bundle/v1';

/** One claim as written in a bundle file (by swarmlord or by any other agent framework). */
export const BundleClaimSchema = z
  .object({
    id: z.string().min(1).describe('unique within its lane'),
    lane_id: z.string().min(1).default('external').describe('the agent or lane that asserts it'),
    text: z.string().min(1).describe('one checkable statement'),
    evidence_refs: z.array(EvidenceRefSchema).describe('machine-resolvable evidence the claim rests on'),
    statement: ClaimStatementSchema.optional(),
    merged_from: z.array(z.string()).optional().describe('ids of duplicates merged into this claim'),
    unpinned_citations: z
      .array(z.string())
      .optional()
      .describe('citations that could not be pinned to tool output; any makes the claim unsupported'),
  })
  .strict();

/** Who a lane is: agreement counts only between lanes that differ in model or persona. */
export const BundleLaneSchema = z
  .object({
    id: z.string().min(1),
    model: z.string().min(1).optional().describe('`<provider>:<model>` or `offline`'),
    persona: z.string().min(1).optional(),
  })
  .strict();

/**
 * A review bundle file: the claims to verify and, when written by a mission, the lanes' own bundles.
 * `swarmlord verify <file>` checks it against a workspace; each mission writes its aggregate as
 * `hfo_digests/<mission_id>/bundle.json` in this format.
 */
export const ReviewBundleFileSchema = z
  .object({
    format: z.literal(REVIEW_BUNDLE_FORMAT),
    mission_id: z.string().optional(),
    created_at: z.iso.datetime({ offset: true }).optional(),
    /** The workspace the refs were taken from, as the writer saw it (informational). */
    workspace: z.string().optional(),
    /** The git commit of the workspace when the bundle was written. */
    commit: z.string().optional(),
    lanes: z.array(BundleLaneSchema).optional(),
    claims: z.array(BundleClaimSchema).describe('the final claims, one per assertion'),
    /** Each lane's own review bundle (so merged duplicates can be counted per lane). */
    bundles: z.array(ReviewBundleSchema).optional(),
    duplicates_merged: z.number().int().min(0).optional(),
  })
  .strict();

export type BundleClaim = z.infer<typeof BundleClaimSchema>;
export type BundleLane = z.infer<typeof BundleLaneSchema>;
export type ReviewBundleFile = z.infer<typeof ReviewBundleFileSchema>;
/** A bundle file as written (defaults not applied). */
export type ReviewBundleFileInput = z.input<typeof ReviewBundleFileSchema>;
