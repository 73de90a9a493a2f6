import type { MissionIntent, ResolvedLane, RunEvent } from '../contracts/index.js';
import type { ModelPort } from '../models/index.js';
import { withWorkspaceAnalysis } from '../models/index.js';
import type { RoleInstructions } from '../roles/index.js';
import { personaFor } from '../roles/index.js';
import type { ReadOnlyTool, WorkspaceIndex } from '../tools/index.js';
import type { CaseSearch, LaneOutputs } from './lane-context.js';
import { createMeteredModel } from './metered-model.js';
import type { ProvenanceLedger } from './provenance-ledger.js';
import { createProvenanceLedger } from './provenance-ledger.js';
import type { LaneAttemptResult } from './run-lane-attempt.js';
import { runLaneAttempt } from './run-lane-attempt.js';
import type { UsageMeter } from './usage-meter.js';

/** What every lane of a mission shares. */
export interface MissionLaneSettings {
  intent: MissionIntent;
  lanes: readonly ResolvedLane[];
  index: WorkspaceIndex;
  tools: readonly ReadOnlyTool[];
  maxToolSteps: number;
  resolveModel: (lane: ResolvedLane, attempt: number, role: string) => ModelPort;
  instructions: RoleInstructions;
  findSimilarCases: CaseSearch;
  meter: UsageMeter;
  emit: (event: RunEvent) => Promise<void>;
  now: () => Date;
  signal: AbortSignal;
  /** Collects the label of every model used (for the digest's engine line). */
  engines: Set<string>;
  /** Collects each lane's model (`provider:model` of its Observers), for Verify's independence count. */
  laneModels: Map<string, string>;
}

/** What the run loop tells one lane attempt. */
export interface LaneDispatch {
  attempt: number;
  feedback: string[];
  /** Re-run from Yield: the earlier attempt's outputs and ledger. */
  resume?: { outputs: LaneOutputs; ledger: ProvenanceLedger } | undefined;
  maxClaims?: number | undefined;
}

/** A lane attempt's result with the ledger of what its tools returned (for a later re-run from Yield). */
export type DispatchedLane = LaneAttemptResult & { ledger: ProvenanceLedger };

/**
 * Runs one lane attempt: its per-role models (each metered against the mission budget, and a
 * plain offline engine given the workspace's parse), its ledger, its time limit.
 */
export async function dispatchLane(
  settings: MissionLaneSettings,
  lane: ResolvedLane,
  dispatch: LaneDispatch,
): Promise<DispatchedLane> {
  const { intent, meter, emit, now } = settings;
  const { attempt } = dispatch;
  const counter = { calls: 0 };
  const models = new Map<string, ModelPort>();
  const modelFor = (role: string): ModelPort => {
    let model = models.get(role);
    if (model === undefined) {
      const chosen = withWorkspaceAnalysis(
        settings.resolveModel(lane, attempt, role),
        settings.index.analysis,
      );
      settings.engines.add(chosen.label);
      if (role === 'observer') settings.laneModels.set(lane.id, `${chosen.provider}:${chosen.modelId}`);
      model = createMeteredModel(chosen, {
        missionId: intent.mission_id,
        scope: { lane_id: lane.id, attempt, role },
        meter,
        emit,
        now,
        counter,
      });
      models.set(role, model);
    }
    return model;
  };
  const ledger = dispatch.resume?.ledger ?? createProvenanceLedger(lane.id);
  const result = await runLaneAttempt({
    intent,
    lane,
    persona: personaFor(lane.persona, settings.lanes.indexOf(lane)),
    attempt,
    model: modelFor('observer'),
    modelFor,
    index: settings.index,
    tools: settings.tools,
    maxToolSteps: settings.maxToolSteps,
    instructions: settings.instructions,
    findSimilarCases: settings.findSimilarCases,
    feedback: dispatch.feedback,
    ledger,
    resume: dispatch.resume?.outputs,
    maxClaims: dispatch.maxClaims,
    emit,
    signal: AbortSignal.any([
      settings.signal,
      AbortSignal.timeout(intent.timeouts.prey_cycle_soft_minutes * 60_000),
    ]),
    now,
  });
  return { ...result, ledger };
}
