import type { Command } from 'commander';
import { intentJsonSchema } from '../../intent/index.js';
import { bundleJsonSchema } from '../../verify/index.js';
import type { CliIo } from '../cli-io.js';

/** `swarmlord schema intent|bundle`: JSON Schemas of the intent (for editors) and of review bundle files. */
export function registerSchemaCommand(program: Command, io: CliIo): void {
  const schema = program
    .command('schema')
    .description('print JSON Schemas of swarmlord files')
    .addHelpText(
      'after',
      `
Examples:
  $ swarmlord schema intent > mission-intent.schema.json
  $ swarmlord schema bundle > bundle.schema.json`,
    );
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
  schema
    .command('bundle')
    .description('print the review bundle JSON Schema (the claims file `swarmlord verify` checks)')
    .addHelpText(
      'after',
      `
Example:
  $ swarmlord schema bundle > bundle.schema.json   # then: swarmlord verify claims.json --workspace .`,
    )
    .action(() => {
      io.stdout.write(`${JSON.stringify(bundleJsonSchema(), null, 2)}\n`);
    });
}
