import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CaseIndex } from '../../blackboard/index.js';
import { createBlackboardListener, loadCaseIndex } from '../../blackboard/index.js';
import type { Digest, MissionIntent, Receipt, RunEvent } from '../../contracts/index.js';
import { MissionIntentSchema } from '../../contracts/index.js';
import type { LaneRunner, MissionRunner, MissionWorkflowResult } from '../../dbos/index.js';
import {
  computeAppVersion,
  markContinuedRun,
  missionStartKind,
  requireDatabaseUrl,
  startDbosWorker,
  submitMission,
} from '../../dbos/index.js';
import { prepareMissionEngage } from '../../engage/index.js';
import { runRemoteLane } from '../../swarm/index.js';
import { createReadOnlyTools } from '../../tools/index.js';
import type { CliIo } from '../cli-io.js';
import type { ExecuteOptions } from '../execute-mission.js';
import { executeMission } from '../execute-mission.js';
import { createModelRuntime } from '../model-runtime.js';
import type { SsotRuntime } from '../ssot-runtime.js';
import { loadSsotRuntime } from '../ssot-runtime.js';

/** The mission code run by a worker: the CLI's composition root on the DBOS runtime's ports. */
function missionRunner(io: CliIo): MissionRunner {
  return async (input, runtime) => {
    const intent = MissionIntentSchema.parse(input.intent) as MissionIntent;
    const meta = await runtime.journal.readMeta();
    // Finished before a crash took the worker (the workflow had not recorded its result yet).
    if (meta?.status === 'finished' && meta.outcome !== undefined) {
      return { missionId: intent.mission_id, ...meta.outcome, executorId: runtime.executorId };
    }
    // A recovered workflow (another worker died) continues the journal: completed steps are not run
    // again. Recovered before the journal had a header, it starts over as the same run.
    const start = missionStartKind({ journalMeta: meta, receiptsHead: runtime.blackboard.head });
    const result = await executeMission(
      intent,
      { ...io, cwd: input.cwd },
      {
        ...input.options,
        json: true,
        ...(start === 'resume' ? { resume: true } : {}),
        runtime:
          start === 'continued' ? { ...runtime, blackboard: markContinuedRun(runtime.blackboard) } : runtime,
      },
    );
    return {
      missionId: intent.mission_id,
      verdict: result.digest.verdict,
      partial: result.digest.partial === true,
      markdownPath: result.markdownPath,
      jsonPath: result.jsonPath,
      executorId: runtime.executorId,
    };
  };
}

/**
 * One lane attempt run by a worker (a child workflow of a mission): the same policy, SSOT, models,
 * tools and case index as the mission's composition root, receipts into the mission's chain.
 */
function laneRunner(io: CliIo): LaneRunner {
  // What every lane of a mission loads alike (the SSOT parse, the case index), once per mission here.
  const shared = new Map<string, Promise<{ ssot: SsotRuntime; cases: CaseIndex }>>();
  const load = (intent: MissionIntent, cwd: string) => {
    let found = shared.get(intent.mission_id);
    if (found === undefined) {
      found = (async () => ({
        ssot: await loadSsotRuntime(cwd, intent),
        cases: (
          await loadCaseIndex(resolve(cwd, intent.telemetry.blackboard_path), {
            beforeMission: intent.mission_id,
            cacheDir: resolve(cwd, 'hfo_cache', 'case_index'),
          })
        ).cases,
      }))();
      found.catch(() => shared.delete(intent.mission_id));
      shared.set(intent.mission_id, found);
      // A few missions at a time: the oldest is forgotten.
      for (const key of shared.keys()) if (shared.size > 4) shared.delete(key);
    }
    return found;
  };
  return async (input, runtime) => {
    const intent = MissionIntentSchema.parse(input.mission.intent) as MissionIntent;
    const { cwd, options } = input.mission;
    const engage = await prepareMissionEngage({ intent, cwd, env: io.env, apply: options.apply === true });
    try {
      const { ssot, cases } = await load(intent, cwd);
      const models = createModelRuntime({
        intent,
        cwd,
        env: io.env,
        cliModel: options.model,
        cacheMode: options.replay === true ? 'replay' : options.record === false ? 'off' : 'record',
        registry: ssot.registry,
      });
      const listeners = [
        createBlackboardListener(runtime.blackboard, {
          safetyEnvelope: engage.safetyEnvelope,
          blockedCapabilities: engage.blockedCapabilities,
        }),
      ];
      const emitAll = async (event: RunEvent) => {
        for (const listener of listeners) await listener(event);
      };
      return await runRemoteLane(
        {
          intent: engage.intent,
          engage: engage.runtime,
          cwd,
          listeners,
          instructions: ssot.instructions,
          validators: ssot.validators,
          resolveModel: (lane, attempt, role) => engage.limitModel(models.resolveModel(lane, attempt, role)),
          tools: async ({ workspace, files, index }) =>
            engage.tools(await createReadOnlyTools({ workspace, files, index }), emitAll),
          findSimilarCases: (text, searchOptions) => cases.search(text, searchOptions),
          journal: runtime.journal,
        },
        input.request,
      );
    } finally {
      await engage.close();
    }
  };
}

/** `swarmlord worker [--concurrency N]`: takes missions from the shared queue until SIGTERM/SIGINT. */
export function registerWorkerCommand(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description('run missions from the DBOS queue in PostgreSQL (DATABASE_URL); start one per machine')
    .option('--concurrency <n>', 'lane attempts (and missions) this worker runs at once', '1')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord worker --concurrency 2    # DATABASE_URL=postgresql://swarmlord:…@db:5432/swarmlord in the environment
  $ swarmlord mission run intent.yml --engine dbos           # submit and follow
  $ swarmlord mission run intent.yml --engine dbos --detach  # print the mission id at once

Workers of one build share the queue; a worker of another build (another application version)
does not take their work. A worker that dies is taken over by a live one within seconds.`,
    )
    .action(async (options: { concurrency: string }) => {
      const concurrency = Number(options.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        io.stderr.write('swarmlord: --concurrency must be a whole number ≥ 1\n');
        process.exitCode = 2;
        return;
      }
      const databaseUrl = requireDatabaseUrl(io.env, 'swarmlord worker');
      const appVersion = await computeAppVersion(io.env);
      const worker = await startDbosWorker({
        databaseUrl,
        appVersion,
        concurrency,
        runMission: missionRunner(io),
        runLane: laneRunner(io),
        log: (line) => io.stderr.write(`swarmlord worker: ${line}\n`),
        // Declared dead while alive: its missions run elsewhere now. It exits at once (a crash the
        // journal is made for) rather than finish calls another worker is making too.
        onLost: () => {
          io.stderr.write(
            'swarmlord worker: stopping at once so no call is made twice; start it again to take new work\n',
          );
          process.exit(75);
        },
      });
      io.stderr.write(
        `swarmlord worker: ${worker.executorId} (version ${appVersion}) takes up to ${concurrency} mission(s) at once\n`,
      );
      await new Promise<void>((resolveStop) => {
        const stop = () => resolveStop();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await worker.stop();
      io.stderr.write(`swarmlord worker: ${worker.executorId} stopped\n`);
    });
}

/** `mission run --engine dbos`: submits the mission to the workers; follows it unless `--detach`. */
export async function runOnDbos(
  intent: MissionIntent,
  io: CliIo,
  options: Pick<ExecuteOptions, 'model' | 'replay' | 'record' | 'apply'> & { json: boolean; detach: boolean },
): Promise<MissionWorkflowResult | undefined> {
  const databaseUrl = requireDatabaseUrl(io.env, '--engine dbos');
  const submission = await submitMission({
    databaseUrl,
    appVersion: await computeAppVersion(io.env),
    input: {
      intent: intent as MissionIntent & Record<string, unknown>,
      cwd: resolve(io.cwd),
      options: { model: options.model, replay: options.replay, record: options.record, apply: options.apply },
    },
  });
  try {
    if (options.detach) {
      io.stdout.write(
        options.json
          ? `${JSON.stringify({ mission_id: submission.missionId, workflow_id: submission.workflowId })}\n`
          : `${submission.missionId}\n`,
      );
      return undefined;
    }
    const progress = (receipt: Receipt) => {
      if (!options.json)
        io.stderr.write(
          `  ${receipt.seq} ${receipt.lane_id} ${receipt.phase}: ${receipt.summary.slice(0, 120)}\n`,
        );
    };
    const result = await submission.follow(progress);
    const digest = JSON.parse(await readFile(result.jsonPath, 'utf8')) as Digest;
    if (options.json) io.stdout.write(`${JSON.stringify(digest, null, 2)}\n`);
    else {
      io.stdout.write(`BLUF ${digest.verdict}\n`);
      for (const line of digest.bluf) io.stdout.write(`  ${line}\n`);
      io.stdout.write(`\nDigest: ${result.markdownPath}\n        ${result.jsonPath}\n`);
      io.stdout.write(`(ran on worker ${result.executorId})\n`);
    }
    if (digest.verdict === 'FAIL') process.exitCode = 1;
    return result;
  } finally {
    await submission.close();
  }
}
