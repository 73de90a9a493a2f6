import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readHeadCommit } from './git-file-at-commit.js';

const exec = promisify(execFile);
const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('readHeadCommit', () => {
  it('is undefined outside a repository, and follows HEAD as commits and checkouts move it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'swarmlord-head-'));
    made.push(root);
    const workspace = join(root, 'ws');
    await mkdir(workspace);
    expect(await readHeadCommit(workspace)).toBeUndefined();
    const git = (...args: string[]) =>
      exec('git', ['-C', workspace, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args]);
    await git('init', '-q');
    await writeFile(join(workspace, 'a.txt'), 'one\n');
    await git('add', 'a.txt');
    await git('commit', '-q', '-m', 'one');
    const first = (await git('rev-parse', 'HEAD')).stdout.trim();
    expect(await readHeadCommit(workspace)).toBe(first);
    expect(await readHeadCommit(workspace)).toBe(first);
    await writeFile(join(workspace, 'a.txt'), 'two\n');
    await git('commit', '-q', '-am', 'two');
    const second = (await git('rev-parse', 'HEAD')).stdout.trim();
    expect(second).not.toBe(first);
    expect(await readHeadCommit(workspace)).toBe(second);
    await git('checkout', '-q', first);
    expect(await readHeadCommit(workspace)).toBe(first);
    await git('checkout', '-q', '-');
    await git('pack-refs', '--all');
    expect(await readHeadCommit(workspace)).toBe(second);
  });

  it('finds the repository above a nested workspace, and none once its .git is gone', async () => {
    const root = await mkdtemp(join(tmpdir(), 'swarmlord-head-'));
    made.push(root);
    const git = (...args: string[]) =>
      exec('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args]);
    await git('init', '-q');
    await writeFile(join(root, 'a.txt'), 'one\n');
    await git('add', 'a.txt');
    await git('commit', '-q', '-m', 'one');
    const head = (await git('rev-parse', 'HEAD')).stdout.trim();
    const nested = join(root, 'src', 'deep');
    await mkdir(nested, { recursive: true });
    expect(await readHeadCommit(nested)).toBe(head);
    await rm(join(root, '.git'), { recursive: true, force: true });
    expect(await readHeadCommit(nested)).toBeUndefined();
  });
});
