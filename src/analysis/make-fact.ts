import type { SourceFact, SourceFactKind } from './source-fact.js';
import { splitIdentifier } from './split-identifier.js';

/**
 * The words of the path facts were last made for, and the terms of that path's facts so far: the
 * facts of one file share one string per distinct term instead of each holding copies (a file's
 * facts are made one after another). Keyed by the path itself, so another path never reuses them.
 */
let lastPath: string | undefined;
let pathTerms: string[] = [];
let shared = new Map<string, string>();

function termsOf(path: string, names: readonly string[]): string[] {
  if (path !== lastPath) {
    lastPath = path;
    shared = new Map();
    pathTerms = splitIdentifier(path).map((word) => share(word));
  }
  const terms = new Set<string>();
  for (const name of names) for (const word of splitIdentifier(name)) terms.add(share(word));
  for (const word of pathTerms) terms.add(word);
  return [...terms];
}

function share(word: string): string {
  const known = shared.get(word);
  if (known !== undefined) return known;
  shared.set(word, word);
  return word;
}

/** Builds a fact with its matching terms derived from its names and path. */
export function makeFact(
  kind: SourceFactKind,
  path: string,
  line: number,
  statement: string,
  names: readonly string[],
  extra: { endLine?: number; ruleId?: string; target?: string } = {},
): SourceFact {
  return {
    kind,
    path,
    line,
    endLine: extra.endLine ?? line,
    statement,
    names: [...names],
    terms: termsOf(path, names),
    ...(extra.ruleId === undefined ? {} : { ruleId: extra.ruleId }),
    ...(extra.target === undefined ? {} : { target: extra.target }),
  };
}
