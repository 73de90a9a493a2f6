import { resolve } from 'node:path';
import type { Command } from 'commander';
// The audit modules alone: auditing good lines loads no schema library (decision 0031).
import { auditBlackboard } from '../../blackboard/audit-blackboard.js';
import { BlackboardError } from '../../blackboard/blackboard-error.js';
import { formatAuditResult } from '../../blackboard/format-audit-result.js';
import type { CliIo } from '../cli-io.js';

/** The intent's default `telemetry.blackboard_path`, spelled here for the same reason (held to the schema by `audit-command.test.ts`). */
export const DEFAULT_BLACKBOARD = 'hfo_blackboard/obsidian_synapse_blackboard.jsonl';

/** `swarmlord audit [FILE]`: verify the blackboard's hash chain. */
export function registerAuditCommand(program: Command, io: CliIo): void {
  program
    .command('audit')
    .description(
      'verify the hash chain of a blackboard and its anchors; exit 1 naming the first bad line, a truncated tail, a rewritten history or an edited digest; exit 2 when there is no file',
    )
    .argument('[file]', 'blackboard JSONL', DEFAULT_BLACKBOARD)
    .option('--json', 'print the audit result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord audit
  $ swarmlord audit hfo_blackboard/obsidian_synapse_blackboard.jsonl --json`,
    )
    .action(async (file: string, options: { json?: boolean }) => {
      const path = resolve(io.cwd, file);
      const result = await auditBlackboard(path).catch((error: unknown) => {
        // A missing file is bad input (exit 2), not tampering (exit 1).
        if (BlackboardError.isInstance(error) && error.code === 'BLACKBOARD_NOT_FOUND') {
          io.stderr.write(`swarmlord: ${error.message}\n`);
          process.exitCode = 2;
          return undefined;
        }
        throw error;
      });
      if (result === undefined) return;
      if (options.json === true) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else io.stdout.write(`${formatAuditResult(result)}\n`);
      if (!result.ok) process.exitCode = 1;
    });
}
