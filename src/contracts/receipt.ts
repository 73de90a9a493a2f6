import { z } from 'zod';
import { EvidenceRefSchema, Sha256Schema } from './evidence-ref.js';

/** The hash that the first receipt of a blackboard chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** A receipt before the blackboard numbers and chains it. */
export const ReceiptDraftSchema = z.object({
  mission_id: z.string().min(1),
  /** The lane that acted, or `swarmlord` for orchestrator steps. */
  lane_id: z.string().min(1),
  /** `perceive`, `react`, `engage`, `yield`, `aggregate`, `verify`, `digest`, `mission_start`, … */
  phase: z.string().min(1),
  /** The OBSIDIAN role that acted: observer, bridger, shaper, assimilator, immunizer, … */
  role: z.string().min(1),
  summary: z.string(),
  evidence_refs: z.array(EvidenceRefSchema).default([]),
  /** The safety limits in force for this step. */
  safety_envelope: z.record(z.string(), z.unknown()).default({}),
  /** Capabilities the step was denied (e.g. `workspace_write`, `network`). */
  blocked_capabilities: z.array(z.string()).default([]),
  /** UTC time with a `Z` suffix. */
  timestamp: z.iso.datetime(),
  chunk_id: z.object({ index: z.number().int().min(1), total: z.number().int().min(1) }).optional(),
  /** True when this step is part of a targeted re-run. */
  regen_flag: z.boolean().optional(),
  /** Attempt number of the lane (1 for the first run). */
  attempt: z.number().int().min(1).optional(),
  /** Phase-specific payload (a perception snapshot, a verify report, …). */
  data: z.unknown().optional(),
  /** OpenTelemetry trace id (32 hex) of the mission run, so a receipt joins its spans and digest. */
  trace_id: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
});

/** One blackboard line: a draft plus its position in the hash chain. */
export const ReceiptSchema = ReceiptDraftSchema.extend({
  /** 0-based position in the blackboard file, across missions. */
  seq: z.number().int().min(0),
  /** `hash` of the previous line, or 64 zeros for the first. */
  prev_hash: Sha256Schema,
  /** sha256 of the canonical JSON of this receipt without `hash`. */
  hash: Sha256Schema,
});

/**
 * A phase output kept beside the blackboard instead of inside its receipt (decision 0027): the
 * file `path` (relative to the blackboard's folder, `<blackboard file name>.outputs/<sha256>.json`)
 * holds `bytes` bytes whose sha256 is `sha256`. A receipt's `data.output_ref` carries it.
 */
export const OutputRefSchema = z.object({
  sha256: Sha256Schema,
  bytes: z.number().int().min(0),
  path: z.string().regex(/^[^/\\]+\.outputs\/[0-9a-f]{64}\.json$/),
});

export type OutputRef = z.infer<typeof OutputRefSchema>;
export type ReceiptDraft = z.input<typeof ReceiptDraftSchema>;
export type Receipt = z.output<typeof ReceiptSchema>;
