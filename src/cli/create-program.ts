import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import type { CommandName } from './command-names.js';
import { glossaryHelp } from './glossary-help.js';
import { addModelOptions } from './model-options.js';

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

type Registrar = (program: Command, io: CliIo) => void;

/**
 * Each top-level command's module, imported only when that command runs (or for the full help):
 * `swarmlord --version` loads none of them, `swarmlord run` only what a mission uses. In help order.
 */
const COMMAND_MODULES: Record<CommandName, () => Promise<Registrar>> = {
  run: async () => (await import('./commands/run-command.js')).registerRunCommand,
  mission: async () => (await import('./commands/mission-command.js')).registerMissionCommand,
  audit: async () => (await import('./commands/audit-command.js')).registerAuditCommand,
  schema: async () => (await import('./commands/schema-command.js')).registerSchemaCommand,
  verify: async () => (await import('./commands/verify-command.js')).registerVerifyCommand,
  ssot: async () => (await import('./commands/ssot-command.js')).registerSsotCommand,
  db: async () => (await import('./commands/db-command.js')).registerDbCommand,
  models: async () => (await import('./commands/models-command.js')).registerModelsCommand,
  trace: async () => (await import('./commands/trace-command.js')).registerTraceCommand,
  policy: async () => (await import('./commands/policy-command.js')).registerPolicyCommand,
  serve: async () => (await import('./commands/serve-command.js')).registerServeCommand,
  generate: async () => (await import('./commands/generate-command.js')).registerGenerateCommand,
  validate: async () => (await import('./commands/validate-command.js')).registerValidateCommand,
  molt: async () => (await import('./commands/molt-command.js')).registerMoltCommand,
  todo: async () => (await import('./commands/todo-command.js')).registerTodoCommand,
  worker: async () => (await import('./commands/worker-command.js')).registerWorkerCommand,
  blackboard: async () => (await import('./commands/blackboard-command.js')).registerBlackboardCommand,
};

/**
 * Which commands' modules `args` (argv without node and the script) needs: the command named by
 * the first operand; none for a bare `--version`; all of them otherwise (help, `help <cmd>`, a typo).
 */
export function commandsFor(args: readonly string[] | undefined): string[] {
  const all = Object.keys(COMMAND_MODULES);
  if (args === undefined) return all;
  const operand = args.find((arg) => !arg.startsWith('-'));
  if (operand === undefined) {
    const versionOnly = args.some((arg) => arg === '-v' || arg === '--version');
    const helpToo = args.some((arg) => arg === '-h' || arg === '--help');
    return versionOnly && !helpToo ? [] : all;
  }
  return Object.hasOwn(COMMAND_MODULES, operand) ? [operand] : all;
}

/**
 * The `swarmlord` command tree. With `args` (process.argv.slice(2)) only the commands those
 * arguments run are loaded; without, every command (help tests, completion).
 */
export async function createProgram(io: CliIo, args?: readonly string[]): Promise<Command> {
  const registrars = await Promise.all(
    commandsFor(args).map((name) => (COMMAND_MODULES[name as CommandName] as () => Promise<Registrar>)()),
  );
  const program = new Command()
    .name('swarmlord')
    .description('Run verified, auditable LLM agent swarms over a workspace and get a decision-ready digest.')
    .version(packageVersion(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Usage errors throw instead of exiting, so main can give them the bad-input exit code.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord run "Map the architecture and risks" --workspace examples/sample-service --yes
  $ swarmlord mission new "Where are webhooks verified?" --workspace examples/sample-service
  $ swarmlord mission run hfo_mission_intent/2026-11-22/mission_intent_mi_2026-11-22_a1b2c3.yml --json
  $ swarmlord audit                      # verify the blackboard's hash chain
  $ swarmlord schema intent              # JSON Schema of the mission intent
  $ swarmlord ssot check                 # diagnostics of the SSOT model (ssot/HFO_SSOT.sysml)
  $ swarmlord ssot diagrams              # mermaid class + requirement diagrams of the model

Without a model configured, missions run on the offline engine (deterministic, no network);
every digest names the engine that produced it.
${glossaryHelp()}`,
    );
  for (const register of registrars) register(program, io);
  // Every command that runs a mission takes the same model flags.
  const missionCommands = [program.commands.find((command) => command.name() === 'run')];
  missionCommands.push(
    program.commands
      .find((command) => command.name() === 'mission')
      ?.commands.find((command) => command.name() === 'run'),
  );
  for (const command of missionCommands) if (command !== undefined) addModelOptions(command);
  for (const command of missionCommands)
    command?.option(
      '--apply',
      "write Engage's patch after Verify passes (revert plan first; undo with mission revert)",
    );
  return program;
}
