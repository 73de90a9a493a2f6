import type { EvidenceRef } from './evidence-ref.js';
import type { MissionIntent } from './mission-intent.js';
import type {
  AggregateBundle,
  PerceptionSnapshot,
  ReactReceipt,
  ReviewBundle,
  WorkPackage,
} from './phase-outputs.js';
import type { Verdict, VerifyReport } from './verify-report.js';

export const PREY_PHASES = ['perceive', 'react', 'engage', 'yield'] as const;
export type PreyPhase = (typeof PREY_PHASES)[number];

/** The OBSIDIAN role that runs each PREY phase. */
export const PHASE_ROLES: Record<PreyPhase, string> = {
  perceive: 'observer',
  react: 'bridger',
  engage: 'shaper',
  yield: 'assimilator',
};

/** What each phase outputs. */
export interface PhaseOutputs {
  perceive: PerceptionSnapshot;
  react: ReactReceipt;
  engage: WorkPackage;
  yield: ReviewBundle;
}

/** Tokens and cost summed over calls. */
export interface UsageTotals {
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  /** US dollars; calls of models without a price add 0 and are counted in `unpriced_calls`. */
  cost_usd: number;
  calls: number;
  unpriced_calls: number;
}

/** One model call finished (or failed). Lane fields are absent for the orchestrator's own calls. */
export interface ModelCallEnd {
  type: 'model-call-end';
  lane_id: string;
  attempt?: number;
  phase?: string;
  role: string;
  task: string;
  /** 1-based index of this call within its lane attempt (or the orchestrator's step). */
  call_index: number;
  provider: string;
  model: string;
  response_model?: string;
  response_id?: string;
  finish_reasons?: string[];
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  /** Undefined when the model has no price. */
  cost_usd?: number;
  /** `hit`: answered from the call cache, no request sent. */
  cache: 'hit' | 'miss' | 'off';
  duration_ms: number;
  error?: string;
}

/** One tool call a model made, with the evidence the tool returned. */
export interface ToolCallEnd {
  type: 'tool-call-end';
  lane_id: string;
  attempt: number;
  phase: string;
  role: string;
  tool: string;
  /** The arguments, as the model sent them (secrets redacted by the listeners). */
  input: unknown;
  /** Refs of the excerpts the tool returned (entered in the lane's provenance ledger). */
  evidence_refs: EvidenceRef[];
  summary: string;
  duration_ms: number;
  error?: string;
}

/** Something the safety envelope or the execution policy refused (a receipt with `blocked_capabilities`). */
export interface SafetyRefusal {
  type: 'safety-refusal';
  /** The lane that asked, or `swarmlord` for the orchestrator (an untrusted MCP server, `--apply` after a FAIL). */
  lane_id: string;
  attempt?: number;
  /** `engage`, `apply`, `mcp`, … */
  phase: string;
  role: string;
  target: string;
  /** What goes into `blocked_capabilities[]`, e.g. `workspace_write:.git/hooks/pre-commit`. */
  capability: string;
  reason: string;
}

/** One chunk of a patch (at most `safety.chunk_size_max` changed lines): proposed by Engage or written by `--apply`. */
export interface WriteChunk {
  type: 'write-chunk';
  lane_id: string;
  attempt?: number;
  stage: 'proposed' | 'applied';
  chunk_id: { index: number; total: number };
  files: string[];
  changed_lines: number;
  /** The chunk's unified diff. */
  diff: string;
}

/** The revert plan was made durable, before the first workspace write. */
export interface RevertPlanWrite {
  type: 'revert-plan-write';
  /** Where the plan (with the original bytes) is. */
  path: string;
  files: { path: string; existed: boolean; before_sha256: string | null; after_sha256: string }[];
}

/** `swarmlord mission revert` put files back as they were before `--apply`. */
export interface WorkspaceRestore {
  type: 'workspace-restore';
  plan_path: string;
  files: { path: string; action: 'restored' | 'deleted'; sha256: string | null }[];
}

/** A trusted MCP server listed a tool (offered to the roles the authority matrix names, if the trust policy allows it). */
export interface McpToolDiscovered {
  type: 'mcp-tool-discovered';
  server: string;
  tool: string;
  /** `mcp:<server>/<tool>`. */
  qualified_name: string;
  /** Whether the server's `tools` patterns let it be offered at all. */
  trusted: boolean;
  offered_to: string[];
}

interface EventBase {
  mission_id: string;
  /** UTC ISO time the event happened. */
  at: string;
}

/**
 * Typed run events, noun-then-verb. The core emits them; the blackboard writer, telemetry and the
 * progress display listen. Emitting awaits every listener, so a `phase-end` has been made durable
 * by the blackboard before the lane moves on.
 */
export type RunEvent =
  | (EventBase & {
      type: 'mission-start';
      intent: MissionIntent;
      lane_ids: string[];
      /** `mission resume`: this start continues the journaled run (the same run), it is not a new one. */
      resume?: true;
    })
  | (EventBase & { type: 'lane-start'; lane_id: string; attempt: number; model: string })
  | (EventBase & { type: 'phase-start'; lane_id: string; attempt: number; phase: PreyPhase; role: string })
  | {
      [P in PreyPhase]: EventBase & {
        type: 'phase-end';
        lane_id: string;
        attempt: number;
        phase: P;
        role: string;
        summary: string;
        evidence_refs: EvidenceRef[];
        output: PhaseOutputs[P];
        duration_ms: number;
      };
    }[PreyPhase]
  | (EventBase & {
      type: 'lane-end';
      lane_id: string;
      attempt: number;
      status: 'done' | 'failed';
      error?: string;
    })
  | (EventBase & ModelCallEnd)
  | (EventBase & ToolCallEnd)
  | (EventBase & { type: 'budget-exhausted'; reason: string; usage: UsageTotals })
  | (EventBase & { type: 'aggregate-end'; attempt: number; bundle: AggregateBundle })
  | (EventBase & { type: 'verify-start'; attempt: number })
  | (EventBase & { type: 'verify-end'; attempt: number; report: VerifyReport })
  | (EventBase & { type: 'rerun-start'; attempt: number; lane_ids: string[]; feedback: string[] })
  | (EventBase & { type: 'digest-write'; verdict: Verdict; markdown_path: string; json_path: string })
  | (EventBase & { type: 'mission-end'; verdict: Verdict; partial: boolean })
  | (EventBase & { type: 'mission-error'; error: string })
  | (EventBase & SafetyRefusal)
  | (EventBase & WriteChunk)
  | (EventBase & RevertPlanWrite)
  | (EventBase & WorkspaceRestore)
  | (EventBase & McpToolDiscovered);

export type RunEventType = RunEvent['type'];
export type RunEventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;

/** Something that reacts to run events. A listener that throws fails the step that emitted the event. */
export type RunEventListener = (event: RunEvent) => void | Promise<void>;
