import { join } from 'node:path';
import type { Command } from 'commander';
import {
  CodegenError,
  GENERATION_TARGETS,
  type GenerationTarget,
  loadGenerationContext,
  planGeneration,
  writeGeneration,
} from '../../codegen/index.js';
import { createCallCache, withCallCache } from '../../models/call-cache/index.js';
import type { ModelPort } from '../../models/index.js';
import { ModelError } from '../../models/index.js';
import { createModelFromSpec, parseModelSpec } from '../../models/providers/index.js';
import type { AgentInfo } from '../../sysml/model-types.js';
import type { CliIo } from '../cli-io.js';
import { formatCliError } from '../format-cli-error.js';
import { CALL_CACHE_DIR } from '../model-runtime.js';

/** Prints a codegen command's error as one line; bad input (model, names, files) exits 2. */
export function reportCodegenError(io: CliIo, error: unknown): number {
  if (CodegenError.isInstance(error)) {
    io.stderr.write(`swarmlord: ${error.message}\n`);
    return error.code === 'VALIDATE_TOOL_MISSING' ? 1 : 2;
  }
  const report = formatCliError(error, io.env);
  io.stderr.write(report.text);
  return report.exitCode;
}

/**
 * The model that writes an agent's behaviour cases, behind the call cache: recorded when its key
 * is set, replayed (no network, no key) when it is not; none for the offline engine.
 */
function createCaseWriter(io: CliIo, replay: boolean) {
  const cache = createCallCache({ dir: join(io.cwd, CALL_CACHE_DIR), env: io.env });
  return (registry: { modelFor(name: string): string | undefined }) =>
    (agent: AgentInfo): ModelPort | undefined => {
      const spec = registry.modelFor(agent.qualifiedName);
      if (spec === undefined || spec === 'offline') return undefined;
      if (!replay) {
        try {
          return withCallCache(createModelFromSpec(spec, { env: io.env }), { cache, mode: 'record' });
        } catch (error) {
          if (!ModelError.isInstance(error)) throw error;
        }
      }
      const parsed = parseModelSpec(spec);
      const replayOnly: ModelPort = {
        provider: parsed.provider,
        modelId: parsed.modelId,
        label: `${spec} (replay only)`,
        generate: () => Promise.reject(new ModelError('MODEL_REPLAY_MISS', `no recording for ${spec}`)),
      };
      return withCallCache(replayOnly, { cache, mode: 'replay' });
    };
}

/** `swarmlord generate <target>`: writes what the model implies; exit 0, 2 on a bad model or name. */
export async function runGenerate(
  target: string,
  options: { agent?: string[]; json?: boolean; replay?: boolean },
  io: CliIo,
): Promise<number> {
  try {
    if (!GENERATION_TARGETS.includes(target as GenerationTarget)) {
      throw new CodegenError(
        'CODEGEN_UNKNOWN_TARGET',
        `unknown target "${target}" (one of ${GENERATION_TARGETS.join(', ')})`,
      );
    }
    const context = await loadGenerationContext(io.cwd, io.env);
    const writer = createCaseWriter(io, options.replay === true)(context.ssot.registry);
    const plan = await planGeneration(context, {
      target: target as GenerationTarget,
      ...(options.agent === undefined ? {} : { agents: options.agent }),
      caseWriter: writer,
    });
    const receipt = await writeGeneration(context, plan, {
      target: target as GenerationTarget,
      now: new Date(),
    });
    if (options.json === true) {
      io.stdout.write(`${JSON.stringify(receipt, null, 2)}\n`);
      return 0;
    }
    for (const warning of receipt.warnings) io.stderr.write(`warning: ${warning}\n`);
    for (const file of receipt.files)
      io.stdout.write(`${file.changed ? 'wrote    ' : 'unchanged'} ${file.path}\n`);
    const changed = receipt.files.filter((file) => file.changed).length;
    io.stdout.write(
      `generate ${target}: ${receipt.files.length} files (${changed} changed) from model ${receipt.model_hash.slice(0, 19)}…\n`,
    );
    if (receipt.files.length === 0)
      io.stdout.write('the project model defines no agents (add a part def X :> Agent to ssot/)\n');
    return 0;
  } catch (error) {
    return reportCodegenError(io, error);
  }
}

/** Registers `swarmlord generate agent|tests|docs|configs|db|all`. */
export function registerGenerateCommand(program: Command, io: CliIo): void {
  program
    .command('generate')
    .description('generate agents, tests, docs, configs and the DB schema from the SSOT model')
    .argument('<target>', `what to generate: ${GENERATION_TARGETS.join(' | ')}`)
    .option('--agent <name...>', 'only these agents (required for `generate agent`)')
    .option('--replay', 'model-written behaviour cases only from the call cache (no network)')
    .option('--json', 'print the generation receipt as JSON')
    .addHelpText(
      'after',
      `
Every file carries a header naming its model element and the model's hash; \`swarmlord ssot drift\`
reports hand edits. The same model gives byte-identical files.

Examples:
  $ swarmlord generate agent --agent SecurityReviewerAgent
  $ swarmlord generate tests
  $ swarmlord generate all --json`,
    )
    .action(async (target: string, options: { agent?: string[]; json?: boolean; replay?: boolean }) => {
      const code = await runGenerate(target, options, io);
      if (code !== 0) process.exitCode = code;
    });
}
