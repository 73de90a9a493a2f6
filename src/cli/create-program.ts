import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { registerAuditCommand } from './commands/audit-command.js';
import { registerDbCommand } from './commands/db-command.js';
import { registerGenerateCommand } from './commands/generate-command.js';
import { registerMissionCommand } from './commands/mission-command.js';
import { registerModelsCommand } from './commands/models-command.js';
import { registerMoltCommand } from './commands/molt-command.js';
import { registerPolicyCommand } from './commands/policy-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerSchemaCommand } from './commands/schema-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerSsotCommand } from './commands/ssot-command.js';
import { registerTodoCommand } from './commands/todo-command.js';
import { registerTraceCommand } from './commands/trace-command.js';
import { registerValidateCommand } from './commands/validate-command.js';
import { registerVerifyCommand } from './commands/verify-command.js';
import { glossaryHelp } from './glossary-help.js';
import { addModelOptions } from './model-options.js';

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** The `swarmlord` command tree. */
export function createProgram(io: CliIo): Command {
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
  registerRunCommand(program, io);
  registerMissionCommand(program, io);
  registerAuditCommand(program, io);
  registerSchemaCommand(program, io);
  registerVerifyCommand(program, io);
  registerSsotCommand(program, io);
  registerDbCommand(program, io);
  registerModelsCommand(program, io);
  registerTraceCommand(program, io);
  registerPolicyCommand(program, io);
  registerServeCommand(program, io);
  registerGenerateCommand(program, io);
  registerValidateCommand(program, io);
  registerMoltCommand(program, io);
  registerTodoCommand(program, io);
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
