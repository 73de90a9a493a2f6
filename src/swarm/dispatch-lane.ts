import type { MissionIntent, ResolvedLane, ReviewBundle, RunEvent } from '../contracts/index.js';
import { PHASE_ROLES } from '../contracts/index.js';
import type { DurableJournal, StepId } from '../durable/index.js';
import type { EngageRuntime } from '../engage/index.js';
import type { ModelPort } from '../models/index.js';
import { withWorkspaceAnalysis } from '../models/index.js';
import type { RoleInstructions } from '../roles/index.js';
import { personaFor } from '../roles/index.js';
import type { ReadOnlyTool, WorkspaceIndex } from '../tools/index.js';
import { createJournaledModel } from './journaled-model.js';
import type { CaseSearch, LaneOutputs } from './lane-context.js';
import { createLaneFence } from './lane-fence.js';
import { createLaneSignals } from './lane-signals.js';
import { createMeteredModel } from './metered-model.js';
import type { ProvenanceLedger } from './provenance-ledger.js';
import { createProvenanceLedger } from './provenance-ledger.js';
import type { LaneAttemptResult } from './run-lane-attempt.js';
import { runLaneAttempt } from './run-lane-attempt.js';
import type { MeteredCall, UsageMeter } from './usage-meter.js';

/** The phase each role's calls belong to (their step ids name it). */
const PHASE_OF_ROLE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(PHASE_ROLES).map(([phase, role]) => [role, phase]),
);

/** What a posted model-call receipt's emit returns: the lane awaits it at its next phase, not here. */
const POSTED: Promise<void> = Promise.resolve();

/** What every lane of a mission shares. */
export interface MissionLaneSettings {
  intent: MissionIntent;
  /** Engage's runtime (policy, envelope, tools, proposals); absent: Engage is analysis-only. */
  engage?: EngageRuntime | undefined;
  lanes: readonly ResolvedLane[];
  index: WorkspaceIndex;
  tools: readonly ReadOnlyTool[];
  maxToolSteps: number;
  resolveModel: (lane: ResolvedLane, attempt: number, role: string) => ModelPort;
  instructions: RoleInstructions;
  findSimilarCases: CaseSearch;
  meter: UsageMeter;
  emit: (event: RunEvent) => Promise<void>;
  /** Consecutive events of a lane handed on together (the bus's `emitAll`, decision 0060). */
  emitAll?: ((events: readonly RunEvent[]) => Promise<void>[]) | undefined;
  now: () => Date;
  /** The mission's hard deadline (or Ctrl-C): aborts calls in flight. */
  signal: AbortSignal;
  /** The mission's soft cap (or Ctrl-C): no new phase starts. */
  stopSignal?: AbortSignal | undefined;
  /** Journals phases and model calls (absent: nothing is journaled, nothing resumes). */
  journal?: DurableJournal | undefined;
  /** Told when a journaled call's request changed on resume, so it ran again. */
  onDiverged?: ((step: StepId) => void) | undefined;
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
  /** Told the bundle once Yield produced it, before the lane's last receipts are durable (see `LaneContext`). */
  onYield?: ((bundle: ReviewBundle) => void) | undefined;
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
  // The lane's events in order; model-call receipts are posted, not awaited (decision 0023).
  const fence = createLaneFence(emit, settings.emitAll);
  const post = (event: RunEvent): Promise<void> => {
    fence.post(event);
    return POSTED;
  };
  const counter = { calls: 0 };
  const calls: MeteredCall[] = [];
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
      const { journal } = settings;
      const durable =
        journal === undefined
          ? chosen
          : createJournaledModel(chosen, {
              journal,
              stepOf: () => ({
                missionId: intent.mission_id,
                laneId: lane.id,
                attempt,
                phase: PHASE_OF_ROLE[role] ?? role,
                callIndex: counter.calls,
              }),
              ...(settings.onDiverged === undefined ? {} : { onDiverged: settings.onDiverged }),
              // Decision 0064: the entry is written under the lane's next call, durable before that step counts.
              hold: (written) => fence.hold(written),
            });
      model = createMeteredModel(durable, {
        missionId: intent.mission_id,
        scope: { lane_id: lane.id, attempt, role },
        meter,
        emit: post,
        now,
        counter,
        onCall: (call) => calls.push(call),
      });
      models.set(role, model);
    }
    return model;
  };
  const ledger = dispatch.resume?.ledger ?? createProvenanceLedger(lane.id);
  const signals = createLaneSignals(settings.signal, intent.timeouts.prey_cycle_soft_minutes * 60_000);
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
    onYield: dispatch.onYield,
    emit: fence.emit,
    fence,
    signal: signals.signal,
    yieldSignal: signals.yieldSignal,
    hardSignal: settings.signal,
    stopSignal: settings.stopSignal,
    engage: settings.engage,
    durable:
      settings.journal === undefined
        ? undefined
        : { journal: settings.journal, ledger, counter, calls, meter },
    now,
  }).finally(signals.dispose);
  return { ...result, ledger };
}
