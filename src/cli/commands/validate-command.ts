import { join } from 'node:path';
import type { Command } from 'commander';
import {
  commitGeneration,
  loadGenerationContext,
  restoreGeneration,
  runValidation,
  writeApprovalReport,
} from '../../codegen/index.js';
import { createCallCache, withCallCache } from '../../models/call-cache/index.js';
import type { ModelPort } from '../../models/index.js';
import { createModelFromSpec } from '../../models/providers/index.js';
import type { CliIo } from '../cli-io.js';
import { CALL_CACHE_DIR } from '../model-runtime.js';
import { reportCodegenError } from './generate-command.js';

interface ValidateOptions {
  commit?: boolean;
  judge?: string[];
  record?: boolean;
  json?: boolean;
}

/** `swarmlord validate`: exit 0 approved, 1 rejected, 2 bad input. */
export async function runValidate(options: ValidateOptions, io: CliIo): Promise<number> {
  try {
    const context = await loadGenerationContext(io.cwd, io.env);
    const cache = createCallCache({ dir: join(io.cwd, CALL_CACHE_DIR), env: io.env });
    // Judges are recorded like every model call, so a validation replays with no network.
    const judges: ModelPort[] = (options.judge ?? []).map((spec) =>
      withCallCache(createModelFromSpec(spec, { env: io.env }), { cache, mode: 'record' }),
    );
    const env = { ...io.env, ...(options.record === true ? { SWARMLORD_CALL_CACHE: 'record' } : {}) };
    const report = await runValidation({ context, env, judges, now: new Date() });
    const written = await writeApprovalReport(io.cwd, report);
    let git: { commit?: string; restored?: string[]; removed?: string[] } = {};
    if (options.commit === true) {
      if (report.verdict === 'APPROVED') {
        const agents = context.projectAgents.map((agent) => agent.name).join(', ') || 'no agents';
        const commit = await commitGeneration(
          io.cwd,
          report.files,
          `regenerate ${report.files.length} files from the model (${agents})`,
        );
        git = commit === undefined ? {} : { commit };
      } else {
        git = await restoreGeneration(io.cwd, report.files);
      }
    }
    if (options.json === true) {
      io.stdout.write(`${JSON.stringify({ ...report, report_files: written, git }, null, 2)}\n`);
    } else {
      for (const vote of report.votes) {
        io.stdout.write(`${vote.passed ? 'yes' : 'NO '}  ${vote.voter.padEnd(16)} ${vote.summary}\n`);
        for (const problem of vote.problems.slice(0, 10)) io.stdout.write(`       ${problem}\n`);
      }
      io.stdout.write(`${report.verdict}: ${report.reason}\nreport: ${written.join(', ')}\n`);
      if (git.commit !== undefined) io.stdout.write(`committed ${git.commit.slice(0, 12)}\n`);
      if (git.restored !== undefined || git.removed !== undefined) {
        io.stdout.write(
          `rolled back: ${git.restored?.length ?? 0} restored, ${git.removed?.length ?? 0} removed\n`,
        );
      }
    }
    return report.verdict === 'APPROVED' ? 0 : 1;
  } catch (error) {
    return reportCodegenError(io, error);
  }
}

/** Registers `swarmlord validate`. */
export function registerValidateCommand(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description(
      'run the generated tests and a verifier quorum over the generated files; write an approval report',
    )
    .option(
      '--commit',
      'commit the generated files when approved (feat(ssot): …); roll them back when rejected',
    )
    .option(
      '--judge <spec...>',
      'LLM judges that check each requirement is met (e.g. openrouter:deepseek/deepseek-chat)',
    )
    .option('--record', 'let behaviour tests call their models and record the answers in the call cache')
    .option('--json', 'print the approval report as JSON')
    .addHelpText(
      'after',
      `
Exit 0 approved, 1 rejected. The report is hfo_codegen/approval.md and approval.json.

Examples:
  $ swarmlord validate
  $ swarmlord validate --commit
  $ swarmlord validate --judge anthropic:claude-sonnet-4-5 openrouter:deepseek/deepseek-chat --json`,
    )
    .action(async (options: ValidateOptions) => {
      const code = await runValidate(options, io);
      if (code !== 0) process.exitCode = code;
    });
}
