import type { ContextExcerpt } from '../models/index.js';
import type { WorkspaceIndex } from '../tools/index.js';
import { fixedAnswersOf } from './memoize-search.js';

/** Excerpts kept per query, and per lane after merging the queries' answers. */
export interface RetrievalLimits {
  perQuery: number;
  perLane: number;
}

/** Merged answers kept per index content (a mission's lanes ask a few distinct query lists). */
const KEEP_MERGED = 512;

const mergedByAnswers = new WeakMap<object, Map<string, readonly ContextExcerpt[]>>();

/** The queries' answers merged: one excerpt per start line of a file (its best score), best first. */
function merge(index: WorkspaceIndex, queries: readonly string[], limits: RetrievalLimits): ContextExcerpt[] {
  const byKey = new Map<string, ContextExcerpt>();
  for (const query of queries) {
    for (const excerpt of index.search(query, { limit: limits.perQuery })) {
      const key = `${excerpt.ref.path}:${excerpt.ref.lines[0]}`;
      const known = byKey.get(key);
      if (known === undefined || known.score < excerpt.score) byKey.set(key, excerpt);
    }
  }
  return [...byKey.values()].sort((left, right) => right.score - left.score).slice(0, limits.perLane);
}

/**
 * What a lane's Perceive retrieves for its queries. The merge is a function of the index's answers
 * alone, so over an index whose answers are fixed (the mission's memoized index) lanes asking the
 * same queries share one merge, keyed by the queries and limits and kept with those answers (so
 * across missions over the same content too); any other index is searched every time. Each caller gets its own array (of the memoized index's frozen excerpts).
 */
export function retrieve(
  index: WorkspaceIndex,
  queries: readonly string[],
  limits: RetrievalLimits,
): ContextExcerpt[] {
  const answers = fixedAnswersOf(index);
  if (answers === undefined) return merge(index, queries, limits);
  let merged = mergedByAnswers.get(answers);
  if (merged === undefined) {
    merged = new Map();
    mergedByAnswers.set(answers, merged);
  }
  // JSON keeps the list unambiguous (no separator a query could contain).
  const key = `${limits.perQuery}:${limits.perLane}:${JSON.stringify(queries)}`;
  let found = merged.get(key);
  if (found === undefined) {
    found = merge(index, queries, limits);
    if (merged.size >= KEEP_MERGED) merged.clear();
    merged.set(key, found);
  }
  return [...found];
}
