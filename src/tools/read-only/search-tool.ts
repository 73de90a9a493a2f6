import { z } from 'zod';
import type { ReadOnlyTool } from '../read-only-tool.js';
import { defineReadOnlyTool } from './define-read-only-tool.js';
import type { ReadOnlyToolContext } from './read-only-tool-context.js';

const MAX_LIMIT = 20;

export const SearchInputSchema = z.object({
  query: z
    .string()
    .min(1)
    .describe(
      'Words to look for: identifiers, error messages, file names or topic words, e.g. "session token expiry".',
    ),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(8)
    .describe(`Most excerpts to return, best first (default 8, at most ${MAX_LIMIT}).`),
});

export type SearchInput = z.output<typeof SearchInputSchema>;

/** `search`: BM25 over the workspace index; each hit is a line-window excerpt with its ref. */
export function createSearchTool(context: ReadOnlyToolContext): ReadOnlyTool<SearchInput> {
  return defineReadOnlyTool(
    {
      name: 'search',
      description:
        'Search the workspace text by keywords (ranked, words matched separately, identifiers split on case and underscores). Use it when you do not know which file holds something; widen a hit with read_lines.',
      inputSchema: SearchInputSchema,
      async run(input) {
        const excerpts = context.index.search(input.query, { limit: input.limit });
        const text =
          excerpts.length === 0
            ? `no excerpt matches ${JSON.stringify(input.query)}; try other words or list_files`
            : `${excerpts.length} excerpts for ${JSON.stringify(input.query)}, best first`;
        return { text, excerpts };
      },
    },
    context.signal,
  );
}
