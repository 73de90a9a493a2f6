import { z } from 'zod';
import type { ReadOnlyTool } from '../read-only-tool.js';
import { defineReadOnlyTool } from './define-read-only-tool.js';
import type { GitRunner } from './git-runner.js';
import { clampLineWindow, createLineExcerpt, describeLineWindow, MAX_LINES_PER_CALL } from './line-window.js';
import type { ReadOnlyToolContext } from './read-only-tool-context.js';
import { readWorkspaceFile } from './read-workspace-file.js';

export const GitBlameInputSchema = z.object({
  path: z.string().min(1).describe('File path relative to the workspace root, e.g. "src/db/pool.ts".'),
  start_line: z.number().int().describe('First line to blame (1-based).'),
  end_line: z
    .number()
    .int()
    .describe(`Last line to blame (inclusive); at most ${MAX_LINES_PER_CALL} lines per call.`),
});

export type GitBlameInput = z.output<typeof GitBlameInputSchema>;

const UNCOMMITTED = /^0{40}$/;

/** Turns `--line-porcelain` output into `line  commit  date  author  subject` rows. */
function parseLinePorcelain(output: string): string[] {
  const rows: string[] = [];
  let header: { hash: string; line: string } | undefined;
  const fields = new Map<string, string>();
  for (const line of output.split('\n')) {
    if (header === undefined) {
      const match = /^([0-9a-f]{40}) \d+ (\d+)/.exec(line);
      if (match !== null) header = { hash: match[1] as string, line: match[2] as string };
      continue;
    }
    if (!line.startsWith('\t')) {
      const space = line.indexOf(' ');
      if (space > 0) fields.set(line.slice(0, space), line.slice(space + 1));
      continue;
    }
    // The tab-prefixed content line closes one blamed line's block.
    const seconds = Number(fields.get('author-time'));
    const date = Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString().slice(0, 10) : '?';
    const commit = UNCOMMITTED.test(header.hash) ? 'uncommitted' : header.hash.slice(0, 12);
    rows.push(
      [header.line, commit, date, fields.get('author') ?? '?', fields.get('summary') ?? ''].join('  '),
    );
    header = undefined;
    fields.clear();
  }
  return rows;
}

/** `git_blame`: who last changed each line, as text, plus the current lines as an excerpt. */
export function createGitBlameTool(
  context: ReadOnlyToolContext,
  git: GitRunner,
): ReadOnlyTool<GitBlameInput> {
  return defineReadOnlyTool(
    {
      name: 'git_blame',
      description: `Show which commit, author and date last changed each line of a workspace file (at most ${MAX_LINES_PER_CALL} lines per call), with the current lines as an excerpt you can cite. Use it to learn why or when a line was written; follow up with git_show on a commit.`,
      inputSchema: GitBlameInputSchema,
      async run(input, signal) {
        const file = await readWorkspaceFile(context, input.path);
        const window = clampLineWindow(file.text, { start: input.start_line, end: input.end_line });
        const output = await git(
          [
            'blame',
            '--line-porcelain',
            '--no-textconv',
            '-L',
            `${window.start},${window.end}`,
            '--',
            file.path,
          ],
          { signal },
        );
        const rows = parseLinePorcelain(output.toString('utf8'));
        const text = [
          describeLineWindow(`blame of ${file.path}`, window),
          'line  commit  date  author  subject',
          ...rows,
        ].join('\n');
        return { text, excerpts: [createLineExcerpt(file.path, window)] };
      },
    },
    context.signal,
  );
}
