import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { createProgram } from './create-program.js';

function quietIo(): CliIo {
  return { stdout: new PassThrough(), stderr: new PassThrough(), cwd: process.cwd(), env: {} };
}

function walk(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  const here = { path, command };
  return [here, ...command.commands.flatMap((child) => walk(child, [...path, child.name()]))];
}

/** The help text commander prints for a command, including `addHelpText('after', …)` sections. */
function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk), writeErr: (chunk) => (text += chunk) });
  command.outputHelp();
  return text;
}

const program = await createProgram(quietIo());

describe('every command’s --help', () => {
  const commands = walk(program);

  it.each(commands.map((entry) => [entry.path.join(' ') || 'swarmlord', entry.command] as const))(
    '%s has an example',
    (_name, command) => {
      expect(helpOf(command)).toMatch(/Examples?( \([^)]*\))?:\n\s+\$ swarmlord /);
    },
  );

  it('the top-level help has the glossary', () => {
    const help = helpOf(program);
    for (const term of [
      'PREY',
      'Cynefin',
      'immunizer',
      'disruptor',
      'verifier_aux',
      'blackboard',
      'receipt',
      'digest',
      'hallucination rate',
      'quorum',
    ])
      expect(help).toContain(`  ${term} `);
  });

  it('run --help says where outputs go', () => {
    const run = program.commands.find((command) => command.name() === 'run') as Command;
    const help = helpOf(run);
    expect(help).toContain('hfo_digests/<mission_id>/run-NNN/');
    expect(help).toContain('bundle.json');
    expect(help).toContain('hfo_cache/model_calls/');
  });
});
