import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, namedCommand } from './command-names.js';
import { createProgram } from './create-program.js';

describe('the command a process runs', () => {
  it('is the first operand when it names a top-level command', () => {
    expect(namedCommand(['run', 'Map the risks', '--yes'])).toBe('run');
    expect(namedCommand(['--json', 'mission', 'status'])).toBe('mission');
    expect(namedCommand(['Map the risks'])).toBeUndefined();
    expect(namedCommand(['--version'])).toBeUndefined();
    expect(namedCommand([])).toBeUndefined();
  });

  it('is one of the commands the program has, in help order', async () => {
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), cwd: process.cwd(), env: {} };
    const program = await createProgram(io);
    expect(program.commands.map((command) => command.name())).toEqual([...COMMAND_NAMES]);
  });
});
