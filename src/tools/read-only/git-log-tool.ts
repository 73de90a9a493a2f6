import { z } from 'zod';
import type { ReadOnlyTool } from '../read-only-tool.js';
import { checkWorkspacePath } from './check-workspace-path.js';
import { defineReadOnlyTool } from './define-read-only-tool.js';
import type { GitRunner } from './git-runner.js';
import type { ReadOnlyToolContext } from './read-only-tool-context.js';

const MAX_LIMIT = 100;

export const GitLogInputSchema = z.object({
  path: z
    .string()
    .optional()
    .describe(
      'Only commits that changed this file or folder (relative to the workspace root). Omit for all.',
    ),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(20)
    .describe(`Most commits to return, newest first (default 20, at most ${MAX_LIMIT}).`),
});

export type GitLogInput = z.output<typeof GitLogInputSchema>;

/** `git_log`: commit hash, author date, author and subject, newest first, as text. */
export function createGitLogTool(context: ReadOnlyToolContext, git: GitRunner): ReadOnlyTool<GitLogInput> {
  return defineReadOnlyTool(
    {
      name: 'git_log',
      description:
        'List commits of the workspace repository (full hash, date, author, subject), newest first, optionally only those touching one path. Use it to see how and when something changed, and to find a commit for git_show or to explain a git_blame line.',
      inputSchema: GitLogInputSchema,
      async run(input, signal) {
        // `.` keeps the history to the workspace when it is a folder inside a bigger repository.
        const path = input.path === undefined ? '' : checkWorkspacePath(input.path, { allowRoot: true });
        const output = await git(
          [
            'log',
            '--no-color',
            `--max-count=${input.limit + 1}`,
            '--format=%H%x09%aI%x09%an%x09%s',
            '--',
            path === '' ? '.' : path,
          ],
          { signal },
        );
        const commits = output
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => line.split('\t').join('  '));
        const scope = path === '' ? '' : ` touching ${path}`;
        if (commits.length === 0) return { text: `no commits${scope}`, excerpts: [] };
        const shown = commits.slice(0, input.limit);
        const lines = [`commits${scope}, newest first (hash  date  author  subject):`, ...shown];
        if (commits.length > shown.length) {
          lines.push(`… older commits not shown; raise limit (at most ${MAX_LIMIT})`);
        }
        return { text: lines.join('\n'), excerpts: [] };
      },
    },
    context.signal,
  );
}
