import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MANIFEST_PATH } from './codegen-paths.js';

const run = promisify(execFile);

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', [...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Paths HEAD has, of those given (none before the first commit). */
async function trackedPaths(cwd: string, paths: readonly string[]): Promise<Set<string>> {
  const out = await git(cwd, ['ls-tree', '-r', '--name-only', 'HEAD', '--', ...paths]).catch(() => '');
  return new Set(out.split('\n').filter((line) => line !== ''));
}

/**
 * Commits the generated files and the manifest (only those paths) as `feat(ssot): <summary>`.
 * Returns the commit, or undefined when nothing changed.
 */
export async function commitGeneration(
  cwd: string,
  files: readonly string[],
  summary: string,
): Promise<string | undefined> {
  const paths = [...files, MANIFEST_PATH];
  await git(cwd, ['add', '--', ...paths]);
  const staged = await git(cwd, ['diff', '--cached', '--name-only', '--', ...paths]);
  if (staged.trim() === '') return undefined;
  await git(cwd, ['commit', '-m', `feat(ssot): ${summary}`, '--', ...paths]);
  return (await git(cwd, ['rev-parse', 'HEAD'])).trim();
}

/**
 * Rolls a rejected generation back: tracked files to HEAD, files git never had removed, so the
 * working tree holds the last approved generation again.
 */
export async function restoreGeneration(
  cwd: string,
  files: readonly string[],
): Promise<{ restored: string[]; removed: string[] }> {
  const paths = [...files, MANIFEST_PATH];
  const tracked = await trackedPaths(cwd, paths);
  const restored = paths.filter((path) => tracked.has(path));
  const removed = paths.filter((path) => !tracked.has(path));
  if (restored.length > 0) await git(cwd, ['checkout', 'HEAD', '--', ...restored]);
  for (const path of removed) await rm(join(cwd, path), { force: true });
  return { restored, removed };
}
