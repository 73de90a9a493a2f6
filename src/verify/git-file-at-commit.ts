import { execFile } from 'node:child_process';
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

/** The commit `HEAD` points at in `workspace`, or `undefined` outside a git repository. */
export async function readHeadCommit(workspace: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', workspace, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
    const commit = stdout.trim();
    return COMMIT.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}
