import { z } from 'zod';

/** The three built-in validators of the Verify gate. Other names refer to specialist agents of the SSOT. */
export const BUILT_IN_VALIDATORS = ['immunizer', 'disruptor', 'verifier_aux'] as const;

/** The validator that checks the intent's `criteria` (the success criteria from clarification). */
export const MISSION_CRITERIA_VALIDATOR = 'mission_criteria';

/** One lane's settings when lanes are listed one by one. */
export const LaneSpecSchema = z.object({
  /** Stable lane id; defaults to `lane-<n>` (1-based). */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, - and _')
    .optional(),
  /**
   * Model for this lane: `offline` (the built-in engine) or `<provider>:<model>`. Absent: chosen by
   * `models`, `SWARMLORD_MODEL_<ROLE>`, the SSOT agent's `model`, `--model`, `SWARMLORD_MODEL`.
   */
  model: z.string().min(1).optional(),
  /** A persona that shapes the lane's instructions (e.g. `security`, `performance`). */
  persona: z.string().optional(),
});

/** Per-million-token prices of one model, in US dollars. */
export const ModelPriceSchema = z.object({
  input_per_mtok: z.number().min(0),
  output_per_mtok: z.number().min(0),
  /** Price of prompt tokens served from the provider's cache (default: `input_per_mtok`). */
  cached_input_per_mtok: z.number().min(0).optional(),
});

/** Limits on what a mission may spend; when one is reached no more calls are dispatched. */
export const BudgetSchema = z.object({
  /** Most input + output tokens over every model call of the mission. */
  max_tokens: z.number().int().positive().optional(),
  /** Most US dollars over every priced model call of the mission. */
  max_cost_usd: z.number().positive().optional(),
});

/** One question the Swarmlord asked and the human's answer. */
export const ClarificationSchema = z.object({
  pass: z.number().int().min(1),
  /** What the question is about (`scope`, `success_criteria`, …): how the answer shapes the intent. */
  topic: z.string().min(1).optional(),
  question: z.string(),
  answer: z.string(),
});

/** Which workspace paths Perceive reads, from the scope answers of clarification. */
export const ScopeSchema = z.object({
  /** Globs of the paths to read (`src/**`, `*.ts`); empty: the whole workspace. */
  include: z.array(z.string().min(1)).default([]),
  /** Globs of the paths to leave out (`test/**`, `docs`), on top of the scan's built-in skips. */
  exclude: z.array(z.string().min(1)).default([]),
});

/** A success criterion the Verify gate checks (from clarification or written by hand). */
export const MissionCriterionSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, - and _'),
  text: z.string().trim().min(1, 'must not be empty'),
});

/** The intent this one revises (`swarmlord mission new --from`). */
export const IntentParentSchema = z.object({
  version: z.number().int().min(1),
  /** The parent intent file, relative to this intent file's directory. */
  path: z.string().min(1),
  /** sha256 of the parent file's bytes, so the record shows which text was revised. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
});

const QuorumSchema = z
  .object({
    /** Validators that vote in the Verify gate. */
    validators: z
      .array(z.string().min(1))
      .min(1)
      .default([...BUILT_IN_VALIDATORS]),
    /** How many validators must pass for the quorum to hold. */
    threshold: z.number().int().min(1).default(2),
  })
  .superRefine((quorum, context) => {
    if (quorum.threshold > quorum.validators.length) {
      context.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `must be ≤ the number of validators (${quorum.validators.length}), got ${quorum.threshold}`,
      });
    }
  });

const VerifySchema = z
  .object({
    /** Hallucination rate at or below which the gate passes. */
    hallucination_rate_target: z.number().min(0).max(1).default(0.1),
    /** Hallucination rate above which the gate fails; between the two the verdict is CAUTION. */
    hallucination_rate_fail: z.number().min(0).max(1).default(0.2),
    /** What happens on FAIL. */
    fail_over: z.enum(['rerun_prey_targeted', 'stop']).default('rerun_prey_targeted'),
    /** How many targeted re-runs at most before the digest is marked FAIL. */
    max_reruns: z.number().int().min(0).max(10).default(2),
  })
  .superRefine((verify, context) => {
    if (verify.hallucination_rate_fail < verify.hallucination_rate_target) {
      context.addIssue({
        code: 'custom',
        path: ['hallucination_rate_fail'],
        message: `must be ≥ hallucination_rate_target (${verify.hallucination_rate_target}), got ${verify.hallucination_rate_fail}`,
      });
    }
  });

/**
 * The mission intent: the single source of truth of one run, frozen after clarification.
 * Field names and defaults follow the template of seed 002.
 */
export const MissionIntentSchema = z.object({
  /** `mi_<date>_<suffix>`: letters, digits, `-`, `_`. */
  mission_id: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, - and _')
    .describe('Mission id, e.g. mi_2026-11-22_a1b2c3: letters, digits, - and _.'),
  /** When the intent was frozen (UTC ISO 8601). */
  created_at: z.iso.datetime({ offset: true }).describe('When the intent was frozen (ISO 8601, UTC).'),
  /** What the swarm must find out or do. */
  objective: z.string().trim().min(1, 'must not be empty').describe('What the swarm must find out or do.'),
  /** The directory the lanes perceive, relative to the intent file's working directory. */
  workspace: z
    .string()
    .min(1)
    .default('.')
    .describe('The directory the lanes perceive, relative to where the mission runs.'),
  /** A lane count, or a list of lanes with their model/persona. */
  lanes: z
    .union([z.number().int().min(1).max(256), z.array(LaneSpecSchema).min(1).max(256)])
    .default(2)
    .describe('How many PREY lanes run in parallel, or a list of lanes with their model and persona.'),
  /**
   * Most lane attempts of this mission in flight at once (embedded: the run loop; DBOS: the lane
   * queue's per-mission partition limit). Absent: every lane at once.
   */
  lane_concurrency: z
    .number()
    .int()
    .min(1)
    .max(256)
    .optional()
    .describe(
      'Most lane attempts of this mission running at once, on the embedded and the DBOS runtime (absent: all lanes at once).',
    ),
  /**
   * Model per role (`observer`, `bridger`, `shaper`, `assimilator`, `immunizer`, `disruptor`,
   * `verifier_aux`, `swarmlord`, or an SSOT agent name): `<provider>:<model>` or `offline`.
   */
  models: z
    .record(z.string().min(1), z.string().min(1))
    .default({})
    .describe('Model per role, e.g. { immunizer: "anthropic:claude-sonnet-4-5" }.'),
  /** Spending limits; reaching one ends the mission with a PARTIAL digest. */
  budget: BudgetSchema.prefault({}).describe('max_tokens and max_cost_usd over the whole mission.'),
  /** Price overrides per model spec (`openrouter:deepseek/deepseek-chat`), per million tokens. */
  prices: z
    .record(z.string().min(1), ModelPriceSchema)
    .default({})
    .describe('Per-model prices in USD per million tokens, overriding the built-in table.'),
  orchestrator: z.string().default('Swarmlord of Webs'),
  interface: z.object({ sole_human_interface: z.boolean().default(true) }).prefault({}),
  clarification_min_passes: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('Clarification passes required before the intent is frozen.'),
  /** The clarification passes that led to this intent. */
  clarifications: z.array(ClarificationSchema).default([]),
  /** Revision number of this mission's intent: 1, then one more per `mission new --from`. */
  version: z.number().int().min(1).default(1).describe('Revision of this intent (1 for the first).'),
  /** The intent this version revises; absent for version 1. */
  parent: IntentParentSchema.optional().describe('The intent file this version revises.'),
  /** Paths Perceive reads (scan and index); from the scope answers of clarification. */
  scope: ScopeSchema.prefault({}).describe('include / exclude globs of the workspace paths Perceive reads.'),
  /** Success criteria the `mission_criteria` validator checks; from clarification. */
  criteria: z
    .array(MissionCriterionSchema)
    .default([])
    .describe('Success criteria the mission_criteria validator checks.'),
  /** Return a best partial digest on timeout or interruption. */
  anytime_behavior: z
    .boolean()
    .default(true)
    .describe('Return a best partial digest on timeout or interruption.'),
  quorum: QuorumSchema.prefault({}).describe('Validators of the Verify gate and how many must pass.'),
  verify: VerifySchema.prefault({}).describe('Hallucination-rate bands and what happens on FAIL.'),
  timeouts: z
    .object({
      prey_cycle_soft_minutes: z.number().positive().default(5),
      mission_soft_minutes: z.number().positive().default(30),
    })
    .prefault({}),
  telemetry: z
    .object({
      blackboard_path: z
        .string()
        .min(1)
        .default('hfo_blackboard/obsidian_synapse_blackboard.jsonl')
        .describe('Append-only, hash-chained receipt log, relative to where the mission runs.'),
      emit_opentelemetry: z.boolean().default(true),
      otel_format: z.enum(['json', 'yaml']).default('json'),
    })
    .prefault({}),
  safety: z
    .object({
      /** Most changed lines (added + removed) per write chunk; larger patches are split into chunk receipts. */
      chunk_size_max: z.number().int().positive().default(200),
      /**
       * Globs of the workspace paths Engage may write (`src/**`); empty: the read scope (`scope`).
       * `.git`, `AGENTS.md` and paths outside the workspace are never writable.
       */
      write_scope: z.array(z.string().min(1)).default([]),
      placeholder_ban: z.boolean().default(true),
      revert_plan: z.boolean().default(true),
    })
    .prefault({}),
  tooling: z
    .object({
      posture: z.enum(['maximize', 'minimal']).default('maximize'),
      discovery_allowed: z.boolean().default(true),
      receipts_required: z.boolean().default(true),
    })
    .prefault({}),
  outputs: z
    .object({
      digest_shape: z
        .array(z.enum(['BLUF', 'matrix', 'diagram', 'notes']))
        .default(['BLUF', 'matrix', 'diagram', 'notes']),
      /** Where digests are written, relative to the working directory. */
      digest_dir: z.string().min(1).default('hfo_digests'),
    })
    .prefault({}),
});

/** A mission intent as written in YAML (defaults not yet applied). */
export type MissionIntentInput = z.input<typeof MissionIntentSchema>;
/** A validated mission intent with every default filled in. */
export type MissionIntent = z.output<typeof MissionIntentSchema>;
export type LaneSpec = z.output<typeof LaneSpecSchema>;
export type Clarification = z.output<typeof ClarificationSchema>;
export type ModelPrice = z.output<typeof ModelPriceSchema>;
export type Budget = z.output<typeof BudgetSchema>;
export type MissionScope = z.output<typeof ScopeSchema>;
export type MissionCriterion = z.output<typeof MissionCriterionSchema>;

/** A lane with its id resolved. */
export interface ResolvedLane {
  id: string;
  /** The intent's own choice for this lane, if it made one. */
  model?: string | undefined;
  persona?: string | undefined;
}

/** Expands `lanes` (a count or a list) into lanes with ids. */
export function resolveLanes(intent: Pick<MissionIntent, 'lanes'>): ResolvedLane[] {
  if (typeof intent.lanes === 'number') {
    return Array.from({ length: intent.lanes }, (_, index) => ({ id: `lane-${index + 1}` }));
  }
  return intent.lanes.map((lane, index) => ({
    id: lane.id ?? `lane-${index + 1}`,
    model: lane.model,
    persona: lane.persona,
  }));
}
