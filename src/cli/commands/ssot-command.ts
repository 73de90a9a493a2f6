import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  loadSsot,
  modelEnvKey,
  PROJECT_SSOT_FILE,
  SsotError,
  type SsotLoadResult,
  writeSsotDiagrams,
} from '../../ssot/index.js';
import { formatDiagnostic } from '../../sysml/index.js';
import { type CliIo, processIo } from '../cli-io.js';
import { formatCliError } from '../format-cli-error.js';
import { registerSsotDriftCommands } from './ssot-drift-command.js';

const DEFAULT_DIAGRAMS_DIR = 'ssot/diagrams';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What `ssot check --json` prints per agent: enough to see what the swarm will run. */
function agentSummaries(result: SsotLoadResult) {
  return result.registry.roles().map((agent) => {
    const choice = result.registry.modelChoiceFor(agent.qualifiedName);
    return {
      name: agent.name,
      qualifiedName: agent.qualifiedName,
      specializes: agent.specializes,
      model: choice?.model ?? null,
      modelSource: choice?.source ?? null,
      modelEnvKey: modelEnvKey(agent.name),
      requirements: result.registry.criteriaFor(agent.qualifiedName),
      ports: agent.ports.map((port) => ({
        name: port.name,
        direction: port.direction ?? null,
        types: port.types,
      })),
      location: agent.location,
    };
  });
}

/** Loads the SSOT (or the given files and directories), turning a missing one into one line and exit code 2. */
async function loadOrReport(
  io: CliIo,
  file: string | readonly string[] | undefined,
): Promise<SsotLoadResult | number> {
  const paths = file === undefined ? [] : typeof file === 'string' ? [file] : file;
  try {
    return await loadSsot({ cwd: io.cwd, env: io.env, ...(paths.length === 0 ? {} : { paths }) });
  } catch (error) {
    if (SsotError.isInstance(error) && error.code === 'SSOT_NOT_FOUND') {
      io.stderr.write(`swarmlord: ${error.message}\n`);
      return 2;
    }
    const report = formatCliError(error, io.env);
    io.stderr.write(report.text);
    return report.exitCode;
  }
}

/**
 * `ssot check [PATH…]`: files and directories checked as one model with the default model; returns
 * the exit code (1 when any diagnostic is an error).
 */
export async function runSsotCheck(
  file: string | readonly string[] | undefined,
  options: { json?: boolean },
  io: CliIo,
): Promise<number> {
  const result = await loadOrReport(io, file);
  if (typeof result === 'number') return result;
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (options.json === true) {
    const report = { files: result.files, diagnostics: result.diagnostics, agents: agentSummaries(result) };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const diagnostic of result.diagnostics) io.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    const agents = result.registry.roles().length;
    io.stdout.write(
      `ssot check: ${plural(result.files.length, 'file')}, ${plural(errors, 'error')}, ` +
        `${plural(warnings, 'warning')}, ${plural(agents, 'agent')}\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

/** `ssot diagrams [FILE] [--output DIR]`: writes nothing when the model has errors. */
export async function runSsotDiagrams(
  file: string | undefined,
  options: { output: string },
  io: CliIo,
): Promise<number> {
  const result = await loadOrReport(io, file);
  if (typeof result === 'number') return result;
  for (const diagnostic of result.diagnostics) io.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    io.stderr.write('swarmlord: the model has errors; no diagrams written (run `swarmlord ssot check`)\n');
    return 1;
  }
  const written = await writeSsotDiagrams(result.model, {
    outputDir: resolve(io.cwd, options.output),
    sources: result.files,
  });
  for (const path of written) io.stdout.write(`${relative(io.cwd, path) || path}\n`);
  return 0;
}

/**
 * `swarmlord ssot check|diagrams`: the system model's diagnostics and its mermaid diagrams. Exit codes
 * are set on `process.exitCode` (1 model errors, 2 missing file) so output is flushed normally.
 */
export function registerSsotCommand(program: Command, io: CliIo = processIo()): void {
  const ssot = program
    .command('ssot')
    .description('check the SysML system model (SSOT) and draw its diagrams')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord ssot check
  $ swarmlord ssot diagrams --output docs/diagrams`,
    );
  ssot
    .command('check')
    .description("report the model's diagnostics as file:line:col (default model + every .sysml under ssot/)")
    .argument('[paths...]', 'files and directories to check as one model instead of ssot/')
    .option('--json', 'print { files, diagnostics, agents } as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord ssot check
  $ swarmlord ssot check models/draft.sysml --json
  $ swarmlord ssot check models/ shared/interfaces.sysml`,
    )
    .action(async (paths: string[], options: { json?: boolean }) => {
      const code = await runSsotCheck(paths, options, io);
      if (code !== 0) process.exitCode = code;
    });
  ssot
    .command('diagrams')
    .description('write mermaid class and requirement diagrams of the model, with an index.md')
    .argument('[file]', `a model to draw instead of ${PROJECT_SSOT_FILE}`)
    .option('-o, --output <dir>', 'output folder', DEFAULT_DIAGRAMS_DIR)
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord ssot diagrams
  $ swarmlord ssot diagrams --output docs/diagrams`,
    )
    .action(async (file: string | undefined, options: { output: string }) => {
      const code = await runSsotDiagrams(file, options, io);
      if (code !== 0) process.exitCode = code;
    });
  registerSsotDriftCommands(ssot, io);
}
