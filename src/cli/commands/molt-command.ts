import type { Command } from 'commander';
import { loadGenerationContext, moltGeneration, verifyMolt } from '../../codegen/index.js';
import type { CliIo } from '../cli-io.js';
import { reportCodegenError } from './generate-command.js';

/** `swarmlord molt`: archive this generation, then bump the generation number. */
export async function runMolt(options: { json?: boolean }, io: CliIo): Promise<number> {
  try {
    const context = await loadGenerationContext(io.cwd, io.env);
    const { archive, index, next } = await moltGeneration(context, new Date());
    if (options.json === true)
      io.stdout.write(`${JSON.stringify({ archive, ...index, next_generation: next }, null, 2)}\n`);
    else {
      io.stdout.write(
        `molted generation ${index.generation} to ${archive}: ${index.files.length} files, archive ${index.archive_hash}\n` +
          `blackboard head ${index.blackboard?.head_hash ?? '(no blackboard)'}; generation is now ${next}\n`,
      );
    }
    return 0;
  } catch (error) {
    return reportCodegenError(io, error);
  }
}

/** `swarmlord molt verify <archive>`: exit 0 intact, 1 any hash fails. */
export async function runMoltVerify(
  archive: string,
  options: { json?: boolean },
  io: CliIo,
): Promise<number> {
  try {
    const { index, problems } = await verifyMolt(io.cwd, archive);
    if (options.json === true)
      io.stdout.write(`${JSON.stringify({ archive, ok: problems.length === 0, problems }, null, 2)}\n`);
    else if (problems.length === 0) {
      io.stdout.write(
        `${archive}: intact (${index?.files.length ?? 0} file hashes, index and blackboard head re-checked)\n`,
      );
    } else {
      for (const problem of problems) io.stdout.write(`${archive}/${problem.path}: ${problem.problem}\n`);
      io.stdout.write(`${archive}: ${problems.length} problem(s)\n`);
    }
    return problems.length === 0 ? 0 : 1;
  } catch (error) {
    return reportCodegenError(io, error);
  }
}

/** Registers `swarmlord molt` and `molt verify`. */
export function registerMoltCommand(program: Command, io: CliIo): void {
  const molt = program
    .command('molt')
    .description(
      'archive this generation (SSOT, generated files, blackboard, digests; hashed) and start the next',
    )
    .option('--json', 'print the archive index as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord molt
  $ swarmlord molt verify hfo_molt/gen_1`,
    )
    .action(async (options: { json?: boolean }) => {
      const code = await runMolt(options, io);
      if (code !== 0) process.exitCode = code;
    });
  molt
    .command('verify')
    .description('re-check every hash of a molt archive; exit 1 naming what changed')
    .argument('<archive>', 'the archive folder, e.g. hfo_molt/gen_1')
    .option('--json', 'print { ok, problems } as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord molt verify hfo_molt/gen_1`,
    )
    .action(async (archive: string, options: { json?: boolean }) => {
      const code = await runMoltVerify(archive, options, io);
      if (code !== 0) process.exitCode = code;
    });
}
