import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { BUILT_IN_VALIDATORS } from '../../contracts/index.js';
import { createIntent, writeIntentFile } from '../../intent/index.js';
import { MissionError } from '../../swarm/index.js';
import type { CliIo } from '../cli-io.js';
import { executeMission, reportMission } from '../execute-mission.js';
import type { ModelCommandOptions } from '../model-options.js';
import { modelExecuteOptions } from '../model-options.js';

function parseLaneCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 256) {
    throw new InvalidArgumentError('must be a whole number from 1 to 256');
  }
  return count;
}

async function confirm(io: CliIo, question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: io.stderr });
  try {
    const answer = (await prompt.question(question)).trim().toLowerCase();
    return answer === '' || answer === 'y' || answer === 'yes';
  } finally {
    prompt.close();
  }
}

/** `swarmlord run "<objective>"`: freeze an intent with defaults, then run it. */
export function registerRunCommand(program: Command, io: CliIo): void {
  program
    .command('run')
    .description('write a mission intent with defaults for an objective, then run the mission')
    .argument('<objective>', 'what the swarm must find out')
    .option('-w, --workspace <dir>', 'the directory the lanes perceive', '.')
    .option('-l, --lanes <n>', 'how many lanes run in parallel', parseLaneCount, 2)
    // One value per flag (repeat it for more): a variadic option would swallow the objective after it.
    .option(
      '--validator <agent>',
      'add an SSOT agent (e.g. SecurityReviewerAgent) to the Verify quorum; repeat for more',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('-y, --yes', 'run without asking for approval of the intent')
    .option('--json', 'print only the digest JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord run "Map the architecture and risks" --workspace examples/sample-service --yes
  $ swarmlord run "Where are secrets handled?" --lanes 4 --json > digest.json
  $ swarmlord run "Review auth" --validator SecurityReviewerAgent --yes   # agent from ssot/HFO_SSOT.sysml`,
    )
    .action(
      async (
        objective: string,
        options: {
          workspace: string;
          lanes: number;
          validator?: string[];
          yes?: boolean;
          json?: boolean;
        } & ModelCommandOptions,
      ) => {
        const json = options.json === true;
        const workspace = resolve(io.cwd, options.workspace);
        if (!(await stat(workspace).catch(() => undefined))?.isDirectory()) {
          throw new MissionError(
            'WORKSPACE_NOT_FOUND',
            `workspace ${workspace} does not exist or is not a directory`,
          );
        }
        // A validator named twice (or a built-in named again) votes once.
        const extraValidators = [...new Set(options.validator ?? [])].filter(
          (name) => !(BUILT_IN_VALIDATORS as readonly string[]).includes(name),
        );
        const intent = createIntent({
          objective,
          workspace: options.workspace,
          lanes: options.lanes,
          ...(extraValidators.length > 0 && {
            overrides: { quorum: { validators: [...BUILT_IN_VALIDATORS, ...extraValidators], threshold: 2 } },
          }),
        });
        const intentPath = await writeIntentFile(intent, { cwd: io.cwd });
        if (!json) io.stderr.write(`Mission ${intent.mission_id}: intent written to ${intentPath}\n`);
        const interactive = io.stderr.isTTY === true && process.stdin.isTTY === true;
        if (
          options.yes !== true &&
          interactive &&
          !(await confirm(io, `Run ${options.lanes} lanes on ${options.workspace}? [Y/n] `))
        ) {
          io.stderr.write(`Not run. Start it later with: swarmlord mission run ${intentPath}\n`);
          return;
        }
        const result = await executeMission(intent, io, { json, ...modelExecuteOptions(options) });
        reportMission(result, io, { json });
        if (result.digest.verdict === 'FAIL') process.exitCode = 1;
      },
    );
}
