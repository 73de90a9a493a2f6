import type {
  MissionIntent,
  PhaseOutputs,
  PreyPhase,
  ResolvedLane,
  RunEvent,
  SimilarCase,
} from '../contracts/index.js';
import type { ModelPort } from '../models/index.js';
import type { Persona, RoleInstructions } from '../roles/index.js';
import type { WorkspaceIndex } from '../tools/index.js';

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
  model: ModelPort;
  index: WorkspaceIndex;
  instructions: RoleInstructions;
  findSimilarCases: CaseSearch;
  /** Findings from a failed Verify that this re-run must address (empty on the first attempt). */
  feedback: string[];
  emit: (event: RunEvent) => Promise<void>;
  signal: AbortSignal;
  now: () => Date;
}

/** What a lane attempt produced, phase by phase (phases it did not reach are absent). */
export type LaneOutputs = { [P in PreyPhase]?: PhaseOutputs[P] };
