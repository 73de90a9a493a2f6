import type { Command } from 'commander';
import { ClarifyError } from '../../clarify/index.js';
import type { CliIo } from '../cli-io.js';
import { executeMission, reportMission } from '../execute-mission.js';
import type { ModelCommandOptions } from '../model-options.js';
import { modelExecuteOptions } from '../model-options.js';
import { OUTPUTS_HELP } from '../outputs-help.js';
import {
  ANSWERS_HELP,
  addNewMissionOptions,
  type NewMissionOptions,
  newMissionIntent,
} from './mission-new-command.js';

/** `swarmlord run "<objective>"`: `mission new` (clarify, approve, write the intent), then `mission run`. */
export function registerRunCommand(program: Command, io: CliIo): void {
  const command = program
    .command('run')
    .description('clarify a mission (mission new), then run it (mission run)')
    .argument('<objective>', 'what the swarm must find out');
  addNewMissionOptions(command)
    .option('--json', 'print only the digest JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord run "Map the architecture and risks" --workspace examples/sample-service --yes
  $ swarmlord run "Where are secrets handled?" --lanes 4 --yes --json > digest.json
  $ swarmlord run "Review auth" --workspace examples/sample-service --validator SecurityAuditor --yes
  $ swarmlord run "Where are webhooks verified?" --answers answers.yml   # no prompts

On a terminal the Swarmlord asks its clarification passes and waits for your approval; otherwise
pass --yes (defaults) or --answers FILE. Ctrl-C before approval writes nothing and exits 130; Ctrl-C
during the run ends it with a partial digest of what was verified.
${ANSWERS_HELP}
${OUTPUTS_HELP}`,
    )
    .action(
      async (objective: string, options: NewMissionOptions & ModelCommandOptions & { json?: boolean }) => {
        const json = options.json === true;
        let intent: Awaited<ReturnType<typeof newMissionIntent>>['intent'];
        let intentPath: string;
        try {
          ({ intent, path: intentPath } = await newMissionIntent(
            objective,
            { ...options, checkModels: true },
            io,
          ));
        } catch (error) {
          if (ClarifyError.isInstance(error) && error.code === 'INTENT_CLARIFY_CANCELLED') {
            process.exitCode = 130;
            return;
          }
          throw error;
        }
        // A mission refused before it starts leaves no intent behind (issue 18).
        const result = await executeMission(intent, io, {
          json,
          intentPath,
          ...modelExecuteOptions(options),
        });
        reportMission(result, io, { json });
        if (result.digest.verdict === 'FAIL') process.exitCode = 1;
      },
    );
}
