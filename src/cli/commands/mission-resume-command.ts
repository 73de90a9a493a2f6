import type { Command } from 'commander';
import { MissionIntentSchema } from '../../contracts/index.js';
import {
  createFileJournal,
  judgeMissionOwner,
  readMissionOwner,
  removeJournalLeftovers,
} from '../../durable/index.js';
import { MissionError } from '../../swarm/index.js';
import type { CliIo } from '../cli-io.js';
import { executeMission, reportMission } from '../execute-mission.js';
import { findStartedIntent } from '../find-started-intent.js';
import type { ModelCommandOptions } from '../model-options.js';
import { addModelOptions, modelExecuteOptions } from '../model-options.js';

/**
 * `swarmlord mission resume <id>`: continues a mission from its journal (hfo_journal/<id>/) after a
 * crash, a kill -9, Ctrl-C or a soft cap. Journaled steps are not run again and journaled model
 * calls are not sent again; a mission that finished is left as it is.
 */
export function registerMissionResumeCommand(mission: Command, io: CliIo): void {
  const command = mission
    .command('resume')
    .description('continue a crashed, interrupted or partial mission from its journal')
    .argument('<mission-id>', 'the mission to resume (see swarmlord mission ls)')
    .option('--json', 'print only the digest JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord mission resume mi_2026-11-22_a1b2c3
  $ swarmlord mission resume mi_2026-11-22_a1b2c3 --json > digest.json

Finished steps (phases, model calls, Verify rounds) come from hfo_journal/<mission-id>/: no paid
call is repeated; steps that were in flight run once more. Resuming a mission that finished
changes nothing. Files of the workspace that changed since are named, and re-verified. A mission
killed before its journal was written (while its workspace was scanned) had finished no step: its
intent, as its start receipt holds it, is run again.`,
    );
  addModelOptions(command).action(
    async (missionId: string, options: { json?: boolean } & ModelCommandOptions) => {
      const json = options.json === true;
      const journal = createFileJournal({ cwd: io.cwd, missionId });
      const meta = await journal.readMeta();
      if (meta === undefined) {
        await runAgainFromStart(missionId, io, options, journal.location);
        return;
      }
      if (meta.status === 'finished') {
        // A kill during the finished run's last owner write can leave a temp file: swept, nothing else touched.
        await removeJournalLeftovers({ cwd: io.cwd, missionId });
        const outcome = meta.outcome;
        io.stdout.write(
          `Mission ${missionId} already finished${outcome === undefined ? '' : ` (${outcome.verdict}): ${outcome.markdownPath}`}; nothing to resume, nothing changed.\n`,
        );
        return;
      }
      // Two processes on one journal would both run its steps: a mission still running is left to its process.
      const owner = judgeMissionOwner(await readMissionOwner({ cwd: io.cwd, missionId }));
      if (owner.alive) {
        throw new MissionError(
          'NOTHING_TO_RESUME',
          `mission ${missionId} is running (${owner.reason}): nothing to resume; wait for it to end, or stop that process first`,
        );
      }
      const intent = MissionIntentSchema.parse(meta.intent);
      const result = await executeMission(intent, io, {
        json,
        resume: true,
        ...modelExecuteOptions(options),
      });
      reportMission(result, io, { json });
      if (result.digest.verdict === 'FAIL') process.exitCode = 1;
    },
  );
}

/**
 * A mission killed before its journal was written (while its workspace was scanned) finished no
 * step and paid no call: resuming it runs its intent again, from the blackboard's `mission_start`,
 * once its process is gone. Without a start on the blackboard there is nothing to resume.
 */
async function runAgainFromStart(
  missionId: string,
  io: CliIo,
  options: { json?: boolean } & ModelCommandOptions,
  location: string,
): Promise<void> {
  const owner = judgeMissionOwner(await readMissionOwner({ cwd: io.cwd, missionId }));
  if (owner.alive) {
    throw new MissionError(
      'NOTHING_TO_RESUME',
      `mission ${missionId} is running (${owner.reason}): nothing to resume; wait for it to end, or stop that process first`,
    );
  }
  const intent = await findStartedIntent(io.cwd, missionId);
  if (intent === undefined) {
    throw new MissionError(
      'NOTHING_TO_RESUME',
      `mission ${missionId} has no journal in ${location}: nothing to resume`,
    );
  }
  io.stderr.write(
    `swarmlord: mission ${missionId} stopped before its journal was written (no step had finished, no call was journaled): running its intent again\n`,
  );
  const json = options.json === true;
  const result = await executeMission(intent, io, { json, ...modelExecuteOptions(options) });
  reportMission(result, io, { json });
  if (result.digest.verdict === 'FAIL') process.exitCode = 1;
}
