import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createIntent, loadIntentFile } from '../../intent/index.js';
import { ModelError } from '../../models/index.js';
import {
  checkModelEndpoint,
  createModelFromSpec,
  MODEL_ENV_VARIABLES,
} from '../../models/providers/index.js';
import type { CliIo } from '../cli-io.js';
import { formatTable } from '../format-table.js';
import type { RoleModelChoice } from '../model-runtime.js';
import { chooseMissionModels } from '../model-runtime.js';
import { loadSsotRuntime } from '../ssot-runtime.js';

interface ModelsOptions {
  lanes: number;
  model?: string;
  check?: boolean;
  json?: boolean;
}

interface SpecStatus {
  spec: string;
  /** A missing key or base URL, or an unknown provider. */
  problem?: string;
  /** With `--check`: whether the endpoint answered. */
  check?: { ok: boolean; detail: string };
}

function parseLaneCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 256) {
    throw new InvalidArgumentError('must be a whole number from 1 to 256');
  }
  return count;
}

async function statusOf(spec: string, env: CliIo['env'], check: boolean): Promise<SpecStatus> {
  try {
    createModelFromSpec(spec, { env });
  } catch (error) {
    if (ModelError.isInstance(error)) return { spec, problem: error.message };
    throw error;
  }
  return check ? { spec, check: await checkModelEndpoint(spec, env) } : { spec };
}

/** `swarmlord models`: which model each lane role and validator would use, and why. */
export function registerModelsCommand(program: Command, io: CliIo): void {
  program
    .command('models')
    .description(
      'show the model each lane role and validator would use, which setting chose it, and (--check) whether it answers',
    )
    .argument('[intent]', 'a mission intent YAML (default: the defaults `swarmlord run` would write)')
    .option('-l, --lanes <n>', 'lanes, when no intent is given', parseLaneCount, 2)
    .option('-m, --model <spec>', 'as `run --model`')
    .option('--check', 'ask each endpoint whether it answers (GET <base>/models, 5 s timeout)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Precedence, highest first: the intent's lane model, the intent's models.<role>,
SWARMLORD_MODEL_<ROLE>, the SSOT agent's model attribute, --model, SWARMLORD_MODEL; else offline.

Examples:
  $ swarmlord models
  $ SWARMLORD_MODEL=ollama:qwen2.5-coder:7b swarmlord models --check
  $ swarmlord models hfo_mission_intent/2026-12-01/mission_intent_mi_2026-12-01_a1b2c3.yml --json`,
    )
    .action(async (intentPath: string | undefined, options: ModelsOptions) => {
      const intent =
        intentPath === undefined
          ? createIntent({ objective: 'models', lanes: options.lanes })
          : await loadIntentFile(intentPath);
      const ssot = await loadSsotRuntime(io.cwd, intent);
      const choices: RoleModelChoice[] = chooseMissionModels({
        intent,
        env: io.env,
        cliModel: options.model,
        registry: ssot.registry,
      });
      const specs = [...new Set(choices.map((choice) => choice.spec))];
      const statuses = await Promise.all(specs.map((spec) => statusOf(spec, io.env, options.check === true)));
      const failed = statuses.some((status) => status.problem !== undefined || status.check?.ok === false);
      if (failed) process.exitCode = 1;
      if (options.json === true) {
        io.stdout.write(`${JSON.stringify({ choices, models: statuses }, null, 2)}\n`);
        return;
      }
      const rows = [['lane', 'role', 'model', 'chosen by']];
      for (const choice of choices)
        rows.push([choice.lane_id ?? '(verify)', choice.role, choice.spec, choice.source]);
      io.stdout.write(`${formatTable(rows)}\n\n`);
      for (const status of statuses) {
        const state =
          status.problem ??
          (status.check === undefined
            ? 'configured'
            : `${status.check.ok ? 'answers' : 'FAILED'}: ${status.check.detail}`);
        io.stdout.write(`${status.spec}: ${state}\n`);
      }
      const used = new Set(specs.filter((spec) => spec !== 'offline'));
      if (used.size === 0) {
        io.stdout.write(
          `\nNothing is configured: every role runs on the offline engine. Set SWARMLORD_MODEL or pass --model; variables:\n${formatTable(MODEL_ENV_VARIABLES.map((variable) => [`  ${variable.name}`, variable.meaning]))}\n`,
        );
      }
    });
}
