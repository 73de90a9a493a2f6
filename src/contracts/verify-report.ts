import { z } from 'zod';

export const VERDICTS = ['PASS', 'CAUTION', 'FAIL'] as const;
export const VerdictSchema = z.enum(VERDICTS);

/**
 * How one evidence ref checked out. The first three are supported (`WHITESPACE_ONLY`: the same tokens
 * with different spacing; `RELOCATED`: the cited text moved, the new range is reported — stale but
 * true); `UNVERIFIABLE` cannot be re-checked here and is counted apart; the rest fail.
 */
export const REF_OUTCOMES = [
  'VERIFIED',
  'WHITESPACE_ONLY',
  'RELOCATED',
  'HASH_MISMATCH',
  'RANGE_OUT_OF_BOUNDS',
  'MISSING',
  'PATH_INVALID',
  'QUOTE_NOT_FOUND',
  'EMPTY_EVIDENCE',
  'UNVERIFIABLE',
] as const;
export const RefOutcomeSchema = z.enum(REF_OUTCOMES);

/** What a validator found wrong, tied to a claim and lane where it can be. */
export const FindingSchema = z.object({
  /** Stable code, e.g. `sha256-mismatch`, `canary-accepted`, `placeholder-text`. */
  code: z.string().min(1),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  claim_id: z.string().optional(),
  lane_id: z.string().optional(),
});

/** The outcome of one ref of a claim. */
export const RefCheckSchema = z.object({
  /** The ref in short form, e.g. `src/app.ts:10-14`. */
  ref: z.string(),
  outcome: RefOutcomeSchema,
  /** For `RELOCATED`: where the cited text is now. */
  relocated_lines: z.tuple([z.number().int().min(1), z.number().int().min(1)]).optional(),
  /** The commit the lines were resolved at, when the ref carried one and the workspace is a git repository. */
  commit: z.string().optional(),
});

/** One language-model judge's view of a claim. */
export const ClaimJudgementRecordSchema = z.object({
  /** The validator that asked (`immunizer`, …). */
  validator: z.string(),
  /** `<provider>:<model>` of the judge. */
  model: z.string(),
  support: z.enum(['supported', 'unsupported', 'contradicted', 'unclear']),
  reason: z.string(),
});

/** How one claim's evidence resolved and whether it supports the claim. */
export const ClaimGroundingSchema = z.object({
  claim_id: z.string(),
  lane_id: z.string(),
  /**
   * `grounded` (refs resolve and support the text), `ungrounded` (no evidence), `unresolved` (a ref
   * fails to resolve), `unsupported` (refs resolve but the text says what they do not, or the claim is
   * malformed or unpinned), `contradicted` (a judge found the evidence says otherwise), `unverifiable`
   * (the evidence cannot be re-checked here: counted apart, never as a hallucination).
   */
  status: z.enum(['grounded', 'ungrounded', 'unresolved', 'unsupported', 'contradicted', 'unverifiable']),
  problems: z.array(z.string()),
  /** Per ref, in the claim's order. */
  refs: z.array(RefCheckSchema).optional(),
  /** Tokens of the claim text (numbers, identifiers, paths, quotes) absent from its evidence. */
  missing_tokens: z.array(z.string()).optional(),
  /** Every lane that asserted this claim (own lane and merged duplicates), sorted. */
  lanes: z.array(z.string()).optional(),
  /** How many of `lanes` are independent voices (differ in model or persona, reached the evidence themselves). */
  independent_lanes: z.number().int().min(0).optional(),
  /** What language-model judges said, when any judged. */
  judgements: z.array(ClaimJudgementRecordSchema).optional(),
});

/** Per canary class: how many a validator was shown and how many it caught. */
export const CanaryCatchSchema = z.object({
  /** `resolver` for the deterministic checks, else the judging validator's name. */
  checker: z.string(),
  kind: z.string(),
  planted: z.number().int().min(0),
  caught: z.number().int().min(0),
});

/** One validator's vote. */
export const ValidatorReportSchema = z.object({
  validator: z.string(),
  passed: z.boolean(),
  findings: z.array(FindingSchema),
  /** Lanes this validator holds responsible for its failure. */
  failing_lanes: z.array(z.string()),
  summary: z.string(),
  /** `<provider>:<model>` of the language model that judged for this validator; absent: deterministic only. */
  judged_by: z.string().optional(),
  /** The disruptor's canaries, per class and checker. */
  canary_catch: z.array(CanaryCatchSchema).optional(),
});

/** Two claims that cannot both be true. */
export const ContradictionSchema = z.object({
  claim_ids: z.tuple([z.string(), z.string()]),
  lane_ids: z.tuple([z.string(), z.string()]),
  /** `negation` (one says the other is not so) or `object` (same subject and predicate, different object). */
  kind: z.enum(['negation', 'object']),
  message: z.string(),
});

/** Evidence text that reads like an instruction: quoted data, never a finding to act on. */
export const InstructionLikeEvidenceSchema = z.object({
  claim_id: z.string(),
  lane_id: z.string(),
  ref: z.string(),
  /** The text, shortened, exactly as it occurs in the evidence. */
  excerpt: z.string(),
});

/** The Verify gate's decision on one aggregate bundle. */
export const VerifyReportSchema = z.object({
  attempt: z.number().int().min(1),
  verdict: VerdictSchema,
  /** Bad ÷ checkable claims, over every lane's own claims (merging neither raises nor hides it). */
  hallucination_rate: z.number().min(0).max(1),
  /** 95 % Wilson score interval of the rate. */
  hallucination_rate_interval: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional(),
  claims_total: z.number().int().min(0),
  claims_grounded: z.number().int().min(0),
  /** Claims whose evidence cannot be re-checked here (not in the rate). */
  claims_unverifiable: z.number().int().min(0).optional(),
  /** The final claims first (the aggregate's order), then lane claims Aggregate merged into them. */
  grounding: z.array(ClaimGroundingSchema),
  validators: z.array(ValidatorReportSchema),
  quorum: z.object({ threshold: z.number().int(), passed: z.number().int(), held: z.boolean() }),
  /** Lanes to re-run on FAIL. */
  failing_lanes: z.array(z.string()),
  /** What was checked, in words a reader can trust (`quotes and cited tokens verified; …`). */
  checked: z.string().optional(),
  /** `<provider>:<model>` of every model that judged claims for support (empty: deterministic only). */
  judged_by: z.array(z.string()).optional(),
  /** How many distinct validators judged claims for support with a model. */
  support_judges: z.number().int().min(0).optional(),
  contradictions: z.array(ContradictionSchema).optional(),
  instruction_like_evidence: z.array(InstructionLikeEvidenceSchema).optional(),
});

export type Verdict = z.infer<typeof VerdictSchema>;
export type RefOutcome = z.infer<typeof RefOutcomeSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type RefCheck = z.infer<typeof RefCheckSchema>;
export type ClaimJudgementRecord = z.infer<typeof ClaimJudgementRecordSchema>;
export type ClaimGrounding = z.infer<typeof ClaimGroundingSchema>;
export type CanaryCatch = z.infer<typeof CanaryCatchSchema>;
export type ValidatorReport = z.infer<typeof ValidatorReportSchema>;
export type Contradiction = z.infer<typeof ContradictionSchema>;
export type InstructionLikeEvidence = z.infer<typeof InstructionLikeEvidenceSchema>;
export type VerifyReport = z.infer<typeof VerifyReportSchema>;
