import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AggregateBundle, ReviewBundle, RunEvent, RunStep, VerifyReport } from '../contracts/index.js';
import { resolveLanes } from '../contracts/index.js';
import { createOfflineEngine } from '../models/index.js';
import { defaultRoleInstructions, personaFor } from '../roles/index.js';
import type { LaneProfile, RerunPlan } from '../verify/index.js';
import { planRerun } from '../verify/plan-rerun.js';
import { aggregateBundles } from './aggregate-bundles.js';
import { describeChanges, describeStop } from './describe-mission-stop.js';
import type { DispatchedLane, MissionLaneSettings } from './dispatch-lane.js';
import { emitOnce } from './emit-once.js';
import { groundAsYielded } from './ground-as-yielded.js';
import type { CaseSearch } from './lane-context.js';
import { memoizeSearch } from './memoize-search.js';
import { meterJudges } from './meter-judges.js';
import type { MissionClock } from './mission-clock.js';
import { createMissionClock } from './mission-clock.js';
import { MissionError } from './mission-error.js';
import { openMissionRun } from './mission-run-journal.js';
import { planToFinish } from './plan-to-finish.js';
import { chooseLaneDispatcher } from './remote-lane.js';
import { createRunEventBus } from './run-event-bus.js';
import type { MissionResult, RunMissionOptions } from './run-mission-options.js';
import type { VerifyRound } from './run-verify-round.js';
import { runVerifyRound, SWARMLORD_LANE_ID } from './run-verify-round.js';
import { scanAndIndex } from './scan-and-index.js';
import { createRoundSpeculation } from './speculative-round.js';
import { toolsUnlessStopped } from './tools-unless-stopped.js';
import type { MeteredCall } from './usage-meter.js';
import { createUsageMeter } from './usage-meter.js';
import {
  discardReservation,
  draftMissionBundle,
  reserveMissionDigest,
  writeMissionDigest,
} from './write-mission-digest.js';

export type { MissionResult, RunMissionOptions, WorkspaceSnapshot } from './run-mission-options.js';

const noCases: CaseSearch = () => [];

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
  // One stat, synchronous (the scan's kind of call, decision 0037): no pool round trip before the
  // mission can start; a missing entry answers undefined, any other failure is refused the same way.
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(workspace, { throwIfNoEntry: false });
  } catch {
    info = undefined;
  }
  if (!info?.isDirectory()) {
    throw new MissionError(
      'WORKSPACE_NOT_FOUND',
      `workspace ${workspace} does not exist or is not a directory`,
    );
  }
  const clock = createMissionClock({
    softMinutes: intent.timeouts.mission_soft_minutes,
    graceMs: options.hardDeadlineGraceMs,
    signal: options.signal,
  });
  // The digest's folder and temps, reserved under the judges (decision 0072); let go unless published.
  const digestFiles: { reserved?: ReturnType<typeof reserveMissionDigest> } = {};
  try {
    return await runMissionWithin(options, { workspace, now, at, clock, digestFiles });
  } finally {
    clock.dispose();
    await discardReservation(digestFiles.reserved);
  }
}

async function runMissionWithin(
  options: RunMissionOptions,
  run: {
    workspace: string;
    now: () => Date;
    at: () => string;
    clock: MissionClock;
    digestFiles: { reserved?: ReturnType<typeof reserveMissionDigest> };
  },
): Promise<MissionResult> {
  const { intent } = options;
  const { workspace, now, at, clock, digestFiles } = run;
  const { journal } = options;
  const bus = createRunEventBus(options.listeners ?? []);
  const emit = (event: RunEvent) => bus.emit(event);
  // The offline engine states facts of the parsed workspace: it is created once the index exists.
  const resolveModel = options.resolveModel ?? (() => offline);
  const lanes = resolveLanes(intent);
  const missionId = intent.mission_id;
  const meter = createUsageMeter(intent.budget);

  // Pipelined (decision 0023): the start receipt's fsync runs under the read-only workspace scan
  // and index load, and is durable before anything else happens (tools, journal, lanes). Handled
  // here so a failure while the scan runs is not an unhandled rejection; it is thrown below.
  const started = emit({
    type: 'mission-start',
    mission_id: missionId,
    at: at(),
    intent,
    lane_ids: lanes.map((lane) => lane.id),
    ...(options.resume === true ? { resume: true as const } : {}),
  });
  started.catch(() => undefined);
  let scanned: Awaited<ReturnType<typeof scanAndIndex>>;
  try {
    scanned = await scanAndIndex(options, workspace, clock);
  } finally {
    // A start receipt that could not be written fails the mission before a scan error would.
    await started;
  }
  const { files, coverage, cached, index } = scanned;
  const offline = createOfflineEngine({ analysis: index.analysis });
  const tools =
    typeof options.tools === 'function'
      ? await toolsUnlessStopped(options.tools({ workspace, files, index }), options.signal)
      : (options.tools ?? []);
  const blockers: string[] = [];
  if (index.fileCount === 0) blockers.push(`workspace ${intent.workspace} has no readable text files`);
  const opened =
    journal === undefined
      ? undefined
      : await openMissionRun(journal, { intent, files, resume: options.resume === true, at: at() });
  const resumed = opened?.resumed;
  if (resumed !== undefined) {
    options.onResume?.(resumed);
    if (resumed.workspaceChanges.length > 0) blockers.push(describeChanges(resumed.workspaceChanges));
  }
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
  const judgeCalls: MeteredCall[] = [];
  const settings: MissionLaneSettings = {
    intent,
    engage: options.engage,
    lanes,
    // Lanes share one objective, so they ask overlapping queries: each is searched once per mission,
    // and once per index content across missions when the index came through the content-keyed cache.
    index: memoizeSearch(index, cached?.key),
    tools,
    maxToolSteps: options.maxToolSteps ?? 8,
    resolveModel,
    instructions: options.instructions ?? defaultRoleInstructions,
    findSimilarCases: options.findSimilarCases ?? noCases,
    meter,
    emit,
    emitAll: (events) => bus.emitAll(events),
    now,
    signal: clock.abort,
    stopSignal: clock.stop,
    journal,
    engines,
    laneModels,
  };
  // In this process at most `lane_concurrency` lane attempts at once; on DBOS the lane queue limits them.
  const dispatch = chooseLaneDispatcher(options.laneExecutor, intent.lane_concurrency);
  let toRun = lanes;
  let plan: RerunPlan | undefined;
  let aggregate: AggregateBundle = aggregateBundles([]);
  let recorded: Promise<void> = Promise.resolve();
  // The review bundle's text, drafted from the last round's aggregate while its judges were out.
  let bundleDraft: ReturnType<typeof draftMissionBundle> | undefined;
  const writeFiles = options.writeDigestFiles !== false;

  for (let verifyAttempt = 1; ; verifyAttempt += 1) {
    bundleDraft = undefined;
    // Lanes cut short by the soft cap or the budget: the round must be verified again on resume.
    const cutNow = () => clock.stop.aborted || meter.exhausted() !== undefined;
    // The lanes' claims grounded as they yield, by the round's own resolver (one per dispatch).
    const grounding = groundAsYielded(workspace);
    const startRound = (
      yielded: ReadonlyMap<string, ReviewBundle>,
      lanesDurable?: Promise<void>,
    ): { round: Promise<VerifyRound>; cut: boolean } => {
      const cut = cutNow();
      const round = runVerifyRound({
        intent,
        workspace,
        attempt: verifyAttempt,
        bundles: lanes.flatMap((lane) => yielded.get(lane.id) ?? bundles.get(lane.id) ?? []),
        validators: options.validators ?? [],
        lanes: laneProfiles(),
        // Past the budget or the soft cap the gate still runs, deterministically: no new judge calls.
        judges: cut
          ? undefined
          : (receipts, posted, held) =>
              meterJudges(options.judges ?? {}, {
                missionId,
                attempt: verifyAttempt,
                meter,
                emit,
                now,
                journal,
                calls: judgeCalls,
                after: receipts,
                receipts: posted,
                held,
              }),
        calls: judgeCalls,
        meter,
        emit,
        emitAll: (events) => bus.emitAll(events),
        at,
        journal,
        record: !cut,
        whileJudged: writeFiles
          ? (made) => {
              bundleDraft = draftMissionBundle(made, { cwd: options.cwd, intent, lanes: laneProfiles() });
              // Once per mission: the folder and temps serve the digest whichever round is the last.
              digestFiles.reserved ??= reserveMissionDigest({ cwd: options.cwd, intent });
            }
          : undefined,
        lanesDurable,
        resolver: grounding.resolver,
      });
      return { round, cut };
    };
    // The round starts under the last lanes' final receipts once every lane yielded (decision 0060).
    const speculation = createRoundSpeculation(toRun.length, startRound);
    const results = await Promise.all(
      toRun.map((lane) => {
        const attempt = (attempts.get(lane.id) ?? 0) + 1;
        attempts.set(lane.id, attempt);
        bundles.delete(lane.id);
        const prior = memory.get(lane.id);
        const fromYield = plan?.from_phase[lane.id] === 'yield' && prior?.bundle !== undefined;
        const shrink = plan?.shrink_scope.includes(lane.id) === true && prior?.bundle !== undefined;
        return dispatch(settings, lane, {
          attempt,
          feedback: plan?.feedback_by_lane[lane.id] ?? [],
          resume:
            fromYield && prior !== undefined ? { outputs: prior.outputs, ledger: prior.ledger } : undefined,
          maxClaims: shrink ? Math.max(1, Math.ceil((prior?.bundle?.claims.length ?? 2) / 2)) : undefined,
          onYield: grounding.alongside(speculation.onYield(lane.id)),
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
    const round = (await speculation.settle(results, cutNow())) ?? (await startRound(new Map()).round);
    aggregate = round.aggregate;
    reports.push(round.report);
    // The round's verify-end receipt is made durable while what only reads its report (the re-run
    // plan, the digest) is made; it is awaited before anything else is emitted or written.
    recorded = round.recorded;
    if (clock.stop.aborted || meter.exhausted() !== undefined) break;
    const next = planRerun(round.report, intent, verifyAttempt - 1, reports.slice(0, -1));
    if (!next.rerun) break;
    await recorded;
    plan = next;
    toRun = lanes.filter((lane) => next.lane_ids.includes(lane.id));
    await emitOnce(
      journal,
      { missionId, laneId: SWARMLORD_LANE_ID, attempt: verifyAttempt + 1, phase: 'rerun' },
      emit,
      {
        type: 'rerun-start',
        mission_id: missionId,
        at: at(),
        attempt: verifyAttempt + 1,
        lane_ids: next.lane_ids,
        feedback: next.feedback,
      },
    );
  }

  const budgetReason = meter.exhausted();
  const stopped = clock.stop.aborted;
  const partial = stopped || budgetReason !== undefined;
  const partialReason = budgetReason ?? (stopped ? describeStop(clock.stop.reason) : undefined);
  if (budgetReason !== undefined) {
    await recorded;
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
  if (budgetReason !== undefined) blockers.push(`stopped dispatching model calls: ${budgetReason}`);
  const unfinished = partial
    ? planToFinish(missionId, lanes, (laneId) => memory.get(laneId)?.outputs)
    : undefined;
  if (unfinished !== undefined) {
    if (unfinished.missing.length > 0) blockers.push(`missing: ${unfinished.missing.join('; ')}`);
    if (journal !== undefined)
      blockers.push(
        `to finish: ${unfinished.resumeCommand} (runs what is missing, then Verify and the digest again)`,
      );
  }
  const written = await writeMissionDigest({
    intent,
    cwd: options.cwd,
    aggregate,
    reports,
    laneRuns,
    engines,
    partial,
    partialReason,
    blockers,
    reactDomains,
    coverage,
    index,
    meter,
    lanes: laneProfiles(),
    traceId: options.traceId,
    now,
    emit,
    journal,
    writeFiles: options.writeDigestFiles,
    after: recorded,
    bundleDraft,
    reservation: digestFiles.reserved,
    end: {
      event: (made) => ({
        type: 'mission-end',
        mission_id: missionId,
        at: at(),
        verdict: made.verdict,
        partial,
      }),
      emitAll: (events) => bus.emitAll(events),
    },
  }).catch(async (error: unknown) => {
    // Nothing after the Verify receipt while it is in flight, not even a failure's own receipt.
    await recorded.catch(() => undefined);
    throw error;
  });
  const { digest, ended, ...paths } = written;
  if (ended !== true)
    await emit({ type: 'mission-end', mission_id: missionId, at: at(), verdict: digest.verdict, partial });
  if (journal !== undefined && opened !== undefined) {
    await journal.writeMeta({
      ...opened.meta,
      status: partial ? 'stopped' : 'finished',
      outcome: {
        verdict: digest.verdict,
        partial,
        markdownPath: written.markdownPath,
        jsonPath: written.jsonPath,
      },
      updatedAt: at(),
    });
  }
  return {
    digest,
    ...paths,
    reports,
    aggregate,
    ...(resumed === undefined ? {} : { resumed }),
    ...(unfinished === undefined ? {} : { unfinished }),
  };
}
