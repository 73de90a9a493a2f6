import type { ObjectiveAssessment, SourceFact, SourceFactKind } from '../analysis/index.js';
import { GENERIC_WORDS, pathRole, splitIdentifier, wordsMeet } from '../analysis/index.js';

/** What the engine looks for in one lane: the objective's subject, the lane's query words, its persona's focus. */
export interface FactLens {
  assessment: ObjectiveAssessment;
  /** Words of the lane's queries (its slice of expansions and persona vocabulary). */
  queryWords: string[];
  /** Fact kinds in the persona's order of interest. */
  focus: readonly SourceFactKind[];
}

function meets(terms: readonly string[], words: readonly string[]): number {
  return words.filter((word) => terms.some((term) => wordsMeet(term, word))).length;
}

/** Words of the lane's queries, identifiers split, generic words dropped. */
export function queryWordsOf(queries: readonly string[]): string[] {
  return [
    ...new Set(
      queries.flatMap(splitIdentifier).filter((word) => word.length > 2 && !GENERIC_WORDS.has(word)),
    ),
  ];
}

/**
 * How well a fact answers the lane, or undefined when it must not be reported: when the objective
 * names a subject, a fact must touch it (through its names or its file's path); otherwise it must
 * match the lane's angle. Tests rank below implementation unless the persona is about tests.
 */
export function scoreFact(fact: SourceFact, lens: FactLens): number | undefined {
  const subjectWords = [
    ...lens.assessment.matchedTerms,
    ...lens.assessment.expansions.flatMap(splitIdentifier),
  ];
  const subjectHits = meets(fact.terms, lens.assessment.matchedTerms) * 2 + meets(fact.terms, subjectWords);
  const queryHits = meets(fact.terms, lens.queryWords);
  const focusRank = lens.focus.indexOf(fact.kind);
  const focusWeight = focusRank === -1 ? 0 : 3 - focusRank * 0.4;
  if (lens.assessment.matchedTerms.length > 0) {
    if (subjectHits === 0) return undefined;
  } else if (queryHits === 0 && focusRank === -1) return undefined;
  const role = pathRole(fact.path);
  // Tests and benchmarks use X; the question "where is X" is answered by the code that makes X.
  const rolePenalty = role === 'test' ? (lens.focus.includes('test') ? 0 : 3) : role === 'peripheral' ? 3 : 0;
  const makes =
    /\b(class|function)\b/.test(fact.statement) && (fact.kind === 'exports' || fact.kind === 'defines')
      ? 1
      : 0;
  return subjectHits * 1.5 + queryHits + focusWeight + makes - rolePenalty;
}
