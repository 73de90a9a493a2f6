import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Digest, MissionIntent, Receipt } from '../../contracts/index.js';
import { MissionIntentSchema } from '../../contracts/index.js';
import type { MissionRunner, MissionWorkflowResult } from '../../dbos/index.js';
import { computeAppVersion, requireDatabaseUrl, startDbosWorker, submitMission } from '../../dbos/index.js';
import type { CliIo } from '../cli-io.js';
import type { ExecuteOptions } from '../execute-mission.js';
import { executeMission } from '../execute-mission.js';

/** The mission code run by a worker: the CLI's composition root on the DBOS runtime's ports. */
function missionRunner(io: CliIo): MissionRunner {
  return async (input, runtime) => {
    const intent = MissionIntentSchema.parse(input.intent) as MissionIntent;
    const meta = await runtime.journal.readMeta();
    // Finished before a crash took the worker (the workflow had not recorded its result yet).
    if (meta?.status === 'finished' && meta.outcome !== undefined) {
      return { missionId: intent.mission_id, ...meta.outcome, executorId: runtime.executorId };
    }
    const result = await executeMission(
      intent,
      { ...io, cwd: input.cwd },
      {
        ...input.options,
        json: true,
        // A recovered workflow (another worker died) continues the journal: completed steps are not run again.
        ...(meta === undefined ? {} : { resume: true }),
        runtime,
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

/** `swarmlord worker [--concurrency N]`: takes missions from the shared queue until SIGTERM/SIGINT. */
export function registerWorkerCommand(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description('run missions from the DBOS queue in PostgreSQL (DATABASE_URL); start one per machine')
    .option('--concurrency <n>', 'missions this worker runs at once', '1')
    .addHelpText(
      'after',
      `
Examples:
  $ DATABASE_URL=postgresql://swarmlord:…@db:5432/swarmlord swarmlord worker --concurrency 2
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
        log: (line) => io.stderr.write(`swarmlord worker: ${line}\n`),
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
