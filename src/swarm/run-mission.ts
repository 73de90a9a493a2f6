import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { redactSecrets } from '../blackboard/index.js';
import type {
  AggregateBundle,
  Digest,
  MissionIntent,
  ResolvedLane,
  ReviewBundle,
  RunEvent,
  RunEventListener,
  RunStep,
  VerifyReport,
} from '../contracts/index.js';
import { resolveLanes } from '../contracts/index.js';
import { buildDigest, writeReviewBundle, writeRunDigest } from '../digest/index.js';
import type { ModelPort } from '../models/index.js';
import { createOfflineEngine } from '../models/index.js';
import type { RoleInstructions } from '../roles/index.js';
import { defaultRoleInstructions, personaFor } from '../roles/index.js';
import type { ReadOnlyTool, ScanProgress, WorkspaceFile, WorkspaceIndex } from '../tools/index.js';
import { createWorkspaceIndex, scanWorkspaceWithReport } from '../tools/index.js';
import type { LaneProfile, RerunPlan, Validator } from '../verify/index.js';
import { planRerun, runVerify } from '../verify/index.js';
import { aggregateBundles } from './aggregate-bundles.js';
import type { DispatchedLane, MissionLaneSettings } from './dispatch-lane.js';
import { dispatchLane } from './dispatch-lane.js';
import type { CaseSearch } from './lane-context.js';
import { createMeteredModel } from './metered-model.js';
import { MissionError } from './mission-error.js';
import { createRunEventBus } from './run-event-bus.js';
import { createUsageMeter } from './usage-meter.js';

export interface RunMissionOptions {
  intent: MissionIntent;
  /** Base directory for the workspace, blackboard and digest paths of the intent. */
  cwd: string;
  /**
   * The model of one role of a lane attempt (default: the offline engine everywhere). Calls are
   * metered against `intent.budget` and recorded as `model-call-end` events by the run loop.
   */
  resolveModel?: (lane: ResolvedLane, attempt: number, role: string) => ModelPort;
  /** Read-only tools the Observers' models may call (default: none). */
  tools?: readonly ReadOnlyTool[] | ((workspace: WorkspaceSnapshot) => Promise<readonly ReadOnlyTool[]>);
  /** Most model turns of Perceive's tool loop (default 8). */
  maxToolSteps?: number;
  /** Validators that also judge with a language model (validator name → model); metered like lanes. */
  judges?: Readonly<Record<string, ModelPort>>;
  listeners?: readonly RunEventListener[];
  instructions?: RoleInstructions;
  findSimilarCases?: CaseSearch;
  /** Validators named in the intent that are not built in (specialists from the SSOT). */
  validators?: readonly Validator[];
  /** Abort for an anytime digest (Ctrl-C). */
  signal?: AbortSignal;
  /** Progress of the workspace scan ("scanning N files"), e.g. for the progress display. */
  onScanProgress?: (progress: ScanProgress) => void;
  now?: () => Date;
  /** The run's OpenTelemetry trace id (chosen by the caller's telemetry), recorded in the digest. */
  traceId?: string;
}

export interface MissionResult {
  digest: Digest;
  markdownPath: string;
  jsonPath: string;
  reports: VerifyReport[];
  aggregate: AggregateBundle;
}

const noCases: CaseSearch = () => [];

/** The lane id of the orchestrator's own steps (as the blackboard writes it). */
const SWARMLORD_LANE_ID = 'swarmlord';

function describeStop(reason: unknown): string {
  if (reason instanceof Error)
    return reason.name === 'TimeoutError' ? 'the mission soft cap was reached' : reason.message;
  return String(reason ?? 'stopped');
}

/** What the tools of a mission may read: the scanned files and their index. */
export interface WorkspaceSnapshot {
  /** Absolute workspace directory. */
  workspace: string;
  files: readonly WorkspaceFile[];
  index: WorkspaceIndex;
}

/**
 * The Swarmlord's run loop: dispatch the lanes in parallel, aggregate their yields, verify, re-run
 * only the failing lanes (bounded), and write the digest. On abort or the mission's soft cap it
 * stops dispatching and digests what was verified so far.
 */
export async function runMission(options: RunMissionOptions): Promise<MissionResult> {
  const { intent } = options;
  const now = options.now ?? (() => new Date());
  const at = () => now().toISOString();
  const workspace = resolve(options.cwd, intent.workspace);
  const info = await stat(workspace).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new MissionError(
      'WORKSPACE_NOT_FOUND',
      `workspace ${workspace} does not exist or is not a directory`,
    );
  }
  const bus = createRunEventBus(options.listeners ?? []);
  const emit = (event: RunEvent) => bus.emit(event);
  // The offline engine states facts of the parsed workspace: it is created once the index exists.
  const resolveModel = options.resolveModel ?? (() => offline);
  const lanes = resolveLanes(intent);
  const missionId = intent.mission_id;
  const signals = [AbortSignal.timeout(intent.timeouts.mission_soft_minutes * 60_000)];
  if (options.signal !== undefined) signals.push(options.signal);
  const missionSignal = AbortSignal.any(signals);
  const meter = createUsageMeter(intent.budget);

  await emit({
    type: 'mission-start',
    mission_id: missionId,
    at: at(),
    intent,
    lane_ids: lanes.map((lane) => lane.id),
  });
  const { files, report: coverage } = await scanWorkspaceWithReport(workspace, {
    signal: missionSignal,
    // The clarified scope: Perceive (the index and the tools over it) sees only these paths.
    scope: intent.scope,
    ...(options.onScanProgress === undefined ? {} : { onProgress: options.onScanProgress }),
  });
  const index = createWorkspaceIndex(files);
  const offline = createOfflineEngine({ analysis: index.analysis });
  const tools =
    typeof options.tools === 'function'
      ? await options.tools({ workspace, files, index })
      : (options.tools ?? []);
  const blockers: string[] = [];
  if (index.fileCount === 0) blockers.push(`workspace ${intent.workspace} has no readable text files`);
  const bundles = new Map<string, ReviewBundle>();
  const attempts = new Map<string, number>();
  const laneRuns: RunStep[] = [];
  const reactDomains: Record<string, string> = {};
  const engines = new Set<string>();
  const laneModels = new Map<string, string>();
  const memory = new Map<string, DispatchedLane>();
  // Independence is judged on what each lane really ran on, not on what the intent asked for.
  const laneProfiles = (): LaneProfile[] =>
    lanes.map((lane, position) => ({
      id: lane.id,
      model: laneModels.get(lane.id) ?? lane.model,
      persona: personaFor(lane.persona, position).name,
    }));
  const reports: VerifyReport[] = [];
  const meterJudges = (attempt: number): Record<string, ModelPort> => {
    const counter = { calls: 0 };
    return Object.fromEntries(
      Object.entries(options.judges ?? {}).map(([name, port]) => [
        name,
        createMeteredModel(port, {
          missionId,
          scope: { lane_id: SWARMLORD_LANE_ID, attempt, phase: 'verify', role: name },
          meter,
          emit,
          now,
          counter,
        }),
      ]),
    );
  };
  const settings: MissionLaneSettings = {
    intent,
    lanes,
    index,
    tools,
    maxToolSteps: options.maxToolSteps ?? 8,
    resolveModel,
    instructions: options.instructions ?? defaultRoleInstructions,
    findSimilarCases: options.findSimilarCases ?? noCases,
    meter,
    emit,
    now,
    signal: missionSignal,
    engines,
    laneModels,
  };
  let toRun = lanes;
  let plan: RerunPlan | undefined;
  let aggregate: AggregateBundle = aggregateBundles([]);

  for (let verifyAttempt = 1; ; verifyAttempt += 1) {
    const results = await Promise.all(
      toRun.map((lane) => {
        const attempt = (attempts.get(lane.id) ?? 0) + 1;
        attempts.set(lane.id, attempt);
        bundles.delete(lane.id);
        const prior = memory.get(lane.id);
        const fromYield = plan?.from_phase[lane.id] === 'yield' && prior?.bundle !== undefined;
        const shrink = plan?.shrink_scope.includes(lane.id) === true && prior?.bundle !== undefined;
        return dispatchLane(settings, lane, {
          attempt,
          feedback: plan?.feedback_by_lane[lane.id] ?? [],
          resume:
            fromYield && prior !== undefined ? { outputs: prior.outputs, ledger: prior.ledger } : undefined,
          maxClaims: shrink ? Math.max(1, Math.ceil((prior?.bundle?.claims.length ?? 2) / 2)) : undefined,
        });
      }),
    );
    for (const result of results) {
      const { lane_id: laneId, attempt } = result.step;
      memory.set(laneId, result);
      laneRuns.push(result.step);
      if (result.bundle !== undefined) bundles.set(laneId, result.bundle);
      if (result.outputs.react !== undefined) reactDomains[laneId] = result.outputs.react.cynefin_domain;
      if (result.failure !== undefined)
        blockers.push(`${laneId} attempt ${attempt} did not finish: ${result.failure}`);
    }

    aggregate = aggregateBundles(lanes.flatMap((lane) => bundles.get(lane.id) ?? []));
    await emit({
      type: 'aggregate-end',
      mission_id: missionId,
      at: at(),
      attempt: verifyAttempt,
      bundle: aggregate,
    });
    await emit({ type: 'verify-start', mission_id: missionId, at: at(), attempt: verifyAttempt });
    const report = await runVerify({
      aggregate,
      intent,
      workspace,
      attempt: verifyAttempt,
      validators: [...(options.validators ?? [])],
      lanes: laneProfiles(),
      // Past the budget the gate still runs, deterministically: judges would be refused their calls.
      ...(meter.exhausted() === undefined ? { judges: meterJudges(verifyAttempt) } : {}),
    });
    reports.push(report);
    await emit({ type: 'verify-end', mission_id: missionId, at: at(), attempt: verifyAttempt, report });
    if (missionSignal.aborted || meter.exhausted() !== undefined) break;
    const next = planRerun(report, intent, verifyAttempt - 1, reports.slice(0, -1));
    if (!next.rerun) break;
    plan = next;
    toRun = lanes.filter((lane) => next.lane_ids.includes(lane.id));
    await emit({
      type: 'rerun-start',
      mission_id: missionId,
      at: at(),
      attempt: verifyAttempt + 1,
      lane_ids: next.lane_ids,
      feedback: next.feedback,
    });
  }

  const budgetReason = meter.exhausted();
  const partial = missionSignal.aborted || budgetReason !== undefined;
  const partialReason =
    budgetReason ?? (missionSignal.aborted ? describeStop(missionSignal.reason) : undefined);
  if (budgetReason !== undefined) {
    await emit({
      type: 'budget-exhausted',
      mission_id: missionId,
      at: at(),
      reason: budgetReason,
      usage: meter.totals(),
    });
  }
  const finalReport = reports[reports.length - 1] as VerifyReport;
  if (finalReport.verdict === 'FAIL') {
    blockers.push(`Verify failed on lanes ${finalReport.failing_lanes.join(', ') || '(none named)'}`);
  }
  // Digests leave the machine (shared, pasted into tickets): no secret may reach them.
  if (budgetReason !== undefined) blockers.push(`stopped dispatching model calls: ${budgetReason}`);
  const built = buildDigest({
    intent,
    aggregate,
    reports,
    laneRuns,
    engine: [...engines].join('; '),
    partial,
    blockers,
    now: now(),
    reactDomains,
    coverage,
    parseCoverage: index.analysis,
    imports: index.analysis.imports,
  });
  const digest = redactSecrets({
    ...built,
    ...(partialReason === undefined ? {} : { partial_reason: partialReason }),
    usage: meter.digestUsage(),
    ...(options.traceId === undefined ? {} : { trace_id: options.traceId }),
  });
  // Each run gets its own folder (`<mission_id>/run-NNN`): running an intent again keeps earlier digests.
  const { markdownPath, jsonPath } = await writeRunDigest(digest, {
    cwd: options.cwd,
    dir: intent.outputs.digest_dir,
  });
  // The aggregate beside the digest in the bundle-file schema, so `swarmlord verify` can re-check it later.
  await writeReviewBundle(aggregate, {
    cwd: options.cwd,
    missionId,
    workspace: intent.workspace,
    besideFile: jsonPath,
    lanes: laneProfiles(),
  });
  await emit({
    type: 'digest-write',
    mission_id: missionId,
    at: at(),
    verdict: digest.verdict,
    markdown_path: markdownPath,
    json_path: jsonPath,
  });
  await emit({ type: 'mission-end', mission_id: missionId, at: at(), verdict: digest.verdict, partial });
  return { digest, markdownPath, jsonPath, reports, aggregate };
}
