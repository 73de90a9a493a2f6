import { z } from 'zod';

export const VERDICTS = ['PASS', 'CAUTION', 'FAIL'] as const;
export const VerdictSchema = z.enum(VERDICTS);

/** What a validator found wrong, tied to a claim and lane where it can be. */
export const FindingSchema = z.object({
  /** Stable code, e.g. `sha256-mismatch`, `canary-accepted`, `placeholder-text`. */
  code: z.string().min(1),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  claim_id: z.string().optional(),
  lane_id: z.string().optional(),
});

/** How one claim's evidence resolved. */
export const ClaimGroundingSchema = z.object({
  claim_id: z.string(),
  lane_id: z.string(),
  /** `grounded`, `ungrounded` (no evidence) or `unresolved` (evidence failed to resolve or contradicts it). */
  status: z.enum(['grounded', 'ungrounded', 'unresolved']),
  problems: z.array(z.string()),
});

/** One validator's vote. */
export const ValidatorReportSchema = z.object({
  validator: z.string(),
  passed: z.boolean(),
  findings: z.array(FindingSchema),
  /** Lanes this validator holds responsible for its failure. */
  failing_lanes: z.array(z.string()),
  summary: z.string(),
});

/** The Verify gate's decision on one aggregate bundle. */
export const VerifyReportSchema = z.object({
  attempt: z.number().int().min(1),
  verdict: VerdictSchema,
  hallucination_rate: z.number().min(0).max(1),
  claims_total: z.number().int().min(0),
  claims_grounded: z.number().int().min(0),
  grounding: z.array(ClaimGroundingSchema),
  validators: z.array(ValidatorReportSchema),
  quorum: z.object({ threshold: z.number().int(), passed: z.number().int(), held: z.boolean() }),
  /** Lanes to re-run on FAIL. */
  failing_lanes: z.array(z.string()),
});

export type Verdict = z.infer<typeof VerdictSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type ClaimGrounding = z.infer<typeof ClaimGroundingSchema>;
export type ValidatorReport = z.infer<typeof ValidatorReportSchema>;
export type VerifyReport = z.infer<typeof VerifyReportSchema>;
