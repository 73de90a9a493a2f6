import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AnchorInput, Blackboard } from '../blackboard/index.js';
import {
  appendBlackboardAnchor,
  createBlackboardListener,
  loadCaseIndex,
  redactSecrets,
} from '../blackboard/index.js';
import type { MissionIntent, RunEvent, RunEventListener } from '../contracts/index.js';
import type { DurableJournal, MissionOwnerClaim } from '../durable/index.js';
import { claimMissionOwner, createFileJournal } from '../durable/index.js';
import { prepareMissionEngage } from '../engage/index.js';
import { openMissionIndex } from '../store/open-mission-index.js';
import type { LaneExecutor, MissionResult, ResumeInfo } from '../swarm/index.js';
import { runMission } from '../swarm/index.js';
// Deep imports: the telemetry index loads the OpenTelemetry SDK, which only an OTLP export needs (decision 0029).
import { openTelemetry } from '../telemetry/create-file-telemetry.js';
import { resolveTelemetrySettings } from '../telemetry/telemetry-settings.js';
import { createTraceId } from '../telemetry/trace-id.js';
import { createReadOnlyTools } from '../tools/index.js';
import type { CliIo } from './cli-io.js';
import { paint, useColor } from './cli-io.js';
import { markResumed } from './mark-resumed.js';
import { createModelRuntime } from './model-runtime.js';
import { openCliBlackboard } from './open-cli-blackboard.js';
import { createProgressDisplay } from './progress-display.js';
import { loadSsotRuntime } from './ssot-runtime.js';

export interface ExecuteOptions {
  json: boolean;
  /** `--model`: the model of every role the intent, SSOT and role variables leave unset. */
  model?: string | undefined;
  /** `--replay`: answer every model call from the call cache; no network request at all. */
  replay?: boolean | undefined;
  /** `--no-record` sets false: do not write the call cache. */
  record?: boolean | undefined;
  /** `mission resume`: continue the mission's journal (hfo_journal/<mission_id>) instead of starting over. */
  resume?: boolean | undefined;
  /** `--apply`: write Engage's patch after Verify (revert plan first). */
  apply?: boolean | undefined;
  /**
   * The intent file this command wrote for the mission (`run`): removed when the mission is refused
   * before it starts (invalid charter, locked blackboard, bad model), so no orphan intent stays.
   */
  intentPath?: string | undefined;
  /**
   * Another durable runtime's ports (the DBOS worker, issue 16): its journal, its receipts
   * blackboard and where the end anchor goes, instead of the working directory's.
   */
  runtime?:
    | {
        journal: DurableJournal;
        blackboard: Blackboard;
        anchor: (input: AnchorInput) => Promise<void>;
        /** Runs lane attempts as the runtime's child workflows. */
        laneExecutor?: LaneExecutor | undefined;
      }
    | undefined;
}

/**
 * The composition root of a mission: the blackboard (durable receipts + case index), the progress
 * display, Ctrl-C handling (first: anytime digest; second: exit), then the run loop.
 */
export async function executeMission(
  intent: MissionIntent,
  io: CliIo,
  options: ExecuteOptions,
): Promise<MissionResult> {
  const started = { value: false };
  try {
    // Redacted once more here (loaders redact already): the objective reaches every receipt and prompt.
    return await composeMission(redactSecrets(intent, io.env), io, options, started);
  } catch (error) {
    // Refused before mission-start: the intent this command wrote for it goes too (issue 18).
    if (!started.value && options.intentPath !== undefined) await rm(options.intentPath, { force: true });
    throw error;
  }
}

async function composeMission(
  intent: MissionIntent,
  io: CliIo,
  options: ExecuteOptions,
  started: { value: boolean },
): Promise<MissionResult> {
  // The execution policy (AGENTS.md charter) first: an invalid charter stops the mission before anything is written.
  const engage = await prepareMissionEngage({
    intent,
    cwd: io.cwd,
    env: io.env,
    apply: options.apply === true,
  });
  const ssot = await loadSsotRuntime(io.cwd, intent);
  // Every model is created (and every key checked) before the blackboard is touched or a lane starts.
  const models = createModelRuntime({
    intent,
    cwd: io.cwd,
    env: io.env,
    cliModel: options.model,
    cacheMode: options.replay === true ? 'replay' : options.record === false ? 'off' : 'record',
    registry: ssot.registry,
  });
  const blackboardPath = resolve(io.cwd, intent.telemetry.blackboard_path);
  // A bounded window of the history (issue 18): a mission's cost does not grow with the blackboard.
  // Cases come from before this mission first ran, so a re-run or replay sees what the first run saw.
  // The window's case documents are kept by the sha256 of its lines: read back, not parsed again.
  const { cases } = await loadCaseIndex(blackboardPath, {
    beforeMission: intent.mission_id,
    cacheDir: resolve(io.cwd, 'hfo_cache', 'case_index'),
  });
  // Missions share the file (one lock per write batch); one that waits for another says so.
  const blackboard = options.runtime?.blackboard ?? (await openCliBlackboard(blackboardPath, io));
  // The embedded durable runtime (decision 0015): every finished step is journaled under the working directory.
  const journal =
    options.runtime?.journal ?? createFileJournal({ cwd: io.cwd, missionId: intent.mission_id });
  const resumeRun = options.resume === true ? ((await journal.readMeta())?.run ?? 0) + 1 : undefined;
  // The trace id is chosen before the run so every receipt and the digest carry the spans' id.
  const telemetrySettings = resolveTelemetrySettings(intent, io.env);
  const traceId = telemetrySettings.enabled ? createTraceId() : undefined;
  const listeners: RunEventListener[] = [
    async (event) => {
      if (event.type === 'mission-start') started.value = true;
    },
    createBlackboardListener(resumeRun === undefined ? blackboard : markResumed(blackboard, resumeRun), {
      safetyEnvelope: engage.safetyEnvelope,
      blockedCapabilities: engage.blockedCapabilities,
      ...(traceId === undefined ? {} : { traceId }),
    }),
  ];
  const showProgress = !options.json && io.stderr.isTTY === true;
  const progress = showProgress ? createProgressDisplay(io.stderr, useColor(io)) : undefined;
  if (progress) listeners.push(progress.listener);
  // The missions index (decision 0013): a store that cannot open stops the run here, before any receipt.
  const missionIndex = await openMissionIndex({
    cwd: io.cwd,
    env: io.env,
    blackboardPath: intent.telemetry.blackboard_path,
    position: () => ({ seq: blackboard.nextSeq - 1, hash: blackboard.lastHash }),
    warn: (line) => (progress ? progress.message(line) : io.stderr.write(`swarmlord: ${line}\n`)),
  }).catch(async (error: unknown) => {
    await blackboard.close();
    throw error;
  });
  listeners.push(missionIndex.listener);
  // Spans from the same events; a failing collector costs one warning line, never the run.
  const telemetry = await openTelemetry({
    settings: telemetrySettings,
    env: io.env,
    ...(traceId === undefined ? {} : { traceId }),
    warn: (line) => (progress ? progress.message(line) : io.stderr.write(`swarmlord: ${line}\n`)),
  });
  listeners.push(telemetry.listener);

  let owner: MissionOwnerClaim | undefined;
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts === 1) {
      const text =
        'Interrupted: finishing with a partial digest of what was verified (Ctrl-C again to quit).';
      if (progress) progress.message(text);
      else io.stderr.write(`\n${text}\n`);
      controller.abort(new Error('interrupted by the user'));
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', onInterrupt);
  try {
    // Who runs the mission (pid, host, process start) with a heartbeat, before its first receipt:
    // `mission ls` says `running` only while this process provably works on it, `interrupted` after.
    owner = await claimMissionOwner({ cwd: io.cwd, missionId: intent.mission_id });
    const emitAll = async (event: RunEvent) => {
      for (const listener of listeners) await listener(event);
    };
    const ran = await runMission({
      intent: engage.intent,
      engage: engage.runtime,
      cwd: io.cwd,
      listeners,
      instructions: ssot.instructions,
      validators: ssot.validators,
      resolveModel: (lane, attempt, role) => engage.limitModel(models.resolveModel(lane, attempt, role)),
      judges: Object.fromEntries(
        Object.entries(models.judges).map(([name, port]) => [name, engage.limitModel(port)]),
      ),
      // The authority matrix decides the Observers' tools; trusted MCP servers start here, after mission-start.
      tools: async ({ workspace, files, index }) =>
        engage.tools(
          await createReadOnlyTools({ workspace, files, index, signal: controller.signal }),
          emitAll,
        ),
      findSimilarCases: (text, searchOptions) => cases.search(text, searchOptions),
      // The scan + index of an unchanged workspace is read back, not rebuilt (decision 0024).
      indexCacheDir: resolve(io.cwd, 'hfo_cache', 'workspace_index'),
      signal: controller.signal,
      // "scanning N files" while Perceive reads the workspace (progress display only).
      ...(progress === undefined ? {} : { onScanProgress: progress.scanProgress }),
      ...(traceId === undefined ? {} : { traceId }),
      journal,
      ...(options.runtime?.laneExecutor === undefined ? {} : { laneExecutor: options.runtime.laneExecutor }),
      ...(resumeRun === undefined ? {} : { resume: true, onResume: (info) => reportResume(info, io) }),
    });
    // After Verify: patch.diff, --apply (revert plan first) and the digest's Engage section, before the anchor hashes it.
    const result = { ...ran, digest: await engage.complete(ran, emitAll) };
    // The anchor (decision 0017): chain head and digest hashes, so audit names a truncated, rewritten or edited record.
    const head = blackboard.head;
    if (head !== undefined) {
      const anchor = { missionId: intent.mission_id, head, files: [result.markdownPath, result.jsonPath] };
      if (options.runtime !== undefined) await options.runtime.anchor(anchor);
      else await appendBlackboardAnchor(blackboardPath, anchor);
    }
    // Ctrl-C once: the partial digest is printed by the command, then the exit status is 130 whatever the verdict.
    if (interrupts > 0)
      process.once('exit', () => {
        process.exitCode = 130;
      });
    return result;
  } finally {
    // Once interrupted, a second Ctrl-C quits at once until the process exits, also while it closes
    // and prints the partial digest: never the default death by signal.
    if (interrupts === 0) process.off('SIGINT', onInterrupt);
    await engage.close();
    progress?.stop();
    await blackboard.close();
    await missionIndex.close();
    await owner?.release().catch(() => undefined);
    // Bounded: a collector that is down or slow costs at most a few seconds at exit.
    await telemetry.shutdown();
  }
}

function reportResume(info: ResumeInfo, io: CliIo): void {
  io.stderr.write(
    `swarmlord: resuming (run ${info.run}): ${info.journaledSteps} journaled steps are not run again\n`,
  );
  for (const change of info.workspaceChanges) {
    io.stderr.write(`swarmlord: workspace ${change.change} since the interrupted run: ${change.path}\n`);
  }
}

/** Prints the BLUF and where the digest is (human mode) or the digest JSON alone (`--json`). */
export function reportMission(result: MissionResult, io: CliIo, options: ExecuteOptions): void {
  if (options.json) {
    // The digest is redacted already; stdout is checked again like every other way out.
    io.stdout.write(`${JSON.stringify(redactSecrets(result.digest, io.env), null, 2)}\n`);
    return;
  }
  const color = useColor({ ...io, stderr: io.stdout });
  const verdictColor = { PASS: 32, CAUTION: 33, FAIL: 31 }[result.digest.verdict];
  io.stdout.write(`${paint(color, 1, 'BLUF')} ${paint(color, verdictColor, result.digest.verdict)}\n`);
  for (const line of result.digest.bluf) io.stdout.write(`  ${line}\n`);
  io.stdout.write(`\nDigest: ${result.markdownPath}\n        ${result.jsonPath}\n`);
}
