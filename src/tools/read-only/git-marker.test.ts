import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { mayBeInsideGitRepository } from './git-marker.js';

const run = promisify(execFile);
let root: string | undefined;
afterEach(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
  root = undefined;
});

async function freshDirectory(): Promise<string> {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'swarmlord-git-marker-')));
  const nested = path.join(root, 'a', 'b');
  await mkdir(nested, { recursive: true });
  return nested;
}

/** git's own answer, with no inherited `GIT_*` variable (as the runner calls it). */
async function gitSaysInside(directory: string): Promise<boolean> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
  try {
    const { stdout } = await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: directory, env });
    return stdout.trim() === 'true';
  } catch {
    return false;
  }
}

describe('mayBeInsideGitRepository', () => {
  it('is false only where git finds no repository either', async () => {
    const directory = await freshDirectory();
    // Meaningful only when the temp folder itself is outside every repository, as on CI.
    if (mayBeInsideGitRepository(path.dirname(root as string))) return;
    expect(mayBeInsideGitRepository(directory)).toBe(false);
    expect(await gitSaysInside(directory)).toBe(false);
  });

  it('sends the question to git when an ancestor holds a .git directory', async () => {
    const directory = await freshDirectory();
    await run('git', ['init', '--quiet'], { cwd: root });
    expect(mayBeInsideGitRepository(directory)).toBe(true);
    expect(await gitSaysInside(directory)).toBe(true);
  });

  it('sends it on for a worktree .git file, a bare repository HEAD and a dangling .git link', async () => {
    const directory = await freshDirectory();
    const a = path.join(root as string, 'a');
    await writeFile(path.join(directory, '.git'), 'gitdir: /nowhere\n');
    expect(mayBeInsideGitRepository(directory)).toBe(true);
    await rm(path.join(directory, '.git'));
    await writeFile(path.join(a, 'HEAD'), 'ref: refs/heads/main\n');
    expect(mayBeInsideGitRepository(directory)).toBe(true);
    await rm(path.join(a, 'HEAD'));
    await symlink(path.join(root as string, 'missing'), path.join(a, '.git'));
    expect(mayBeInsideGitRepository(directory)).toBe(true);
  });
});
