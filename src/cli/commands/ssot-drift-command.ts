import type { Command } from 'commander';
import { checkDrift, computeSsotStatus, loadGenerationContext } from '../../codegen/index.js';
import type { CliIo } from '../cli-io.js';
import { reportCodegenError } from './generate-command.js';

/** `ssot drift`: exit 1 when any generated file was edited by hand, is stale or is unexplained. */
export async function runSsotDrift(options: { json?: boolean }, io: CliIo): Promise<number> {
  try {
    const findings = await checkDrift(await loadGenerationContext(io.cwd, io.env));
    if (options.json === true)
      io.stdout.write(`${JSON.stringify({ clean: findings.length === 0, findings }, null, 2)}\n`);
    else {
      for (const finding of findings)
        io.stdout.write(`${finding.kind.padEnd(24)} ${finding.path}: ${finding.detail}\n`);
      io.stdout.write(
        findings.length === 0 ? 'ssot drift: clean\n' : `ssot drift: ${findings.length} finding(s)\n`,
      );
    }
    return findings.length === 0 ? 0 : 1;
  } catch (error) {
    return reportCodegenError(io, error);
  }
}

/** `ssot status`: the seed's success metrics, computed; exit 0 (a report, not a gate). */
export async function runSsotStatus(options: { json?: boolean }, io: CliIo): Promise<number> {
  try {
    const metrics = await computeSsotStatus(await loadGenerationContext(io.cwd, io.env), new Date());
    if (options.json === true) io.stdout.write(`${JSON.stringify({ metrics }, null, 2)}\n`);
    else {
      const width = Math.max(...metrics.map((metric) => metric.metric.length));
      io.stdout.write(`${'METRIC'.padEnd(width)}  STATUS  DETAIL\n`);
      for (const metric of metrics) {
        io.stdout.write(`${metric.metric.padEnd(width)}  ${metric.status.padEnd(6)}  ${metric.detail}\n`);
      }
    }
    return 0;
  } catch (error) {
    return reportCodegenError(io, error);
  }
}

/** Adds `drift` and `status` to the `ssot` command. */
export function registerSsotDriftCommands(ssot: Command, io: CliIo): void {
  ssot
    .command('drift')
    .description(
      'report hand edits, stale and unexplained generated files, and rewritten vision sections; exit 1 when any',
    )
    .option('--json', 'print { clean, findings } as JSON')
    .addHelpText('after', '\nExamples:\n  $ swarmlord ssot drift\n  $ swarmlord ssot drift --json')
    .action(async (options: { json?: boolean }) => {
      const code = await runSsotDrift(options, io);
      if (code !== 0) process.exitCode = code;
    });
  ssot
    .command('status')
    .description("the seed's success metrics, computed from the project's files")
    .option('--json', 'print { metrics } as JSON')
    .addHelpText('after', '\nExamples:\n  $ swarmlord ssot status\n  $ swarmlord ssot status --json')
    .action(async (options: { json?: boolean }) => {
      const code = await runSsotStatus(options, io);
      if (code !== 0) process.exitCode = code;
    });
}
