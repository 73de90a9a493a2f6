import { resolve } from 'node:path';
import type { ResolvedLane, ReviewBundle, RunEvent, RunStep } from '../contracts/index.js';
import { resolveLanes } from '../contracts/index.js';
import type { ContextExcerpt } from '../models/index.js';
import { createOfflineEngine } from '../models/index.js';
import { defaultRoleInstructions } from '../roles/index.js';
import { createWorkspaceIndex, scanWorkspaceWithReport } from '../tools/index.js';
import type { DispatchedLane, LaneDispatch, MissionLaneSettings } from './dispatch-lane.js';
import { dispatchLane } from './dispatch-lane.js';
import type { LaneOutputs } from './lane-context.js';
import { createLaneLimit } from './lane-limit.js';
import { createProvenanceLedger } from './provenance-ledger.js';
import { createRunEventBus } from './run-event-bus.js';
import type { RunMissionOptions } from './run-mission.js';
import type { MeteredCall } from './usage-meter.js';
import { createUsageMeter } from './usage-meter.js';

/** One lane attempt as it travels to another process: JSON data only. */
export interface RemoteLaneRequest {
  laneId: string;
  attempt: number;
  feedback: string[];
  maxClaims?: number | undefined;
  /** A re-run from Yield: the earlier attempt's outputs and the excerpts its ledger held. */
  resume?: { outputs: LaneOutputs; excerpts: ContextExcerpt[] } | undefined;
}

/** What a lane attempt run elsewhere sends back: JSON data only. */
export interface RemoteLaneResult {
  bundle?: ReviewBundle | undefined;
  outputs: LaneOutputs;
  step: RunStep;
  failure?: string | undefined;
  /** Everything the attempt's ledger held (a later re-run from Yield pins against it). */
  excerpts: ContextExcerpt[];
  /** Every metered call of the attempt, for the mission's usage meter. */
  calls: MeteredCall[];
  /** Labels of the models used, and the lane's Observer model (`provider:model`). */
  engines: string[];
  laneModel?: string | undefined;
}

/**
 * The lane-executor port: runs one lane attempt somewhere else (a DBOS child workflow on a queue)
 * and answers with its result. The run loop stays the same; without an executor, lanes run here.
 */
export type LaneExecutor = (request: RemoteLaneRequest) => Promise<RemoteLaneResult>;

/** How the run loop dispatches lane attempts: `dispatchLane`'s shape. */
export type LaneDispatcher = (
  settings: MissionLaneSettings,
  lane: ResolvedLane,
  dispatch: LaneDispatch,
) => Promise<DispatchedLane>;

/**
 * The run loop's one dispatcher for a mission: with an executor each attempt goes out (DBOS: the
 * lane queue's per-mission partition enforces `lane_concurrency`); without one the attempt runs
 * here, at most `laneConcurrency` at once (absent: every lane at once).
 */
export function chooseLaneDispatcher(
  executor: LaneExecutor | undefined,
  laneConcurrency: number | undefined,
): LaneDispatcher {
  if (executor !== undefined) return remoteDispatcher(executor);
  const limit = createLaneLimit(laneConcurrency);
  return (settings, lane, dispatch) => limit(() => dispatchLane(settings, lane, dispatch));
}

/** `dispatchLane`'s shape, with the attempt run by `executor`. */
export function remoteDispatcher(executor: LaneExecutor): LaneDispatcher {
  return (settings, lane, dispatch) => dispatchRemoteLane(settings, lane, dispatch, executor);
}

/** The run loop's side: hands the attempt to the executor and folds its result into the mission. */
export async function dispatchRemoteLane(
  settings: MissionLaneSettings,
  lane: ResolvedLane,
  dispatch: LaneDispatch,
  executor: LaneExecutor,
): Promise<DispatchedLane> {
  const result = await executor({
    laneId: lane.id,
    attempt: dispatch.attempt,
    feedback: dispatch.feedback,
    maxClaims: dispatch.maxClaims,
    resume:
      dispatch.resume === undefined
        ? undefined
        : { outputs: dispatch.resume.outputs, excerpts: dispatch.resume.ledger.excerpts() },
  });
  for (const call of result.calls) settings.meter.add(call);
  for (const engine of result.engines) settings.engines.add(engine);
  if (result.laneModel !== undefined) settings.laneModels.set(lane.id, result.laneModel);
  const ledger = createProvenanceLedger(lane.id);
  ledger.enter(result.excerpts);
  return {
    ...(result.bundle === undefined ? {} : { bundle: result.bundle }),
    outputs: result.outputs,
    step: result.step,
    ...(result.failure === undefined ? {} : { failure: result.failure }),
    ledger,
  };
}

/**
 * The executor's side: one lane attempt of the mission in this process, on the same lane code as
 * the run loop (scan and index within the intent's scope, per-role models, journal, receipts
 * through `listeners`). Its calls are metered here against the budget and sent back to the
 * mission's meter; the mission's soft cap is the lane's own PREY-cycle limit here.
 */
export async function runRemoteLane(
  options: RunMissionOptions,
  request: RemoteLaneRequest,
): Promise<RemoteLaneResult> {
  const { intent } = options;
  const lanes = resolveLanes(intent);
  const lane = lanes.find((candidate) => candidate.id === request.laneId);
  if (lane === undefined) throw new Error(`mission ${intent.mission_id} has no lane ${request.laneId}`);
  const workspace = resolve(options.cwd, intent.workspace);
  const now = options.now ?? (() => new Date());
  const bus = createRunEventBus(options.listeners ?? []);
  const { files } = await scanWorkspaceWithReport(workspace, { scope: intent.scope, ...options.scanLimits });
  const index = createWorkspaceIndex(files);
  const offline = createOfflineEngine({ analysis: index.analysis });
  const tools =
    typeof options.tools === 'function'
      ? await options.tools({ workspace, files, index })
      : (options.tools ?? []);
  const meter = createUsageMeter(intent.budget);
  const calls: MeteredCall[] = [];
  const engines = new Set<string>();
  const laneModels = new Map<string, string>();
  const settings: MissionLaneSettings = {
    intent,
    engage: options.engage,
    lanes,
    index,
    tools,
    maxToolSteps: options.maxToolSteps ?? 8,
    resolveModel: options.resolveModel ?? (() => offline),
    instructions: options.instructions ?? defaultRoleInstructions,
    findSimilarCases: options.findSimilarCases ?? (() => []),
    meter: {
      ...meter,
      add(call) {
        calls.push(call);
        meter.add(call);
      },
    },
    emit: (event: RunEvent) => bus.emit(event),
    emitAll: (events: readonly RunEvent[]) => bus.emitAll(events),
    now,
    signal: options.signal ?? new AbortController().signal,
    journal: options.journal,
    engines,
    laneModels,
  };
  const resume = request.resume;
  const ledger = resume === undefined ? undefined : createProvenanceLedger(lane.id);
  ledger?.enter(resume?.excerpts ?? []);
  const result = await dispatchLane(settings, lane, {
    attempt: request.attempt,
    feedback: request.feedback,
    maxClaims: request.maxClaims,
    resume: resume === undefined || ledger === undefined ? undefined : { outputs: resume.outputs, ledger },
  });
  return {
    ...(result.bundle === undefined ? {} : { bundle: result.bundle }),
    outputs: result.outputs,
    step: result.step,
    ...(result.failure === undefined ? {} : { failure: result.failure }),
    excerpts: result.ledger.excerpts(),
    calls,
    engines: [...engines],
    laneModel: laneModels.get(lane.id),
  };
}
