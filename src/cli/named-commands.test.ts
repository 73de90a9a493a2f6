import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from './create-program.js';

const src = fileURLToPath(new URL('..', import.meta.url));

/** `swarmlord …` in a string that is not a command: titles and generated text. */
const NOT_COMMANDS = new Set([
  'swarmlord mission intent', // the intent JSON Schema's title
  'swarmlord review bundle', // the bundle JSON Schema's title
  'swarmlord canary', // text of a forged canary quote
  'swarmlord bench', // the benchmark report's heading (npm run bench)
  'swarmlord computes', // prose in a doc comment
]);

function commandPaths(command: Command, path: string[] = []): string[][] {
  return command.commands.flatMap((child) => {
    const here = [...path, child.name()];
    return [here, ...commandPaths(child, here)];
  });
}

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.includes('.test.'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('commands named in messages and help', () => {
  it('exist: every quoted `swarmlord <command> [<subcommand>]` in the sources is a real command', async () => {
    const program = await createProgram({
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      cwd: src,
      env: {},
    });
    const known = new Set(commandPaths(program).map((path) => path.join(' ')));
    const parents = new Set(
      commandPaths(program)
        .filter(
          (path) =>
            path.length === 1 &&
            (program.commands.find((c) => c.name() === path[0])?.commands.length ?? 0) > 0,
        )
        .map((path) => path.join(' ')),
    );
    const wrong: string[] = [];
    for (const file of await sourceFiles(src)) {
      const text = await readFile(file, 'utf8');
      // Only where a command starts a quoted span (`…`, '…', "…", (…)): messages and help, not prose.
      for (const match of text.matchAll(/(?:\\`|[`'"(])swarmlord ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)) {
        const [, first = '', second] = match;
        const named = second === undefined ? first : `${first} ${second}`;
        if (NOT_COMMANDS.has(`swarmlord ${named}`) || NOT_COMMANDS.has(`swarmlord ${first}`)) continue;
        const line = text.slice(0, match.index).split('\n').length;
        const where = `${relative(src, file)}:${line}`;
        if (!known.has(first)) wrong.push(`${where}: swarmlord ${first} (no such command)`);
        else if (parents.has(first) && second !== undefined && !known.has(named))
          wrong.push(`${where}: swarmlord ${named} (no such subcommand)`);
      }
    }
    expect(wrong).toEqual([]);
    expect(known.has('audit')).toBe(true);
  });
});
