import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportMissionReceipts, openReceiptsPool, requireDatabaseUrl } from '../../dbos/index.js';
import type { CliIo } from '../cli-io.js';

/** `swarmlord blackboard export --mission <id> [--output FILE]`: a mission's receipts from the store as JSONL. */
export function registerBlackboardCommand(program: Command, io: CliIo): void {
  const blackboard = program
    .command('blackboard')
    .description('the receipts of missions run on the DBOS runtime')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord blackboard export --mission mi_2026-12-02_a1b2c3 --output mission.jsonl`,
    );
  blackboard
    .command('export')
    .description(
      "write a mission's receipts from PostgreSQL (DATABASE_URL) as the JSONL `swarmlord audit` verifies",
    )
    .requiredOption('--mission <id>', 'the mission id')
    .option(
      '--output <file>',
      'where to write (default: <mission id>.blackboard.jsonl); its anchor goes beside it',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord blackboard export --mission mi_2026-12-02_a1b2c3 --output mission.jsonl
  $ swarmlord audit mission.jsonl`,
    )
    .action(async (options: { mission: string; output?: string }) => {
      const databaseUrl = requireDatabaseUrl(io.env, 'swarmlord blackboard export');
      const output = resolve(io.cwd, options.output ?? `${options.mission}.blackboard.jsonl`);
      const pool = openReceiptsPool(databaseUrl);
      try {
        const result = await exportMissionReceipts(pool, options.mission, output);
        io.stdout.write(
          `${result.receipts} receipts of ${options.mission} written to ${result.path}${result.anchored ? ' (with its end anchor)' : ' (mission not finished: no anchor yet)'}\n`,
        );
      } finally {
        await pool.end();
      }
    });
}
