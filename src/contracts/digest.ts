import { z } from 'zod';
import { EvidenceRefSchema } from './evidence-ref.js';
import { VerdictSchema } from './verify-report.js';

export const DecisionMatrixSchema = z.object({
  columns: z.array(z.string()).min(1),
  rows: z.array(z.array(z.string())),
});

export const DigestNoteSchema = z.object({
  text: z.string(),
  evidence_refs: z.array(EvidenceRefSchema),
});

/** One step of the run, for the state-action diagram. */
export const RunStepSchema = z.object({
  lane_id: z.string(),
  attempt: z.number().int().min(1),
  phases: z.array(z.string()),
  /** Whether the lane was re-run because Verify failed it. */
  rerun: z.boolean(),
});

/** Tokens and cost of the mission's model calls. */
export const DigestUsageSchema = z.object({
  input_tokens: z.number().int().min(0),
  output_tokens: z.number().int().min(0),
  cached_input_tokens: z.number().int().min(0),
  /** US dollars over priced calls; `unpriced_calls` had no price and add nothing. */
  cost_usd: z.number().min(0),
  calls: z.number().int().min(0),
  unpriced_calls: z.number().int().min(0),
  /** Calls answered from the call cache (no request sent). */
  cached_calls: z.number().int().min(0),
  /** Per lane (and `swarmlord` for the orchestrator and Verify's judges). */
  by_lane: z.record(
    z.string(),
    z.object({
      input_tokens: z.number().int().min(0),
      output_tokens: z.number().int().min(0),
      cost_usd: z.number().min(0),
      calls: z.number().int().min(0),
    }),
  ),
});

/** What Engage did: proposed, applied, refused — or nothing (analysis only). */
export const DigestEngageSchema = z.object({
  /** `analysis-only`: no edit proposed; `proposed`: a patch, not written; `applied`: written by `--apply`; `apply-refused`: `--apply` given, nothing written. */
  mode: z.enum(['analysis-only', 'proposed', 'applied', 'apply-refused']),
  summary: z.string(),
  /** Files of the proposed patch. */
  files: z.array(z.object({ path: z.string(), changed_lines: z.number().int().min(0), lane_id: z.string() })),
  /** The unified diff (secrets redacted), also written as `patch.diff` beside the digest. */
  patch: z.string(),
  patch_path: z.string().optional(),
  /** Files `--apply` wrote. */
  written: z.array(z.string()),
  /** The revert plan `swarmlord mission revert` restores from (recorded before the first write). */
  revert_plan_path: z.string().optional(),
  /** What the envelope and the policy refused, with the capability and reason. */
  refused: z.array(
    z.object({ lane_id: z.string(), target: z.string(), capability: z.string(), reason: z.string() }),
  ),
});

/** The mission's output: a BLUF bundle. */
export const DigestSchema = z.object({
  mission_id: z.string(),
  objective: z.string(),
  created_at: z.iso.datetime(),
  verdict: VerdictSchema,
  hallucination_rate: z.number().min(0).max(1),
  /** 0–1: how far to trust the BLUF. */
  confidence: z.number().min(0).max(1),
  /** 3–5 decisive lines. */
  bluf: z.array(z.string()).min(3).max(5),
  decision_matrix: DecisionMatrixSchema,
  diagrams: z.array(z.object({ title: z.string(), mermaid: z.string() })).min(1),
  notes: z.array(DigestNoteSchema),
  /** e.g. `offline engine (deterministic, no model)`. Always says which engine produced the claims. */
  engine: z.string(),
  operating_mode: z.string(),
  safety_summary: z.string(),
  blockers: z.array(z.string()),
  /** True when the digest was cut short (timeout, interruption) and covers only what was verified. */
  partial: z.boolean(),
  /** Why the digest is partial (`budget.max_tokens reached (12,000 of 10,000)`, `interrupted by the user`, …). */
  partial_reason: z.string().optional(),
  /** What the model calls cost (absent on digests written before accounting existed). */
  usage: DigestUsageSchema.optional(),
  lanes: z.array(RunStepSchema),
  /** What Engage proposed and wrote (absent on digests written before Engage could propose). */
  engage: DigestEngageSchema.optional(),
  /** OpenTelemetry trace id (32 hex) of the run: its spans, receipts and trace file carry the same. */
  trace_id: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
});

export type DecisionMatrix = z.infer<typeof DecisionMatrixSchema>;
export type DigestNote = z.infer<typeof DigestNoteSchema>;
export type RunStep = z.infer<typeof RunStepSchema>;
export type Digest = z.infer<typeof DigestSchema>;
export type DigestEngage = z.infer<typeof DigestEngageSchema>;
export type DigestUsage = z.infer<typeof DigestUsageSchema>;
