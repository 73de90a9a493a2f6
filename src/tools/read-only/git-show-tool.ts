import { z } from 'zod';
import type { ReadOnlyTool, ToolOutput } from '../read-only-tool.js';
import { ToolError } from '../tool-error.js';
import { checkWorkspacePath } from './check-workspace-path.js';
import { defineReadOnlyTool } from './define-read-only-tool.js';
import type { GitRunner } from './git-runner.js';
import { clampLineWindow, createLineExcerpt, describeLineWindow, MAX_LINES_PER_CALL } from './line-window.js';
import type { ReadOnlyToolContext } from './read-only-tool-context.js';
import { resolveCommit } from './resolve-commit.js';

/** Most lines of commit message and stat shown: a huge commit must not flood the context. */
const MAX_SUMMARY_LINES = 300;

export const GitShowInputSchema = z.object({
  commit: z
    .string()
    .min(1)
    .describe(
      'Commit to show: a hex id (4-40 characters, e.g. from git_log), HEAD, HEAD~N, or a branch or tag name.',
    ),
  path: z
    .string()
    .optional()
    .describe(
      'File (relative to the workspace root) to read as it was at that commit. Omit to get the commit message and changed-file stat.',
    ),
  start_line: z.number().int().optional().describe('With path: first line to read (1-based, default 1).'),
  end_line: z
    .number()
    .int()
    .optional()
    .describe(`With path: last line to read (inclusive); at most ${MAX_LINES_PER_CALL} lines per call.`),
});

export type GitShowInput = z.output<typeof GitShowInputSchema>;

async function showCommit(
  git: GitRunner,
  hash: string,
  signal: AbortSignal | undefined,
): Promise<ToolOutput> {
  const output = await git(
    [
      'show',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--stat=160',
      // Paths relative to the workspace, and only its own, when it is a folder of a bigger repository.
      '--relative',
      '--format=commit %H%nAuthor: %an%nDate:   %aI%n%n%B',
      hash,
      '--',
    ],
    { signal },
  );
  const lines = output.toString('utf8').trimEnd().split('\n');
  if (lines.length <= MAX_SUMMARY_LINES) return { text: lines.join('\n'), excerpts: [] };
  const more = lines.length - MAX_SUMMARY_LINES;
  const text = [...lines.slice(0, MAX_SUMMARY_LINES), `… ${more} more lines not shown`].join('\n');
  return { text, excerpts: [] };
}

async function showFileAt(
  git: GitRunner,
  hash: string,
  input: GitShowInput & { path: string },
  signal: AbortSignal | undefined,
): Promise<ToolOutput> {
  const path = checkWorkspacePath(input.path);
  // The scan never reads hidden files (where `.env` and keys live); history must not bypass that.
  if (path.split('/').some((segment) => segment.startsWith('.'))) {
    throw new ToolError(
      'TOOL_PATH_INVALID',
      `path ${JSON.stringify(input.path)} is hidden; hidden files are not read`,
    );
  }
  // `./` makes git read the path relative to the workspace, not to the repository root.
  const object = `${hash}:./${path}`;
  let type: string;
  try {
    type = (await git(['cat-file', '-t', object], { signal })).toString('utf8').trim();
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw new ToolError(
      'TOOL_PATH_INVALID',
      `path ${JSON.stringify(input.path)} does not exist at commit ${hash}; use git_log with path to find the commits that touched it`,
      { cause: error },
    );
  }
  if (type !== 'blob') {
    throw new ToolError(
      'TOOL_PATH_INVALID',
      `path ${JSON.stringify(input.path)} is a folder at commit ${hash}`,
    );
  }
  const content = await git(['cat-file', 'blob', object], { signal });
  if (content.includes(0)) {
    throw new ToolError(
      'TOOL_INPUT_INVALID',
      `path ${JSON.stringify(input.path)} is binary at commit ${hash}`,
    );
  }
  const window = clampLineWindow(content.toString('utf8'), { start: input.start_line, end: input.end_line });
  return {
    text: describeLineWindow(`${path} at commit ${hash}`, window),
    excerpts: [createLineExcerpt(path, window, hash)],
  };
}

/** `git_show`: a commit's message and stat as text, or a file's lines at a commit as an excerpt. */
export function createGitShowTool(context: ReadOnlyToolContext, git: GitRunner): ReadOnlyTool<GitShowInput> {
  return defineReadOnlyTool(
    {
      name: 'git_show',
      description:
        "Show one commit of the workspace repository: without path, its message and the files it changed; with path, that file's lines as they were at the commit (an excerpt you can cite, pinned to the commit). Use it to explain a change found with git_log or git_blame, or to compare old and current code.",
      inputSchema: GitShowInputSchema,
      async run(input, signal) {
        const { path } = input;
        if (path === undefined && (input.start_line !== undefined || input.end_line !== undefined)) {
          throw new ToolError('TOOL_INPUT_INVALID', 'start_line and end_line need a path');
        }
        const hash = await resolveCommit(git, input.commit, signal);
        return path === undefined
          ? showCommit(git, hash, signal)
          : showFileAt(git, hash, { ...input, path }, signal);
      },
    },
    context.signal,
  );
}
