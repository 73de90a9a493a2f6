import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestSchema } from '../contracts/index.js';

/**
 * A held-out real codebase: commander (MIT, LICENSE shipped in the package), copied from
 * node_modules. Nothing in the engine or the personas was tuned to it.
 */
const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const installed = fileURLToPath(new URL('../../node_modules/commander', import.meta.url));
let cwd: string;
let commander: string;

async function swarmlord(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'swarmlord-real-'));
  // A copy, so the run can add what a real checkout has: an ignored log and a binary file.
  commander = join(cwd, 'commander');
  await cp(installed, commander, { recursive: true });
  await writeFile(join(commander, '.gitignore'), '*.log\n');
  await writeFile(join(commander, 'debug.log'), 'noise\n');
  await writeFile(join(commander, 'logo.png'), Buffer.from([137, 80, 78, 71, 0]));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('offline engine on a real codebase (commander)', () => {
  it('cites the implementation when asked where X is implemented, and lists what it skipped', async () => {
    const result = await swarmlord([
      'run',
      'Where is option parsing implemented?',
      '--workspace',
      commander,
      '--yes',
      '--json',
    ]);
    const digest = DigestSchema.parse(JSON.parse(result.stdout));
    const cited = digest.decision_matrix.rows.map((row) => `${row[0]} @ ${row[1]}`);
    expect(cited.some((line) => /^lib\/option\.js (defines|exports) class Option\b/.test(line))).toBe(true);
    expect(cited.join('\n')).not.toMatch(/ line \d+ reads:/);
    const coverage = digest.notes
      .filter((note) => note.text.startsWith('Coverage:'))
      .map((note) => note.text);
    expect(coverage[0]).toMatch(/^Coverage: \d+ files scanned/);
    expect(coverage.join('\n')).toMatch(/skipped 1 — matched by \.gitignore: debug\.log/);
    expect(coverage.join('\n')).toMatch(/skipped 1 — binary files: logo\.png/);
  }, 60_000);

  it('says nothing relevant was found for a nonsense objective, and never passes it', async () => {
    const result = await swarmlord(['run', 'zzqx flurb wibble', '--workspace', commander, '--yes', '--json']);
    const digest = DigestSchema.parse(JSON.parse(result.stdout));
    expect(digest.verdict).not.toBe('PASS');
    expect(digest.blockers.join('\n')).toContain('nothing relevant found');
  }, 60_000);

  it('keeps both digests when the same intent runs twice', async () => {
    const first = await swarmlord([
      'run',
      'Where are commands registered?',
      '--workspace',
      commander,
      '--yes',
    ]);
    const intentPath = /intent written to (\S+)/.exec(first.stderr)?.[1] ?? '';
    await swarmlord(['mission', 'run', intentPath]);
    const missionId = /Mission (\S+):/.exec(first.stderr)?.[1] ?? '';
    const runs = (await readdir(join(cwd, 'hfo_digests', missionId))).filter((name) =>
      name.startsWith('run-'),
    );
    expect(runs).toEqual(['run-001', 'run-002']);
  }, 60_000);
});
