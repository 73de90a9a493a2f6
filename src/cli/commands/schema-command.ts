import type { Command } from 'commander';
import { intentJsonSchema } from '../../intent/index.js';
import type { CliIo } from '../cli-io.js';

/** `swarmlord schema intent`: the intent's JSON Schema, for editors. */
export function registerSchemaCommand(program: Command, io: CliIo): void {
  const schema = program.command('schema').description('print JSON Schemas of swarmlord files');
  schema
    .command('intent')
    .description('print the mission intent JSON Schema')
    .addHelpText(
      'after',
      `
Example (YAML language server):
  $ swarmlord schema intent > mission-intent.schema.json
  # then in the intent file: # yaml-language-server: $schema=./mission-intent.schema.json`,
    )
    .action(() => {
      io.stdout.write(`${JSON.stringify(intentJsonSchema(), null, 2)}\n`);
    });
}
