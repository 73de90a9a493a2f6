import { lstatSync } from 'node:fs';
import path from 'node:path';

/** Whether `entry` exists or cannot be ruled out: a missing entry is the only "no". */
function mayExist(entry: string): boolean {
  try {
    return lstatSync(entry, { throwIfNoEntry: false }) !== undefined;
  } catch {
    // EACCES, ENOTDIR, ELOOP…: this process cannot be sure what git would see there.
    return true;
  }
}

/**
 * Whether git could find a repository from `directory`; `false` only when it certainly cannot.
 *
 * git's discovery (with no `GIT_*` variable, which the runner drops) looks at each directory from
 * `directory` up to the root for a `.git` entry (a directory, or a worktree's `gitdir:` file) or
 * for the directory itself being a git directory, which needs a `HEAD` entry. When none of those
 * levels holds either entry, `git rev-parse --is-inside-work-tree` answers "not a git repository",
 * so no process is needed to know it. Any entry found — or one that cannot be stat'ed — leaves the
 * answer to git itself (safe.directory, core.bare, core.worktree, a `.git` that is not a repository,
 * a filesystem boundary…). `lstat`, not `stat`: a dangling `.git` link still sends the question on.
 */
export function mayBeInsideGitRepository(directory: string): boolean {
  let current = path.resolve(directory);
  for (;;) {
    if (mayExist(path.join(current, '.git')) || mayExist(path.join(current, 'HEAD'))) return true;
    const parent = path.dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}
