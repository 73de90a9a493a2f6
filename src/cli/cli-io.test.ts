import { describe, expect, it } from 'vitest';
import { processIo } from './cli-io.js';

describe("the process's own io", () => {
  it('gives the process streams, directory and environment', () => {
    const io = processIo();
    expect(io.stdout).toBe(process.stdout);
    expect(io.stderr).toBe(process.stderr);
    expect(io.stdin).toBe(process.stdin);
    expect(io.cwd).toBe(process.cwd());
    expect(io.env).toBe(process.env);
  });

  it('reads stdin from the process only when asked (Node builds that stream on first access)', () => {
    const descriptor = Object.getOwnPropertyDescriptor(processIo(), 'stdin');
    expect(descriptor?.get).toBeTypeOf('function');
    expect(descriptor).not.toHaveProperty('value');
  });
});
