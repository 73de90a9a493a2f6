import { z } from 'zod';
import { splitLines } from '../../contracts/index.js';
import type { ReadOnlyTool } from '../read-only-tool.js';
import { checkWorkspacePath } from './check-workspace-path.js';
import { defineReadOnlyTool } from './define-read-only-tool.js';
import { createGlobMatcher, isGlobPattern } from './glob-pattern.js';
import type { ReadOnlyToolContext } from './read-only-tool-context.js';

const MAX_LIMIT = 500;

export const ListFilesInputSchema = z.object({
  under: z
    .string()
    .optional()
    .describe('Folder to list, relative to the workspace root, e.g. "src/db". Omit for the whole workspace.'),
  pattern: z
    .string()
    .optional()
    .describe(
      'Keep only matching paths: a glob ("*.ts" matches file names anywhere, "src/**/test-*.ts" whole paths) or, without * or ?, a case-insensitive substring of the path.',
    ),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(100)
    .describe(`Most paths to return (default 100, at most ${MAX_LIMIT}).`),
});

export type ListFilesInput = z.output<typeof ListFilesInputSchema>;

function countLines(text: string): number {
  const lines = splitLines(text);
  return lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
}

/** `list_files`: the scanned workspace files (what search and read_lines can see), bounded. */
export function createListFilesTool(context: ReadOnlyToolContext): ReadOnlyTool<ListFilesInput> {
  return defineReadOnlyTool(
    {
      name: 'list_files',
      description:
        'List the workspace files you can read, with their line counts. Use it first to find where things are, or to check a path before read_lines. Hidden, generated and binary files are not listed.',
      inputSchema: ListFilesInputSchema,
      async run(input) {
        const under = input.under === undefined ? '' : checkWorkspacePath(input.under, { allowRoot: true });
        const pattern = input.pattern?.trim() ?? '';
        const matches =
          pattern === ''
            ? () => true
            : isGlobPattern(pattern)
              ? createGlobMatcher(pattern)
              : (path: string) => path.toLowerCase().includes(pattern.toLowerCase());
        const selected = context.files.filter(
          (file) =>
            (under === '' || file.path === under || file.path.startsWith(`${under}/`)) && matches(file.path),
        );
        const scope = `${under === '' ? '' : ` under ${under}`}${pattern === '' ? '' : ` matching ${JSON.stringify(pattern)}`}`;
        if (selected.length === 0) {
          return { text: `no files${scope}; try list_files without under or pattern`, excerpts: [] };
        }
        const shown = selected.slice(0, input.limit);
        const lines = [
          `${selected.length} files${scope}:`,
          ...shown.map((file) => `${file.path} (${countLines(file.text)} lines)`),
        ];
        const more = selected.length - shown.length;
        if (more > 0) {
          lines.push(
            `… ${more} more not shown; narrow with under or pattern, or raise limit (at most ${MAX_LIMIT})`,
          );
        }
        return { text: lines.join('\n'), excerpts: [] };
      },
    },
    context.signal,
  );
}
