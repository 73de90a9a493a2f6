import type { Command } from 'commander';
import { loadIntentFile } from '../../intent/index.js';
import type { CliIo } from '../cli-io.js';
import { executeMission, reportMission } from '../execute-mission.js';
import type { ModelCommandOptions } from '../model-options.js';
import { modelExecuteOptions } from '../model-options.js';
import { OUTPUTS_HELP } from '../outputs-help.js';
import { registerMissionNewCommand } from './mission-new-command.js';
import { registerMissionResumeCommand } from './mission-resume-command.js';
import { registerMissionRevertCommand } from './mission-revert-command.js';
import { registerMissionStoreCommands } from './mission-store-commands.js';

/** `swarmlord mission new|run`: clarify a mission into an intent file; run an intent file. */
export function registerMissionCommand(program: Command, io: CliIo): void {
  const mission = program
    .command('mission')
    .description('clarify missions into intent files, and run them')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord mission new "Where are webhooks verified?" --workspace examples/sample-service
  $ swarmlord mission run hfo_mission_intent/2026-11-22/mission_intent_mi_2026-11-22_a1b2c3.yml`,
    );
  registerMissionNewCommand(mission, io);
  registerMissionStoreCommands(mission, io);
  registerMissionResumeCommand(mission, io);
  registerMissionRevertCommand(mission, io);
  mission
    .command('run')
    .description('run the mission an intent YAML describes')
    .argument('<intent>', 'path to a mission intent YAML')
    .option('--json', 'print only the digest JSON on stdout')
    .option('--engine <engine>', 'embedded (this process) or dbos (workers sharing DATABASE_URL)', 'embedded')
    .option('--detach', 'with --engine dbos: print the mission id at once instead of following it')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord mission run hfo_mission_intent/2026-11-22/mission_intent_mi_2026-11-22_a1b2c3.yml
  $ swarmlord mission run intent.yml --engine dbos --detach   # run by swarmlord worker processes
  $ swarmlord schema intent > mission-intent.schema.json   # for editor completion
${OUTPUTS_HELP}`,
    )
    .action(
      async (
        intentPath: string,
        options: { json?: boolean; engine?: string; detach?: boolean } & ModelCommandOptions,
      ) => {
        const json = options.json === true;
        if (options.engine !== 'embedded' && options.engine !== 'dbos') {
          io.stderr.write(`swarmlord: --engine must be embedded or dbos (got ${options.engine})\n`);
          process.exitCode = 2;
          return;
        }
        const intent = await loadIntentFile(intentPath);
        if (options.engine === 'dbos') {
          // Loaded only here: the DBOS SDK is not on the path of an embedded run.
          const { runOnDbos } = await import('./worker-command.js');
          await runOnDbos(intent, io, {
            json,
            detach: options.detach === true,
            ...modelExecuteOptions(options),
          });
          return;
        }
        const result = await executeMission(intent, io, { json, ...modelExecuteOptions(options) });
        reportMission(result, io, { json });
        if (result.digest.verdict === 'FAIL') process.exitCode = 1;
      },
    );
}
