import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, SAMPLE_WORKSPACE } from '../test/run-built-cli.js';

const run = promisify(execFile);

let dir: string;
const cache = () => join(dir, '.cache', 'swarmlord', 'code');

/**
 * A 1-lane offline mission exporting spans to a closed port: the OTLP exporter is an ES-module
 * package the program imports on its first batch (`__swarmlordImport`, decision 0049), so each run
 * proves a dynamic import works, from source and from the code cache.
 */
async function mission(): Promise<{ verdict: string; stderr: string }> {
  const { stdout, stderr } = await run(
    process.execPath,
    [
      BUILT_CLI,
      'run',
      'Map the architecture and risks',
      '--workspace',
      'workspace',
      '--lanes',
      '1',
      '--yes',
      '--json',
    ],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        NO_COLOR: '1',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      },
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return { verdict: (JSON.parse(stdout) as { verdict: string }).verdict, stderr };
}

describe('the program compiled from its code cache', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swarmlord-code-cache-e2e-'));
    await cp(SAMPLE_WORKSPACE, join(dir, 'workspace'), { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the same mission from source and from the cache, ES-module imports included', async () => {
    const first = await mission();
    const [entry] = await readdir(cache());
    const written = await readFile(join(cache(), entry as string));
    const second = await mission();
    for (const outcome of [first, second]) {
      expect(outcome.verdict).toBe('PASS');
      // The exporter was loaded and tried the closed port: the import itself did not fail.
      expect(outcome.stderr).toContain('could not export spans to http://127.0.0.1:9/v1/traces');
      expect(outcome.stderr).not.toMatch(/dynamic import|ExperimentalWarning/i);
    }
    // Used, not rewritten: the entry is the one the first run wrote.
    expect(await readdir(cache())).toEqual([entry]);
    expect((await readFile(join(cache(), entry as string))).equals(written)).toBe(true);
  }, 240_000);

  it('is written for a command that fails too (a FAIL verdict exits 1): one entry per command', async () => {
    const failed = await run(process.execPath, [BUILT_CLI, 'mission', 'show', 'mi_2026-01-01_abcdef'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1' },
    }).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
    expect(failed).toBe(2);
    const names = (await readdir(cache())).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^mission-[0-9a-f]{64}\.v8$/);
    expect(names[1]).toMatch(/^run-[0-9a-f]{64}\.v8$/);
  }, 120_000);

  it('recompiles when V8 rejects the entry, and writes it again', async () => {
    const entry = (await readdir(cache())).find((name) => name.startsWith('run-'));
    const path = join(cache(), entry as string);
    await writeFile(path, Buffer.alloc(4096, 7), { mode: 0o600 });
    expect((await mission()).verdict).toBe('PASS');
    const rewritten = await readFile(path);
    expect(rewritten.length).toBeGreaterThan(100_000);
    expect(rewritten.equals(Buffer.alloc(4096, 7))).toBe(false);
  }, 120_000);
});
