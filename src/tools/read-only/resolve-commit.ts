import { ToolError } from '../tool-error.js';
import { checkCommitId } from './check-commit-id.js';
import type { GitRunner } from './git-runner.js';

/**
 * The full hash of the commit `commit` names, after {@link checkCommitId}. Refs carry the full
 * hash: a short id or `HEAD~1` means something else after the next commit.
 *
 * @throws {ToolError} `TOOL_INPUT_INVALID` when the id is refused or names no commit
 */
export async function resolveCommit(
  git: GitRunner,
  commit: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  const id = checkCommitId(commit);
  try {
    const output = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${id}^{commit}`], {
      signal,
    });
    return output.toString('utf8').trim();
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw new ToolError(
      'TOOL_INPUT_INVALID',
      `commit ${JSON.stringify(commit)} names no commit of this repository; use git_log to find one`,
      { cause: error },
    );
  }
}
