import type { ContextExcerpt } from '../models/index.js';
import type { SearchOptions, WorkspaceIndex } from '../tools/index.js';

/**
 * The mission's index with `search` memoized by query and options: lanes with the same objective
 * ask the same few queries (64 lanes ask 128 searches where 7 are distinct), and the index does not
 * change during a mission. Each caller gets its own array of the (shared, unmodified) excerpts.
 */
export function memoizeSearch(index: WorkspaceIndex): WorkspaceIndex {
  const answers = new Map<string, ContextExcerpt[]>();
  return {
    get fileCount() {
      return index.fileCount;
    },
    get chunkCount() {
      return index.chunkCount;
    },
    get analysis() {
      return index.analysis;
    },
    search(query: string, options?: SearchOptions): ContextExcerpt[] {
      const excluded =
        options?.excludePaths === undefined ? '' : [...options.excludePaths].sort().join('\u0000');
      const key = `${options?.limit ?? ''}\u0001${excluded}\u0001${query}`;
      let found = answers.get(key);
      if (found === undefined) {
        found = index.search(query, options);
        answers.set(key, found);
      }
      return [...found];
    },
  };
}
