import { z } from 'zod';
import type { ReadOnlyTool } from '../read-only-tool.js';
import { defineReadOnlyTool } from './define-read-only-tool.js';
import { clampLineWindow, createLineExcerpt, describeLineWindow, MAX_LINES_PER_CALL } from './line-window.js';
import type { ReadOnlyToolContext } from './read-only-tool-context.js';
import { readWorkspaceFile } from './read-workspace-file.js';

export const ReadLinesInputSchema = z.object({
  path: z.string().min(1).describe('File path relative to the workspace root, e.g. "src/db/pool.ts".'),
  start_line: z.number().int().describe('First line to read (1-based).'),
  end_line: z
    .number()
    .int()
    .describe(`Last line to read (inclusive); at most ${MAX_LINES_PER_CALL} lines per call.`),
});

export type ReadLinesInput = z.output<typeof ReadLinesInputSchema>;

/** `read_lines`: exact current lines of one file, as one excerpt with a resolvable ref. */
export function createReadLinesTool(context: ReadOnlyToolContext): ReadOnlyTool<ReadLinesInput> {
  return defineReadOnlyTool(
    {
      name: 'read_lines',
      description: `Read lines of one workspace file as it is now. Use it to see the exact code or text behind a search hit or a file from list_files before you cite it; the lines come back as an excerpt you can cite. At most ${MAX_LINES_PER_CALL} lines per call; ranges past the end are clamped.`,
      inputSchema: ReadLinesInputSchema,
      async run(input) {
        const file = await readWorkspaceFile(context, input.path);
        const window = clampLineWindow(file.text, { start: input.start_line, end: input.end_line });
        return {
          text: describeLineWindow(file.path, window),
          excerpts: [createLineExcerpt(file.path, window)],
        };
      },
    },
    context.signal,
  );
}
