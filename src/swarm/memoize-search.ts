import type { ContextExcerpt } from '../models/index.js';
import type { SearchOptions, WorkspaceIndex } from '../tools/index.js';

/** Index contents whose answers are kept across missions (newest by use). */
const KEEP_CONTENTS = 4;
/** Answers kept per index content: lanes ask tens of queries a mission, a long-lived process more. */
const KEEP_ANSWERS = 2_048;

type Answers = Map<string, readonly ContextExcerpt[]>;

/** Answers per index content key: the same bytes indexed the same way give the same answers. */
const byContent = new Map<string, Answers>();

function answersFor(contentKey: string | undefined): Answers {
  if (contentKey === undefined) return new Map();
  let answers = byContent.get(contentKey);
  if (answers !== undefined) {
    byContent.delete(contentKey);
  } else {
    answers = new Map();
    if (byContent.size >= KEEP_CONTENTS) byContent.delete(byContent.keys().next().value as string);
  }
  byContent.set(contentKey, answers);
  return answers;
}

function freezeExcerpt(excerpt: ContextExcerpt): ContextExcerpt {
  return Object.freeze({ ...excerpt, ref: Object.freeze({ ...excerpt.ref }) });
}

/** Indexes made by {@link memoizeSearch} → the answers they share (one per index content key). */
const memoized = new WeakMap<WorkspaceIndex, object>();

/**
 * For an index from {@link memoizeSearch}: an object standing for its answers, the same for every
 * index over the same content key (they answer every query with the same excerpts), so a result
 * computed only from its answers may be kept under it. `undefined` for any other index.
 */
export function fixedAnswersOf(index: WorkspaceIndex): object | undefined {
  return memoized.get(index);
}

/**
 * The mission's index with `search` memoized by query and options: lanes with the same objective
 * ask overlapping queries (64 lanes ask 129 searches, 49 of them distinct), and the index does not
 * change during a mission. With `contentKey` (the index cache's key: every path and content sha256,
 * the chunk options and the indexer's build) the answers are kept for the next mission over the
 * same bytes too; any changed byte is another key. Each caller gets its own array of the (shared,
 * frozen) excerpts.
 */
export function memoizeSearch(index: WorkspaceIndex, contentKey?: string): WorkspaceIndex {
  const answers = answersFor(contentKey);
  const memo: WorkspaceIndex = {
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
        found = index.search(query, options).map(freezeExcerpt);
        if (answers.size >= KEEP_ANSWERS) answers.clear();
        answers.set(key, found);
      }
      return [...found];
    },
  };
  memoized.set(memo, answers);
  return memo;
}
