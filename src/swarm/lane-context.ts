import type {
  MissionIntent,
  PhaseOutputs,
  PreyPhase,
  ResolvedLane,
  ReviewBundle,
  RunEvent,
  SimilarCase,
} from '../contracts/index.js';
import type { EngageRuntime } from '../engage/index.js';
import type { ModelPort } from '../models/index.js';
import type { Persona, RoleInstructions } from '../roles/index.js';
import type { ReadOnlyTool, WorkspaceIndex } from '../tools/index.js';
import type { LaneDurability } from './lane-durability.js';
import type { LaneFence } from './lane-fence.js';
import type { SoftLimitFlag } from './lane-signals.js';
import type { ProvenanceLedger } from './provenance-ledger.js';

/** Finds earlier receipts that resemble a situation (case-based reasoning). */
export type CaseSearch = (
  text: string,
  options: { limit: number; excludeMissionId: string },
) => SimilarCase[];

/** Everything one lane attempt needs; built by the orchestrator. */
export interface LaneContext {
  intent: MissionIntent;
  lane: ResolvedLane;
  persona: Persona;
  attempt: number;
  /** The lane's model for the Observers (labels `lane-start`); each phase asks `modelFor` its role's model. */
  model: ModelPort;
  /** The model of one role of this lane attempt, already metered against the mission budget. */
  modelFor: (role: string) => ModelPort;
  index: WorkspaceIndex;
  /** Read-only tools the Observers' model may call (used only by models that support tools). */
  tools: readonly ReadOnlyTool[];
  /** Most model turns of Perceive's tool loop. */
  maxToolSteps: number;
  instructions: RoleInstructions;
  findSimilarCases: CaseSearch;
  /** Findings from a failed Verify that this re-run must address (empty on the first attempt). */
  feedback: string[];
  /**
   * What tools returned to this lane: fresh per attempt, or the earlier attempt's on a re-run from
   * Yield (default: a new ledger).
   */
  ledger?: ProvenanceLedger | undefined;
  /**
   * A re-run from Yield: the earlier attempt's Perceive, React and Engage outputs (its evidence
   * resolved; only the claims' text failed). Pass the earlier attempt's `ledger` with it.
   */
  resume?: LaneOutputs | undefined;
  /** A narrower scope for a lane that keeps failing: at most this many claims. */
  maxClaims?: number | undefined;
  emit: (event: RunEvent) => Promise<void>;
  /**
   * Pipelines the lane's receipts under its next model call (decision 0023): phases post their
   * events and await the previous phase's before their own result counts. Absent: every emit is awaited.
   */
  fence?: LaneFence | undefined;
  /** Aborts the calls of Perceive, React and Engage: the mission's hard deadline or the lane's soft limit. */
  signal: AbortSignal;
  /**
   * The lane's soft limit: once aborted, React and Engage are skipped (or their call cut short) and
   * the lane yields what it has. Yield then runs under `hardSignal` alone.
   */
  yieldSignal?: SoftLimitFlag | undefined;
  /** The mission's hard deadline (or Ctrl-C): aborts any call in flight, Yield's included. */
  hardSignal?: AbortSignal | undefined;
  /** The mission's soft cap (or Ctrl-C): no phase starts once it is aborted. */
  stopSignal?: AbortSignal | undefined;
  /** Engage's workspace, execution policy, tools and proposal store (absent: Engage is analysis-only). */
  engage?: EngageRuntime | undefined;
  /** Journals each phase and restores journaled ones on resume (absent: nothing is journaled). */
  durable?: LaneDurability | undefined;
  /**
   * Told the lane's bundle once Yield produced it, before the lane's last receipts are durable
   * (the lane is finished only once they are): the round's deterministic work may start under
   * their fsync (decision 0060); nothing of it counts before the lane's result does.
   */
  onYield?: ((bundle: ReviewBundle) => void) | undefined;
  now: () => Date;
}

/** What a lane attempt produced, phase by phase (phases it did not reach are absent). */
export type LaneOutputs = { [P in PreyPhase]?: PhaseOutputs[P] };
