import { execFile, execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDigestPairComplete } from '../../digest/index.js';
import { auditBlackboard } from '../audit-blackboard.js';

const cli = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));
const sample = fileURLToPath(new URL('../../../examples/sample-service', import.meta.url));
const execute = promisify(execFile);
/** Small enough to fill in an instant, large enough for a few missions of the sample service. */
const TMPFS_SIZE = '16m';

/** A small tmpfs of our own (we are root here and in CI); the reason when mounting is impossible. */
function mountTmpfs(at: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', at], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs at ${at}: ${(error as { stderr?: Buffer }).stderr?.toString().trim() || String(error)}`;
  }
}

const base = await mkdtemp(join(tmpdir(), 'swarmlord-disk-full-'));
const skipReason = mountTmpfs(base);
if (skipReason !== undefined) {
  // Loud, never silent: the run's log says why the disk-full test did not run.
  console.warn(`SKIPPED disk-full fault test: ${skipReason}`);
}
const cwd = join(base, 'work');
const filler = join(base, 'filler');

async function swarmlord(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return execute(process.execPath, [cli, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', SWARMLORD_DEBUG: '', SWARMLORD_MODEL: '' },
    timeout: 120_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

function mission(take: number) {
  return swarmlord(['run', `Map the architecture and risks, take ${take}`, '--workspace', sample, '--yes']);
}

async function freeBytes(): Promise<number> {
  const stats = await statfs(base);
  return stats.bavail * stats.bsize;
}

/** Fills the filesystem until `leave` bytes are free. */
async function fillLeaving(leave: number): Promise<void> {
  await rm(filler, { force: true });
  await writeFile(filler, Buffer.alloc(Math.max(0, (await freeBytes()) - leave)));
}

async function filesUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found;
}

/** The record after any run: audit passes, no temp file, every digest folder holds a whole pair or none. */
async function expectIntactRecord(context: string): Promise<void> {
  const board = join(cwd, 'hfo_blackboard', 'obsidian_synapse_blackboard.jsonl');
  const audit = await auditBlackboard(board);
  expect(audit.ok, `${context}: ${audit.firstBad?.reason}`).toBe(true);
  expect(audit.anchors?.problems ?? [], context).toEqual([]);
  const files = (await filesUnder(cwd)).map((path) => relative(cwd, path));
  expect(
    files.filter((name) => /\.tmp$|\.tmp-/.test(name)),
    context,
  ).toEqual([]);
  const digestDirs = new Set(
    files.filter((name) => /(^|\/)digest\.(md|json)$/.test(name)).map((name) => join(cwd, dirname(name))),
  );
  for (const directory of digestDirs) {
    expect(await isDigestPairComplete(directory), `${context}: ${directory}`).toBe(true);
  }
}

beforeAll(async () => {
  if (skipReason === undefined) await mkdir(cwd);
});

afterAll(async () => {
  if (skipReason === undefined) execFileSync('umount', [base]);
  await rm(base, { recursive: true, force: true });
});

describe('a mission that runs out of disk space', () => {
  it.skipIf(skipReason !== undefined)(
    'ends naming the file and the cause (exit 74), leaves the record auditable, and the next run on free space works',
    { timeout: 600_000 },
    async () => {
      // One mission on free space: what a mission writes, and a chain to append to.
      const before = await freeBytes();
      const first = await mission(1);
      expect(first.code, first.stderr).toBeLessThan(2);
      const footprint = before - (await freeBytes());
      expect(footprint).toBeGreaterThan(0);

      // Out of space at different points of the next mission: early (the intent, the first receipts), mid-run, at the digest.
      let failures = 0;
      for (const [take, share] of [0, 0.1, 0.4, 0.7, 0.95].entries()) {
        await fillLeaving(Math.floor(footprint * share));
        const outcome = await mission(take + 2);
        if (outcome.code !== 0 && outcome.code !== 1) {
          failures += 1;
          expect(outcome.code, outcome.stderr).toBe(74);
          // One line naming a file under the working directory and the cause; no stack trace.
          expect(outcome.stderr).toMatch(new RegExp(`swarmlord: .*${cwd}/\\S+.*ENOSPC`));
          expect(outcome.stderr).not.toMatch(/\n\s+at /);
        }
        await rm(filler, { force: true });
        await expectIntactRecord(`after running out of space with ${share} of a mission free`);
      }
      expect(failures).toBeGreaterThan(0);

      // Free space again: the next mission completes onto the same chain.
      const last = await mission(99);
      expect(last.code, last.stderr).toBeLessThan(2);
      await expectIntactRecord('after the run on free space');
      const audit = await swarmlord(['audit']);
      expect(audit.code, audit.stdout).toBe(0);
    },
  );
});
