import { z } from 'zod';
import { EvidenceRefSchema } from './evidence-ref.js';

/** One thing an Observer noticed, with the evidence it rests on. */
export const ObservationSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  evidence_refs: z.array(EvidenceRefSchema),
});

/** Perceive's output: what the lane sensed in the workspace. */
export const PerceptionSnapshotSchema = z.object({
  lane_id: z.string(),
  /** The search queries the Observers ran. */
  queries: z.array(z.string()),
  /** How many files the Observers could see. */
  files_scanned: z.number().int().min(0),
  observations: z.array(ObservationSchema),
});

export const CYNEFIN_DOMAINS = ['clear', 'complicated', 'complex', 'chaotic', 'confused'] as const;
export const CynefinDomainSchema = z.enum(CYNEFIN_DOMAINS);

/** An earlier receipt that resembles this situation (case-based reasoning). */
export const SimilarCaseSchema = z.object({
  mission_id: z.string(),
  seq: z.number().int().min(0),
  summary: z.string(),
  score: z.number(),
});

/** React's output: sense-making, similar cases and a plan. */
export const ReactReceiptSchema = z.object({
  lane_id: z.string(),
  cynefin_domain: CynefinDomainSchema,
  /** Why this domain. */
  rationale: z.string(),
  similar_cases: z.array(SimilarCaseSchema),
  plan: z.array(z.string()).min(1),
  tool_selections: z.array(z.string()),
});

export const ArtifactSchema = z.object({
  name: z.string().min(1),
  /** `analysis`, `diff`, `report`, … */
  kind: z.string().min(1),
  content: z.string(),
});

export const MetricSchema = z.object({ name: z.string(), value: z.number(), unit: z.string().optional() });

/** Something the safety envelope or the execution policy refused, with the capability it asked for. */
export const RefusalSchema = z.object({
  /** What was asked for: a path, a command name, a tool. */
  target: z.string(),
  /** The capability denied, as it goes into `blocked_capabilities[]` (`workspace_write:../x`, `command:curl`, `tool:run_command`). */
  capability: z.string(),
  reason: z.string(),
});

/** One file of a proposed patch. */
export const ProposedFileSchema = z.object({
  /** Workspace-relative path. */
  path: z.string(),
  /** sha256 of the file's bytes when the patch was made; null for a new file. */
  before_sha256: z.string().nullable(),
  /** sha256 of the bytes the patch writes. */
  after_sha256: z.string(),
  /** Added plus removed lines. */
  changed_lines: z.number().int().min(0),
});

/** What Engage proposed: a unified diff, split into chunks of at most `safety.chunk_size_max` changed lines. */
export const ProposalSchema = z.object({
  /** The whole unified diff (what `patch.diff` holds). */
  patch: z.string(),
  files: z.array(ProposedFileSchema),
  /** How many chunk receipts the patch was split into. */
  chunks: z.number().int().min(0),
  changed_lines: z.number().int().min(0),
  /** Edits and tool calls the envelope refused. */
  refused: z.array(RefusalSchema),
});

/** Engage's output: what the Shapers produced inside the safety envelope. */
export const WorkPackageSchema = z.object({
  lane_id: z.string(),
  artifacts: z.array(ArtifactSchema),
  diffs: z.array(z.string()),
  metrics: z.array(MetricSchema),
  /** How to undo what this package did (nothing to undo for analysis-only work). */
  revert_plan: z.string(),
  /** Workspace paths written (empty for analysis-only work). */
  writes: z.array(z.string()),
  /** The patch Engage proposes (absent when it proposed none); written only by `--apply`, after Verify. */
  proposal: ProposalSchema.optional(),
});

/**
 * A claim's structured form. When present, the support check requires subject and object to occur
 * in the evidence, and two claims with the same subject and predicate but different objects are a
 * cross-lane contradiction.
 */
export const ClaimStatementSchema = z
  .object({
    subject: z.string().min(1).describe('what the claim is about, e.g. "`startServer`"'),
    predicate: z.string().min(1).describe('the relation, e.g. "listens on port"'),
    object: z.string().min(1).describe('what is asserted of the subject, e.g. "8080"'),
  })
  .strict();

/** A statement a lane asserts, with the evidence that must support it. */
export const ClaimSchema = z.object({
  id: z.string().min(1),
  lane_id: z.string(),
  text: z.string().min(1),
  evidence_refs: z.array(EvidenceRefSchema),
  /** Ids of duplicate claims from other lanes merged into this one by Aggregate. */
  merged_from: z.array(z.string()).optional(),
  /**
   * Why citations of this claim could not be pinned to lines a tool returned to its lane (e.g.
   * `src/a.ts:10-12: no tool returned these lines to lane-1`). A claim with any is unsupported.
   */
  unpinned_citations: z.array(z.string()).optional(),
  /** The claim as subject–predicate–object, when its author gave one (support and contradiction checks use it). */
  statement: ClaimStatementSchema.optional(),
});

/** Yield's output: a review bundle digestible on its own. */
export const ReviewBundleSchema = z.object({
  lane_id: z.string(),
  attempt: z.number().int().min(1),
  summary: z.string(),
  claims: z.array(ClaimSchema),
  artifacts: z.array(ArtifactSchema),
});

/** Aggregate's output: the lanes' bundles joined with claims deduplicated. */
export const AggregateBundleSchema = z.object({
  bundles: z.array(ReviewBundleSchema),
  claims: z.array(ClaimSchema),
  duplicates_merged: z.number().int().min(0),
});

export type Observation = z.infer<typeof ObservationSchema>;
export type PerceptionSnapshot = z.infer<typeof PerceptionSnapshotSchema>;
export type CynefinDomain = z.infer<typeof CynefinDomainSchema>;
export type SimilarCase = z.infer<typeof SimilarCaseSchema>;
export type ReactReceipt = z.infer<typeof ReactReceiptSchema>;
export type Artifact = z.infer<typeof ArtifactSchema>;
export type WorkPackage = z.infer<typeof WorkPackageSchema>;
export type Refusal = z.infer<typeof RefusalSchema>;
export type ProposedFile = z.infer<typeof ProposedFileSchema>;
export type Proposal = z.infer<typeof ProposalSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type ClaimStatement = z.infer<typeof ClaimStatementSchema>;
export type ReviewBundle = z.infer<typeof ReviewBundleSchema>;
export type AggregateBundle = z.infer<typeof AggregateBundleSchema>;
