import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createBlackboardListener, openBlackboard } from '../../blackboard/index.js';
import { MissionIntentSchema } from '../../contracts/index.js';
import { EngageError, findRevertPlans, revertPlan } from '../../engage/index.js';
import type { CliIo } from '../cli-io.js';

const DEFAULTS = MissionIntentSchema.parse({
  mission_id: 'x',
  created_at: '2000-01-01T00:00:00Z',
  objective: 'x',
});

/** `swarmlord mission revert <id>`: undo what `--apply` wrote, byte for byte, from the revert plans. */
export function registerMissionRevertCommand(mission: Command, io: CliIo): void {
  mission
    .command('revert')
    .description(
      "restore the workspace as it was before a mission's --apply, byte for byte (from the revert plans beside its digests); exit 1 when a file changed since, 2 when there is nothing to revert",
    )
    .argument('<mission-id>', 'the mission whose writes to undo')
    .option('--digests <dir>', "the intent's outputs.digest_dir", DEFAULTS.outputs.digest_dir)
    .option(
      '--blackboard <file>',
      "the intent's telemetry.blackboard_path",
      DEFAULTS.telemetry.blackboard_path,
    )
    .option('--force', 'restore the originals even over files changed since the apply')
    .option('--json', 'print what was restored as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord mission revert mi_2026-11-22_a1b2c3
  $ swarmlord mission revert mi_2026-11-22_a1b2c3 --json`,
    )
    .action(
      async (
        missionId: string,
        options: { digests: string; blackboard: string; force?: boolean; json?: boolean },
      ) => {
        if (!/^[A-Za-z0-9_-]+$/.test(missionId)) {
          throw new EngageError(
            'ENGAGE_NOTHING_TO_REVERT',
            `mission id ${JSON.stringify(missionId)} is not a mission id`,
          );
        }
        const plans = await findRevertPlans(resolve(io.cwd, options.digests), missionId);
        if (plans.length === 0) {
          io.stderr.write(
            `swarmlord: mission ${missionId} has no applied change left to revert under ${options.digests}/${missionId}\n`,
          );
          process.exitCode = 2;
          return;
        }
        const blackboard = await openBlackboard({ path: resolve(io.cwd, options.blackboard) });
        const record = createBlackboardListener(blackboard, { env: io.env });
        const reverted = [];
        try {
          // Newest first: each plan restores the state the one before it left.
          for (const plan of plans) {
            const done = await revertPlan(plan, { force: options.force === true });
            await record({
              type: 'workspace-restore',
              mission_id: missionId,
              at: new Date().toISOString(),
              plan_path: done.planPath,
              files: done.files,
            });
            reverted.push(done);
          }
        } catch (error) {
          if (EngageError.isInstance(error) && error.code === 'ENGAGE_REVERT_CONFLICT') {
            io.stderr.write(`swarmlord: ${error.message}\n`);
            process.exitCode = 1;
            return;
          }
          throw error;
        } finally {
          await blackboard.close();
        }
        if (options.json === true) {
          io.stdout.write(`${JSON.stringify({ mission_id: missionId, reverted }, null, 2)}\n`);
          return;
        }
        for (const done of reverted) {
          io.stdout.write(`Reverted ${done.planPath}:\n`);
          for (const file of done.files)
            io.stdout.write(
              `  ${file.action} ${file.path}${file.sha256 === null ? '' : ` (sha256 ${file.sha256.slice(0, 12)}…)`}\n`,
            );
        }
      },
    );
}
