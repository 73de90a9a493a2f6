import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RefProblem } from './ref-resolution.js';

/** A workspace file located for reading, or the reason it cannot be (messages omit the path: callers prefix it). */
export type WorkspaceFileLocation =
  | { ok: true; absolute: string; size: number }
  | { ok: false; problem: RefProblem };

/** The Node error code of a failed file-system call (`ENOENT`, `EACCES`, …). */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * File-system failures that are the ref's fault (the file it names cannot be read), reported as a
 * problem. Anything else (EMFILE, EIO, …) is the machine's fault and is thrown: marking evidence
 * unresolved because the host ran out of descriptors would blame a lane for nothing.
 */
export const UNREADABLE_FILE_CODES: ReadonlySet<string> = new Set([
  'EACCES',
  'EPERM',
  'ELOOP',
  'ENAMETOOLONG',
  'EISDIR',
]);

/**
 * Checks the form of a workspace-relative path before touching the disk, so that a forged path
 * such as `../../etc/passwd` is rejected for what it is rather than for whether it happens to exist.
 */
export function checkRelativePath(relativePath: string): RefProblem | undefined {
  const segments = relativePath.split('/');
  if (relativePath.startsWith('/') || /^[A-Za-z]:/.test(relativePath) || segments.includes('..')) {
    return { code: 'outside-workspace', message: 'is outside the workspace' };
  }
  if (
    relativePath.includes('\\') ||
    relativePath.includes('\0') ||
    path.posix.normalize(relativePath) !== relativePath ||
    relativePath.endsWith('/') ||
    relativePath === '.'
  ) {
    return {
      code: 'path-invalid',
      message: 'is not a normalized workspace-relative path (use / separators, no . or empty segments)',
    };
  }
  return undefined;
}

/**
 * Finds `relativePath` inside `workspaceRealPath` (already passed through `realpath`). The target is
 * resolved with `realpath` too, so a symlink inside the workspace that points outside is refused.
 * Both calls are synchronous (decision 0034): a path lookup is a few microseconds of kernel work,
 * and a promise round trip through the thread pool cost several times that in CPU.
 */
export function locateWorkspaceFile(workspaceRealPath: string, relativePath: string): WorkspaceFileLocation {
  const formProblem = checkRelativePath(relativePath);
  if (formProblem !== undefined) return { ok: false, problem: formProblem };
  let target: string;
  try {
    // The native realpath(3), as fs/promises' realpath is.
    target = realpathSync.native(path.join(workspaceRealPath, relativePath));
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { ok: false, problem: { code: 'file-missing', message: 'does not exist' } };
    }
    if (code !== undefined && UNREADABLE_FILE_CODES.has(code)) {
      return { ok: false, problem: { code: 'file-unreadable', message: `cannot be read (${code})` } };
    }
    throw error;
  }
  const fromRoot = path.relative(workspaceRealPath, target);
  if (fromRoot === '..' || fromRoot.startsWith(`..${path.sep}`) || path.isAbsolute(fromRoot)) {
    return {
      ok: false,
      problem: {
        code: 'outside-workspace',
        message: `resolves outside the workspace (symlink to ${target})`,
      },
    };
  }
  const stats = statSync(target);
  // A symlink to the workspace root itself lands here too: it is a directory, not outside.
  if (!stats.isFile()) {
    return { ok: false, problem: { code: 'not-a-file', message: 'is not a regular file' } };
  }
  return { ok: true, absolute: target, size: stats.size };
}
