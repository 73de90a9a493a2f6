import type { SourceFact } from './source-fact.js';

/** One string per value: `share(text)` answers the first string equal to `text` it was given. */
export function stringSharer(shared = new Map<string, string>()): (text: string) => string {
  return (text) => {
    const known = shared.get(text);
    if (known !== undefined) return known;
    shared.set(text, text);
    return text;
  };
}

/**
 * Facts that arrived as a copy (a worker's message, an entry's JSON) hold each kind, path and word
 * as a string of their own (thousands of `"exports"`, `"dist"`, the same path per fact). Each is
 * replaced by `share`'s one string for its value, as the facts made on one thread share them.
 * Equal strings: no fact changes.
 */
export function shareFactStrings(facts: readonly SourceFact[], share: (text: string) => string): void {
  for (const fact of facts) {
    fact.kind = share(fact.kind) as SourceFact['kind'];
    fact.path = share(fact.path);
    for (let at = 0; at < fact.names.length; at += 1) fact.names[at] = share(fact.names[at] as string);
    for (let at = 0; at < fact.terms.length; at += 1) fact.terms[at] = share(fact.terms[at] as string);
    if (fact.ruleId !== undefined) fact.ruleId = share(fact.ruleId);
    if (fact.target !== undefined) fact.target = share(fact.target);
  }
}
