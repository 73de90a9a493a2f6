import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const COMMIT = /^[0-9a-f]{7,64}$/i;

/**
 * The text of `relativePath` at `commit` in the git repository at `workspace`, or `undefined` when
 * the workspace is not a repository, git is missing, or the commit or path is unknown there.
 */
export async function readFileAtCommit(
  workspace: string,
  commit: string,
  relativePath: string,
): Promise<string | undefined> {
  if (!COMMIT.test(commit) || relativePath.startsWith('-')) return undefined;
  try {
    const { stdout } = await run('git', ['-C', workspace, 'show', `${commit}:./${relativePath}`], {
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    return stdout;
  } catch {
    // Not a repository, no git, unknown commit: the working tree is all there is to check against.
    return undefined;
  }
}

/** Whether `path` exists: a synchronous stat that reports a missing entry without an exception. */
function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    // Unreadable (EACCES and the like): as before, not a marker git would use from here.
    return false;
  }
}

/**
 * What git would look at first: `.git` (a directory, or a worktree's file) or a bare repository.
 * Every mission asks from its workspace up to the root, mostly for entries that do not exist: a
 * synchronous stat each (microseconds, no error built per missing entry) instead of a promise that
 * rejects with an `Error` per level.
 */
function findGitMarker(workspace: string): string | undefined {
  let directory = resolve(workspace);
  for (;;) {
    const dotGit = join(directory, '.git');
    if (exists(dotGit)) return dotGit;
    const head = join(directory, 'HEAD');
    if (exists(head)) return head;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** HEAD's text and the stamps of the files its ref is read from: equal fingerprints, equal commit. */
async function headFingerprint(marker: string): Promise<string | undefined> {
  const gitDir = marker.endsWith('.git') ? marker : dirname(marker);
  const info = await stat(gitDir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) return undefined;
  const head = await readFile(join(gitDir, 'HEAD'), 'utf8').catch(() => undefined);
  if (head === undefined) return undefined;
  const ref = /^ref: (refs\/[^\s]+)\s*$/.exec(head)?.[1];
  const stamp = (path: string) =>
    stat(path).then(
      (file) => `${file.mtimeMs}:${file.size}:${file.ino}`,
      () => '-',
    );
  const refStamp = ref === undefined ? '' : await stamp(join(gitDir, ref));
  return `${gitDir}\n${head}\n${refStamp}\n${await stamp(join(gitDir, 'packed-refs'))}`;
}

const headByWorkspace = new Map<string, { fingerprint: string; commit: string | undefined }>();

/**
 * The commit `HEAD` points at in `workspace`, or `undefined` outside a git repository. No git
 * process when no `.git` is above the workspace (and `GIT_DIR` is unset), nor when HEAD and the
 * files its ref is read from are unchanged since the last answer for this workspace.
 */
export async function readHeadCommit(workspace: string): Promise<string | undefined> {
  const usesEnvironment = process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined;
  if (usesEnvironment) return askGitForHead(workspace);
  const marker = findGitMarker(workspace);
  if (marker === undefined) return undefined;
  const fingerprint = await headFingerprint(marker);
  const known = headByWorkspace.get(workspace);
  if (fingerprint !== undefined && known?.fingerprint === fingerprint) return known.commit;
  const commit = await askGitForHead(workspace);
  if (fingerprint !== undefined) {
    if (headByWorkspace.size >= 64) headByWorkspace.clear();
    headByWorkspace.set(workspace, { fingerprint, commit });
  }
  return commit;
}

async function askGitForHead(workspace: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', workspace, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
    const commit = stdout.trim();
    return COMMIT.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}
